package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts failed binds per key (a source address, a system_id) and locks a key out with exponential lockouts once
 * it has used its free failures. Memory is bounded: beyond {@code maxTracked} keys the least recently failing one is
 * forgotten. Thread-safe; every call is O(1).
 */
final class BruteForceLimiter {

    private final BruteForceConfig config;
    private final LongSupplier nanoTime;
    private final Map<String, Record> records;

    BruteForceLimiter(BruteForceConfig config, LongSupplier nanoTime) {
        this.config = requireNonNull(config, "config");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.records = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > config.maxTracked();
            }
        };
    }

    /** Nanoseconds {@code key} is still locked out for; 0 when it may try. */
    synchronized long lockedForNanos(String key) {
        Record record = records.get(key);
        if (record == null || record.failures <= config.freeFailures()) {
            return 0;
        }
        return Math.max(0, record.lockedUntil - nanoTime.getAsLong());
    }

    /** A failed bind for {@code key}: counts it and extends the lockout once the free failures are used. */
    synchronized void failed(String key) {
        long now = nanoTime.getAsLong();
        Record record = records.computeIfAbsent(key, k -> new Record());
        record.failures++;
        int over = record.failures - config.freeFailures();
        if (over > 0) {
            long base = config.baseLockout().toNanos();
            long max = config.maxLockout().toNanos();
            long lockout = over > 40 ? max : Math.min(max, base << Math.min(over - 1, 40));
            if (lockout < 0) {
                lockout = max;
            }
            record.lockedUntil = now + lockout;
        }
    }

    /** A good bind: {@code key} starts afresh. */
    synchronized void succeeded(String key) {
        records.remove(key);
    }

    synchronized int tracked() {
        return records.size();
    }

    private static final class Record {
        int failures;
        long lockedUntil;
    }
}
