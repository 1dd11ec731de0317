package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One stretch of load: a target rate on an open-loop schedule, or (rate 0) as fast as the windows allow.
 *
 * @param rate messages per second over all binds; 0 = closed loop
 * @param warmUp send, but leave out of every count and percentile (JIT and connection warm-up)
 */
public record LoadPhase(String name, Duration duration, double rate, MessageMix mix, boolean warmUp) {
    public LoadPhase(String name, Duration duration, double rate, MessageMix mix) {
        this(name, duration, rate, mix, false);
    }

    public LoadPhase {
        requireNonNull(name, "name");
        requireNonNull(duration, "duration");
        requireNonNull(mix, "mix");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
        }
        if (!(rate >= 0.0 && rate <= 10_000_000.0)) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: 0..10000000 per second, 0 = as fast as the windows allow)");
        }
    }

    public boolean closedLoop() {
        return rate == 0.0;
    }
}
