package io.smsgate.simulator;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The messages a simulated carrier issued ids for, so that query_sm, cancel_sm and replace_sm (SMPP 3.4 §4.8,
 * §4.9, §4.10) can find them. Memory is bounded in time: entries live in generations one retention period
 * long, and the generation before the previous one is dropped whole, so a message stays findable for at
 * least the retention period.
 */
final class MessageStore {
    /** One issued message; its state changes as receipts are sent, replace_sm and cancel_sm arrive. */
    static final class Stored {
        final String source;
        final String destination;
        final long submitMillis;
        volatile int state;
        volatile long doneMillis;

        Stored(String source, String destination, long submitMillis, int state) {
            this.source = source;
            this.destination = destination;
            this.submitMillis = submitMillis;
            this.state = state;
        }
    }

    private record Generations(long index, ConcurrentHashMap<Long, Stored> current,
            ConcurrentHashMap<Long, Stored> previous) {
    }

    private final long retentionNanos;
    private final AtomicReference<Generations> generations;

    MessageStore(Duration retention, long originNanos) {
        this.retentionNanos = retention.toNanos();
        this.generations = new AtomicReference<>(new Generations(Math.floorDiv(originNanos, retentionNanos),
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
    }

    void put(long id, Stored message, long nowNanos) {
        rotate(nowNanos).current.put(id, message);
    }

    Optional<Stored> find(long id, long nowNanos) {
        Generations live = rotate(nowNanos);
        Stored stored = live.current.get(id);
        return Optional.ofNullable(stored != null ? stored : live.previous.get(id));
    }

    private Generations rotate(long nowNanos) {
        long index = Math.floorDiv(nowNanos, retentionNanos);
        while (true) {
            Generations live = generations.get();
            if (index <= live.index) {
                return live;
            }
            ConcurrentHashMap<Long, Stored> previous = index == live.index + 1 ? live.current : new ConcurrentHashMap<>();
            Generations next = new Generations(index, new ConcurrentHashMap<>(), previous);
            if (generations.compareAndSet(live, next)) {
                return next;
            }
        }
    }
}
