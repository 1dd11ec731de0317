package io.smsgate.simulator.counters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters keyed by a long (command_id and command_status packed together), for a small open set of keys:
 * an insert-only open-addressing table whose adders are allocated up front, so counting allocates nothing
 * and takes no lock. Keys beyond the capacity are counted in {@link #overflow()}.
 */
final class LongKeyedCounters {
    private static final int EMPTY = 0;
    private static final int CLAIMED = 1;
    private static final int READY = 2;
    private static final int MAX_PROBES = 32;

    private final AtomicLongArray keys;
    private final AtomicIntegerArray states;
    private final LongAdder[] adders;
    private final LongAdder overflow = new LongAdder();
    private final int mask;

    LongKeyedCounters(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: a power of two >= 2)");
        }
        keys = new AtomicLongArray(capacity);
        states = new AtomicIntegerArray(capacity);
        adders = new LongAdder[capacity];
        for (int i = 0; i < capacity; i++) {
            adders[i] = new LongAdder();
        }
        mask = capacity - 1;
    }

    static long key(int high, int low) {
        return ((long) high << 32) | (low & 0xFFFF_FFFFL);
    }

    void increment(long key) {
        add(key, 1);
    }

    void add(long key, long amount) {
        int index = spread(key) & mask;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            int state = states.get(index);
            if (state == EMPTY) {
                if (states.compareAndSet(index, EMPTY, CLAIMED)) {
                    keys.set(index, key);
                    states.set(index, READY);
                    adders[index].add(amount);
                    return;
                }
                state = states.get(index);
            }
            while (state == CLAIMED) {
                // Another thread is publishing this slot's key: a few instructions away.
                Thread.onSpinWait();
                state = states.get(index);
            }
            if (keys.get(index) == key) {
                adders[index].add(amount);
                return;
            }
            index = (index + 1) & mask;
        }
        overflow.add(amount);
    }

    long get(long key) {
        int index = spread(key) & mask;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            if (states.get(index) != READY) {
                return 0;
            }
            if (keys.get(index) == key) {
                return adders[index].sum();
            }
            index = (index + 1) & mask;
        }
        return 0;
    }

    long overflow() {
        return overflow.sum();
    }

    /** Every key seen so far with its count, in table order. */
    Map<Long, Long> snapshot() {
        Map<Long, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < adders.length; i++) {
            if (states.get(i) == READY) {
                counts.put(keys.get(i), adders[i].sum());
            }
        }
        return counts;
    }

    private static int spread(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
