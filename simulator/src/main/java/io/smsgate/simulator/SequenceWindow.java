package io.smsgate.simulator;

import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Requests awaiting their response, by sequence_number (SMPP 3.4 §3.2: a peer numbers its requests
 * monotonically).
 *
 * <p>Netty's {@link IntObjectHashMap} puts key {@code k} at slot {@code k & mask} and deletes by backward shift,
 * so monotonic sequence numbers form one contiguous run and every removal scans it: with thousands of
 * unanswered deliver_sm that was a third of the simulator's CPU. The keys are spread by a multiplication with an
 * odd constant (a bijection on {@code int}), which scatters consecutive numbers across the table.
 */
final class SequenceWindow<V> {

    private static final int SPREAD = 0x9E37_79B9;  // 2^32 / golden ratio, odd

    private final IntObjectHashMap<V> pending = new IntObjectHashMap<>();

    void put(int sequence, V value) {
        pending.put(sequence * SPREAD, value);
    }

    /** The request with this sequence_number, removed; null when there is none. */
    V remove(int sequence) {
        return pending.remove(sequence * SPREAD);
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Removes every request its value matches and returns them. */
    List<V> removeIf(Predicate<V> expired) {
        List<Integer> keys = new ArrayList<>();
        List<V> removed = new ArrayList<>();
        for (IntObjectHashMap.PrimitiveEntry<V> entry : pending.entries()) {
            if (expired.test(entry.value())) {
                keys.add(entry.key());
                removed.add(entry.value());
            }
        }
        for (int key : keys) {
            pending.remove(key);
        }
        return removed;
    }

    /** Empties the window and returns what it held. */
    Collection<V> clear() {
        List<V> all = new ArrayList<>(pending.values());
        pending.clear();
        return all;
    }
}
