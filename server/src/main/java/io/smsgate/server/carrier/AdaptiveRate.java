package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * The send rate of one bind: a token bucket whose rate adapts between {@code rate.min-tps} and the bind's
 * {@code tps} ceiling (AIMD). ESME_RTHROTTLED/ESME_RMSGQFUL multiply it by {@code rate.decrease}; SMPP 5.0
 * congestion_state (§4.8.4.19) at 90 or more lowers it by a tenth, 80–89 (the optimum band) holds it, below 80 lets
 * it climb by {@code rate.increase-per-second}. Time comes from {@code ticker} (nanoseconds), never from the system
 * clock, so tests drive it. Not thread-safe: one connector thread owns it.
 */
final class AdaptiveRate {

    static final int CONGESTION_OPTIMUM_LOW = 80;
    static final int CONGESTION_OPTIMUM_HIGH = 89;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Congestion lowers the rate at most this often, so one burst of responses counts once. */
    private static final long CONGESTION_STEP_NANOS = NANOS_PER_SECOND / 10;

    private final double ceiling;
    private final RateConfig config;
    private final LongSupplier ticker;
    private double rate;
    private double tokens;
    private long refilledAt;
    private long changedAt;
    /**
     * When congestion last lowered the rate: its own clock, because healthy answers interleaved with congested
     * ones move {@link #changedAt} all the time and would otherwise keep every congestion step from happening.
     */
    private long loweredAt;

    AdaptiveRate(int ceiling, RateConfig config, LongSupplier ticker) {
        this.ceiling = Math.max(ceiling, config.minTps());
        this.config = requireNonNull(config, "config");
        this.ticker = requireNonNull(ticker, "ticker");
        this.rate = this.ceiling;
        long now = ticker.getAsLong();
        this.refilledAt = now;
        this.changedAt = now;
        this.loweredAt = now - CONGESTION_STEP_NANOS;
        this.tokens = burst();
    }

    /** Takes one token if there is one. */
    boolean tryAcquire() {
        refill();
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** How long until a token is there (0 if one is). */
    long nanosUntilToken() {
        refill();
        if (tokens >= 1.0) {
            return 0;
        }
        return (long) Math.ceil((1.0 - tokens) / rate * NANOS_PER_SECOND);
    }

    /** The carrier said slow down (ESME_RTHROTTLED, ESME_RMSGQFUL): cut the rate and empty the bucket. */
    void throttled() {
        refill();
        rate = Math.max(config.minTps(), rate * config.decrease());
        tokens = Math.min(tokens, 0.0);
        changedAt = ticker.getAsLong();
    }

    /** A submit was answered (any status but throttling), with the congestion_state it carried, if any. */
    void answered(OptionalInt congestionState) {
        refill();
        long now = ticker.getAsLong();
        int congestion = congestionState.orElse(0);
        if (congestion > CONGESTION_OPTIMUM_HIGH) {
            if (now - loweredAt >= CONGESTION_STEP_NANOS) {
                rate = Math.max(config.minTps(), rate * 0.9);
                changedAt = now;
                loweredAt = now;
            }
        } else if (congestion >= CONGESTION_OPTIMUM_LOW) {
            changedAt = now;
        } else {
            double gained = config.increasePerSecond() * (now - changedAt) / NANOS_PER_SECOND;
            if (gained > 0) {
                rate = Math.min(ceiling, rate + gained);
                changedAt = now;
            }
        }
    }

    double rate() {
        return rate;
    }

    double ceiling() {
        return ceiling;
    }

    // A tenth of a second's worth, at least one: smooth enough for an SMSC that counts per second.
    private double burst() {
        return Math.max(1.0, rate / 10.0);
    }

    private void refill() {
        long now = ticker.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(burst(), tokens + rate * elapsed / NANOS_PER_SECOND);
            refilledAt = now;
        }
    }
}
