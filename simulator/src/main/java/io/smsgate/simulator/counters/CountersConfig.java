package io.smsgate.simulator.counters;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Sizes of the simulator's ground-truth counters.
 *
 * @param duplicateWindow how long a message is remembered for duplicate detection
 * @param duplicateCapacity slots per window (a power of two; 8 bytes each, two windows live); three quarters of them
 *                          hold fingerprints, messages beyond that are counted as duplicate checks skipped
 * @param maxTrackedDestinations distinct destinations counted one by one; the rest are summed together
 */
public record CountersConfig(Duration duplicateWindow, int duplicateCapacity, int maxTrackedDestinations) {
    public static final CountersConfig DEFAULTS = new CountersConfig(Duration.ofMinutes(5), 1 << 20, 10_000);

    public CountersConfig {
        requireNonNull(duplicateWindow, "duplicateWindow");
        if (duplicateWindow.isNegative() || duplicateWindow.isZero()) {
            throw new IllegalArgumentException("counters.duplicate-window: " + duplicateWindow + " (expected: > 0)");
        }
        if (duplicateCapacity < 1024 || Integer.bitCount(duplicateCapacity) != 1) {
            throw new IllegalArgumentException("counters.duplicate-capacity: " + duplicateCapacity
                    + " (expected: a power of two >= 1024)");
        }
        if (maxTrackedDestinations < 0) {
            throw new IllegalArgumentException("counters.max-tracked-destinations: " + maxTrackedDestinations
                    + " (expected: >= 0)");
        }
    }
}
