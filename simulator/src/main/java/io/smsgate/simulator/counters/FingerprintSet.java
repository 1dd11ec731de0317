package io.smsgate.simulator.counters;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An insert-only, lock-free set of 64-bit fingerprints (open addressing, linear probing, CAS on insert).
 * Fingerprint 0 marks an empty slot, so it is stored as 1. The table is filled to three quarters at most:
 * beyond that an insert reports {@link Result#FULL} instead of slowing the hot path down (linear probing
 * needs about 8 probes for a miss at 3/4 full, but about 50 at 9/10, and this sits on every message's path).
 */
final class FingerprintSet {
    private static final int MAX_PROBES = 64;

    /** What {@link #add} found. */
    enum Result { ADDED, PRESENT, FULL }

    private final AtomicLongArray slots;
    private final int mask;
    private final int limit;
    private final AtomicInteger size = new AtomicInteger();

    FingerprintSet(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: a power of two >= 2)");
        }
        slots = new AtomicLongArray(capacity);
        mask = capacity - 1;
        limit = capacity - capacity / 4;
    }

    Result add(long fingerprint) {
        long value = fingerprint == 0 ? 1 : fingerprint;
        int index = home(value);
        boolean full = size.get() >= limit;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            long slot = slots.get(index);
            if (slot == value) {
                return Result.PRESENT;
            }
            if (slot == 0) {
                if (full) {
                    return Result.FULL;  // not present, and no room left to remember it
                }
                if (slots.compareAndSet(index, 0, value)) {
                    size.incrementAndGet();
                    return Result.ADDED;
                }
                if (slots.get(index) == value) {
                    return Result.PRESENT;
                }
            }
            index = (index + 1) & mask;
        }
        return Result.FULL;
    }

    boolean contains(long fingerprint) {
        long value = fingerprint == 0 ? 1 : fingerprint;
        int index = home(value);
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            long slot = slots.get(index);
            if (slot == value) {
                return true;
            }
            if (slot == 0) {
                return false;
            }
            index = (index + 1) & mask;
        }
        return false;
    }

    // The value's first slot, from all its bits mixed (MurmurHash3's 64-bit finaliser): values sharing their low
    // bits, as jqwik's generated ones did (and a caller's structured ids could), would otherwise fill one run of
    // slots and end in FULL after MAX_PROBES at a quarter of the capacity.
    private int home(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
