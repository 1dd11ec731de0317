package io.smsgate.server.upstream;

import java.util.function.LongSupplier;

/**
 * An account's submit rate: {@code perSecond} tokens a second, bursts up to one second's worth. Shared by all the
 * account's binds; thread-safe, O(1), allocation-free.
 */
final class TokenBucket {

    private static final long SECOND = 1_000_000_000L;

    private final long perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = perSecond;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token; false when the account is over its rate (the request is answered ESME_RTHROTTLED). */
    synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(perSecond, tokens + (double) elapsed * perSecond / SECOND);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    long perSecond() {
        return perSecond;
    }
}
