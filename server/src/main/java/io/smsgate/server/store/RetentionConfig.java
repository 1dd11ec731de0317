package io.smsgate.server.store;

/**
 * How long the store keeps messages and how far ahead it prepares for them: daily partitions older than
 * {@code store.retention.days} are dropped whole, {@code store.retention.partitions-ahead} days of partitions
 * exist beyond today, orphan receipts are kept {@code store.retention.orphan-days}, delivered webhook events
 * {@code store.retention.webhook-days} after delivery, and dead letters (webhook events and outbox rows)
 * {@code store.retention.dead-letter-days}.
 */
public record RetentionConfig(int days, int partitionsAhead, int orphanDays, int webhookDays, int deadLetterDays) {

    private static final int DEFAULT_WEBHOOK_DAYS = 3;
    private static final int DEFAULT_DEAD_LETTER_DAYS = 14;

    public static final RetentionConfig DEFAULTS = new RetentionConfig(30, 7, 3, DEFAULT_WEBHOOK_DAYS,
            DEFAULT_DEAD_LETTER_DAYS);

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
        if (webhookDays < 1 || webhookDays > days) {
            throw new IllegalArgumentException("store.retention.webhook-days: " + webhookDays
                    + " (expected: 1.." + days + ", store.retention.days)");
        }
        if (deadLetterDays < 1 || deadLetterDays > 3660) {
            throw new IllegalArgumentException("store.retention.dead-letter-days: " + deadLetterDays
                    + " (expected: 1..3660)");
        }
    }
}
