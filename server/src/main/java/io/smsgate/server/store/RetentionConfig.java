package io.smsgate.server.store;

/**
 * How long the store keeps messages and how far ahead it prepares for them: daily partitions older than
 * {@code store.retention.days} are dropped whole, {@code store.retention.partitions-ahead} days of partitions
 * exist beyond today, and orphan receipts are kept {@code store.retention.orphan-days}.
 */
public record RetentionConfig(int days, int partitionsAhead, int orphanDays) {

    public static final RetentionConfig DEFAULTS = new RetentionConfig(30, 7, 3);

    public RetentionConfig {
        if (days < 1 || days > 3660) {
            throw new IllegalArgumentException("store.retention.days: " + days + " (expected: 1..3660)");
        }
        if (partitionsAhead < 1 || partitionsAhead > 366) {
            throw new IllegalArgumentException("store.retention.partitions-ahead: " + partitionsAhead
                    + " (expected: 1..366)");
        }
        if (orphanDays < 1 || orphanDays > days) {
            throw new IllegalArgumentException("store.retention.orphan-days: " + orphanDays
                    + " (expected: 1.." + days + ", store.retention.days)");
        }
    }
}
