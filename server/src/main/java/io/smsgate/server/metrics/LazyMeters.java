package io.smsgate.server.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Meters indexed by a small integer (a status slot, an enum ordinal), registered on first use and then read with one
 * volatile array load: nothing is looked up by name on the hot path, and series that never happen never appear.
 */
final class LazyMeters<M> {

    private final AtomicReferenceArray<M> meters;
    private final IntFunction<M> register;

    LazyMeters(int size, IntFunction<M> register) {
        this.meters = new AtomicReferenceArray<>(size);
        this.register = register;
    }

    M get(int index) {
        M meter = meters.get(index);
        if (meter == null) {
            // Two threads may both register: the registry returns the same meter for the same id.
            meter = register.apply(index);
            meters.lazySet(index, meter);
        }
        return meter;
    }
}
