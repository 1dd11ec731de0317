package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Group commit of the Journal: a batch closes at {@code store.journal.max-batch-rows} writes or
 * {@code store.journal.max-batch-delay} after its first write, whichever comes first; at most
 * {@code store.journal.queue-capacity} writes wait, more are refused at once.
 */
public record JournalConfig(int maxBatchRows, Duration maxBatchDelay, int queueCapacity) {

    public static final JournalConfig DEFAULTS = new JournalConfig(1000, Duration.ofNanos(200_000), 50_000);

    public JournalConfig {
        requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (maxBatchRows < 1 || maxBatchRows > 10_000) {
            throw new IllegalArgumentException("store.journal.max-batch-rows: " + maxBatchRows
                    + " (expected: 1..10000)");
        }
        if (maxBatchDelay.isNegative() || maxBatchDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("store.journal.max-batch-delay: " + maxBatchDelay
                    + " (expected: 0..1s)");
        }
        if (queueCapacity < maxBatchRows) {
            throw new IllegalArgumentException("store.journal.queue-capacity: " + queueCapacity
                    + " (expected: >= store.journal.max-batch-rows " + maxBatchRows + ")");
        }
    }
}
