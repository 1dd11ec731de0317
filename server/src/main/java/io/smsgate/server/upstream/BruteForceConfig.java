package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Failed-bind limits ({@code smpp.brute-force.*}, Security bar §5.1): after {@code freeFailures} failures
 * from one source address or for one system_id, every further failure locks it out for {@code baseLockout} doubled
 * per failure, at most {@code maxLockout}; {@code maxTracked} keys per dimension bound the memory.
 */
public record BruteForceConfig(int freeFailures, Duration baseLockout, Duration maxLockout, int maxTracked) {

    public static final BruteForceConfig DEFAULTS = new BruteForceConfig(5, Duration.ofSeconds(1),
            Duration.ofMinutes(15), 10_000);

    public BruteForceConfig {
        if (freeFailures < 0) {
            throw new IllegalArgumentException("smpp.brute-force.free-failures: " + freeFailures
                    + " (expected: >= 0)");
        }
        requireNonNull(baseLockout, "baseLockout");
        requireNonNull(maxLockout, "maxLockout");
        if (baseLockout.isNegative() || baseLockout.isZero()) {
            throw new IllegalArgumentException("smpp.brute-force.base-lockout: " + baseLockout + " (expected: > 0)");
        }
        if (maxLockout.compareTo(baseLockout) < 0) {
            throw new IllegalArgumentException("smpp.brute-force.max-lockout: " + maxLockout
                    + " (expected: >= base-lockout " + baseLockout + ")");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("smpp.brute-force.max-tracked: " + maxTracked
                    + " (expected: >= 1)");
        }
    }
}
