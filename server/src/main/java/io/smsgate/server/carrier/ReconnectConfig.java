package io.smsgate.server.carrier;

import java.time.Duration;

/**
 * Reconnect back-off of a carrier's binds ({@code carriers.<id>.reconnect}): capped exponential with jitter
 * (reliability.md B1–B3). A refused bind (wrong password, RBINDFAIL) starts at {@code refusedInitial}: it is a
 * configuration fault that retrying fast cannot fix and that an SMSC may punish.
 *
 * @param jitter the delay is drawn from [d × (1 − jitter), d] ({@code jitter}, 0..1)
 */
public record ReconnectConfig(Duration initial, Duration max, Duration refusedInitial, double jitter) {

    /** Kannel and Jasmin reconnect after 10 s; we start faster and back off to 2 minutes. */
    public static final ReconnectConfig DEFAULTS = new ReconnectConfig(Duration.ofSeconds(1), Duration.ofMinutes(2),
            Duration.ofSeconds(30), 0.2);

    public ReconnectConfig {
        BindConfig.positive("reconnect.initial", initial);
        BindConfig.positive("reconnect.max", max);
        BindConfig.positive("reconnect.refused-initial", refusedInitial);
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("reconnect.max: " + max + " (expected: >= reconnect.initial " + initial
                    + ")");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("reconnect.jitter: " + jitter + " (expected: 0..1)");
        }
    }

    /**
     * The delay before reconnect attempt {@code failures} (1 = after the first failure), doubling from its start and
     * capped at {@code max}; {@code random} in [0, 1) draws the jitter.
     */
    long delayNanos(int failures, boolean refused, double random) {
        long start = (refused ? refusedInitial : initial).toNanos();
        long cap = Math.max(max.toNanos(), start);
        int doublings = Math.min(Math.max(failures - 1, 0), 40);
        long delay = start;
        for (int i = 0; i < doublings && delay < cap; i++) {
            delay = delay * 2;
        }
        delay = Math.min(delay, cap);
        return delay - (long) (delay * jitter * random);
    }
}
