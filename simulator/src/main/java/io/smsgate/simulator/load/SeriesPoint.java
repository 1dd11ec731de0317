package io.smsgate.simulator.load;

import static java.util.Objects.requireNonNull;

/**
 * One interval (normally one second) of a load run: counts and latency percentiles of what completed in it.
 *
 * @param elapsedSeconds end of the interval, seconds from the start of the run
 * @param intervalSeconds length of the interval
 */
public record SeriesPoint(
        double elapsedSeconds,
        double intervalSeconds,
        long submitted,
        long accepted,
        long rejected,
        long finalReceipts,
        LatencySummary submitResponse,
        LatencySummary receipt) {
    public SeriesPoint {
        requireNonNull(submitResponse, "submitResponse");
        requireNonNull(receipt, "receipt");
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("intervalSeconds: " + intervalSeconds + " (expected: > 0)");
        }
    }

    public double acceptedPerSecond() {
        return accepted / intervalSeconds;
    }

    public double submittedPerSecond() {
        return submitted / intervalSeconds;
    }

    public double receiptsPerSecond() {
        return finalReceipts / intervalSeconds;
    }
}
