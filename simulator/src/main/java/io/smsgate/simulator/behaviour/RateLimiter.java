package io.smsgate.simulator.behaviour;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free token bucket in its GCRA form (ITU-T I.371 generic cell rate algorithm): one CAS on the
 * theoretical arrival time per request, so binds of one system_id on different event loops can share it.
 * Time is passed in (nanoseconds from any fixed origin), never read.
 */
public final class RateLimiter {
    private final int ratePerSecond;
    private final int burst;
    private final long interval;
    private final long tolerance;
    private final AtomicLong theoreticalArrival;

    /**
     * @param ratePerSecond sustained requests per second (>= 1)
     * @param burst requests that may arrive back to back (>= 1)
     * @param originNanos the time the bucket starts full
     */
    public RateLimiter(int ratePerSecond, int burst, long originNanos) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: >= 1)");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: >= 1)");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.interval = 1_000_000_000L / ratePerSecond;
        this.tolerance = interval * (burst - 1);
        this.theoreticalArrival = new AtomicLong(originNanos);
    }

    public int ratePerSecond() {
        return ratePerSecond;
    }

    public int burst() {
        return burst;
    }

    /** Whether this limiter enforces the given throttle setting (when not, the caller builds a new one). */
    public boolean matches(int rate, int burstSize) {
        return rate == ratePerSecond && burstSize == burst;
    }

    /** Takes one token at {@code nowNanos}; false when the request is over the rate. */
    public boolean tryAcquire(long nowNanos) {
        while (true) {
            long tat = theoreticalArrival.get();
            long start = tat - nowNanos > 0 ? tat : nowNanos;
            if (start - nowNanos > tolerance) {
                return false;
            }
            if (theoreticalArrival.compareAndSet(tat, start + interval)) {
                return true;
            }
        }
    }
}
