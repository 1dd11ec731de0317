package io.smsgate.simulator.counters;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells whether a message fingerprint was already seen within a time window. Time is cut into generations
 * one window long; the current and the previous generation are kept, so a repeat within {@code window} is
 * always caught and one up to twice the window may be. Memory is bounded by {@code capacity} per generation, and
 * a table is allocated only when a generation sees its first message (a detector never used costs nothing).
 */
final class DuplicateDetector {
    /** What {@link #check} found. */
    enum Verdict { FIRST, DUPLICATE, UNTRACKED }

    private record Generations(long index, FingerprintSet current, FingerprintSet previous) {
    }

    /** Stands for a generation that saw no message: never added to, so every lookup misses at once. */
    private static final FingerprintSet EMPTY = new FingerprintSet(2);

    private final long windowNanos;
    private final int capacity;
    private final AtomicReference<Generations> generations;

    DuplicateDetector(Duration window, int capacity, long originNanos) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("duplicate-window: " + window + " (expected: > 0)");
        }
        this.windowNanos = window.toNanos();
        this.capacity = capacity;
        this.generations = new AtomicReference<>(new Generations(Math.floorDiv(originNanos, windowNanos), EMPTY, EMPTY));
    }

    Verdict check(long fingerprint, long nowNanos) {
        Generations live = rotate(Math.floorDiv(nowNanos, windowNanos));
        if (live.previous.contains(fingerprint)) {
            return Verdict.DUPLICATE;
        }
        return switch (live.current.add(fingerprint)) {
            case ADDED -> Verdict.FIRST;
            case PRESENT -> Verdict.DUPLICATE;
            case FULL -> Verdict.UNTRACKED;
        };
    }

    private Generations rotate(long index) {
        while (true) {
            Generations live = generations.get();
            if (index <= live.index && live.current != EMPTY) {
                return live;
            }
            // Once per window, or at a generation's first message: the thread that wins the CAS allocates the table.
            Generations next = index <= live.index
                    ? new Generations(live.index, new FingerprintSet(capacity), live.previous)
                    : new Generations(index, new FingerprintSet(capacity), index == live.index + 1 ? live.current : EMPTY);
            if (generations.compareAndSet(live, next)) {
                return next;
            }
        }
    }
}
