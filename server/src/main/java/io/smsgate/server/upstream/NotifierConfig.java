package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Outbox delivery to clients ({@code smpp.upstream.notifier.*}): how often due rows are looked for without a
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
        if (pollInterval.isZero() || pollInterval.isNegative() || batch < 1 || retryBase.isNegative()
                || retryMax.compareTo(retryBase) < 0 || memoryQueue < 0) {
            throw new IllegalArgumentException("smpp.upstream.notifier: poll-interval " + pollInterval + ", batch "
                    + batch + ", retry " + retryBase + ".." + retryMax + ", memory-queue " + memoryQueue
                    + " (expected: poll > 0, batch >= 1, 0 <= retry-base <= retry-max, memory-queue >= 0)");
        }
    }
}
