package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How carrier health is measured and when the circuit breaker trips.
 *
 * @param window length of the sliding window over which rates are computed
 * @param buckets number of time buckets the window is divided into
 * @param minSubmits submits in the window before error and timeout rates count for the breaker
 * @param failureRatio share of failed submits (errors and timeouts) in the window that opens the breaker
 * @param consecutiveFailures failures in a row that open the breaker whatever the window says
 * @param openDuration how long an open breaker stays open before it half-opens
 * @param probeOneIn while half-open, one message in this many (chosen by routing key) probes the carrier
 * @param probeSuccessesToClose successful probes that close a half-open breaker
 * @param minReceipts receipts in the window before the DELIVRD share is trusted for ranking and quality floors
 */
public record HealthConfig(Duration window, int buckets, int minSubmits, double failureRatio, int consecutiveFailures,
                           Duration openDuration, int probeOneIn, int probeSuccessesToClose, int minReceipts) {
    public static final HealthConfig DEFAULTS =
            new HealthConfig(Duration.ofSeconds(60), 12, 20, 0.5, 10, Duration.ofSeconds(30), 20, 3, 50);

    public HealthConfig {
        requireNonNull(window, "window");
        requireNonNull(openDuration, "openDuration");
        if (buckets < 1 || buckets > 3600) {
            throw new IllegalArgumentException("routing.health.buckets: " + buckets + " (expected: 1..3600)");
        }
        if (window.toMillis() < buckets) {
            throw new IllegalArgumentException("routing.health.window: " + window + " (expected: >= 1 ms per bucket)");
        }
        if (minSubmits < 1) {
            throw new IllegalArgumentException("routing.health.min-submits: " + minSubmits + " (expected: >= 1)");
        }
        if (!(failureRatio > 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException("routing.health.failure-ratio: " + failureRatio + " (expected: (0, 1])");
        }
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException(
                    "routing.health.consecutive-failures: " + consecutiveFailures + " (expected: >= 1)");
        }
        if (openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("routing.health.open-duration: " + openDuration + " (expected: > 0)");
        }
        if (probeOneIn < 1) {
            throw new IllegalArgumentException("routing.health.probe-one-in: " + probeOneIn + " (expected: >= 1)");
        }
        if (probeSuccessesToClose < 1) {
            throw new IllegalArgumentException(
                    "routing.health.probe-successes-to-close: " + probeSuccessesToClose + " (expected: >= 1)");
        }
        if (minReceipts < 1) {
            throw new IllegalArgumentException("routing.health.min-receipts: " + minReceipts + " (expected: >= 1)");
        }
    }

    long bucketMillis() {
        return window.toMillis() / buckets;
    }
}
