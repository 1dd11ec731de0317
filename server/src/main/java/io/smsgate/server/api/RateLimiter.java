package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-key and per-account request rates ({@code api.per-key-rate}, {@code api.per-account-rate}): a token bucket
 * each, holding one second's worth, so a client may burst to its rate and then keeps to it. A refused request
 * learns how long until it would be admitted (the 429's Retry-After).
 */
final class RateLimiter {

    private final int perKey;
    private final int perAccount;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> accounts = new ConcurrentHashMap<>();

    RateLimiter(int perKey, int perAccount, LongSupplier nanoTime) {
        if (perKey < 1 || perAccount < 1) {
            throw new IllegalArgumentException("rates: " + perKey + "/" + perAccount + " (expected: >= 1 each)");
        }
        this.perKey = perKey;
        this.perAccount = perAccount;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    }

    /** Takes one request of {@code principal}: 0 when admitted, else the nanoseconds until it would be. */
    long acquire(Principal principal) {
        long now = nanoTime.getAsLong();
        Bucket key = keys.computeIfAbsent(principal.keyId(), id -> new Bucket(perKey, now));
        long keyWait = key.take(now);
        if (keyWait > 0) {
            return keyWait;
        }
        Bucket account = accounts.computeIfAbsent(principal.systemId(), id -> new Bucket(perAccount, now));
        long accountWait = account.take(now);
        if (accountWait > 0) {
            // The account refused it: the key's token was not spent.
            key.refund();
        }
        return accountWait;
    }

    /** Whole seconds to put in Retry-After for a wait (at least 1: 0 would invite an immediate retry storm). */
    static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(int perSecond, long now) {
            this.perNano = perSecond / 1e9;
            this.capacity = perSecond;
            this.tokens = perSecond;
            this.last = now;
        }

        synchronized long take(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * perNano);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized void refund() {
            tokens = Math.min(capacity, tokens + 1);
        }
    }
}
