package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Outbox delivery to clients ({@code smpp.notifier.*}): how often due rows are looked for without a
 * wake-up, how many are read at once, the retry backoff after a temporary failure (doubling per attempt), and how
 * many freshly committed rows per account wait in memory for a window slot (beyond that they are read back).
 */
public record NotifierConfig(Duration pollInterval, int batch, Duration retryBase, Duration retryMax,
                             int memoryQueue) {

    public static final NotifierConfig DEFAULTS = new NotifierConfig(Duration.ofSeconds(1), 100,
            Duration.ofSeconds(5), Duration.ofMinutes(10), 10_000);

    public NotifierConfig {
        requireNonNull(pollInterval, "pollInterval");
        requireNonNull(retryBase, "retryBase");
        requireNonNull(retryMax, "retryMax");
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("smpp.notifier.poll-interval: " + pollInterval + " (expected: > 0)");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("smpp.notifier.batch: " + batch + " (expected: >= 1)");
        }
        if (retryBase.isNegative()) {
            throw new IllegalArgumentException("smpp.notifier.retry-base: " + retryBase + " (expected: >= 0)");
        }
        if (retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("smpp.notifier.retry-max: " + retryMax + " (expected: >= retry-base "
                    + retryBase + ")");
        }
        if (memoryQueue < 0) {
            throw new IllegalArgumentException("smpp.notifier.memory-queue: " + memoryQueue + " (expected: >= 0)");
        }
    }
}
