package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention of the outbox and of webhook events on the real database: what goes, what stays, in batches. */
class StoreRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    // Webhook events delivered 3 days, dead letters 14 days (the defaults).
    private static final RetentionConfig RETENTION = new RetentionConfig(30, 7, 3, 3, 14);
    private static StoreFixture store;
    private SimpleMeterRegistry meters;

    @BeforeAll
    static void openStore() {
        store = new StoreFixture("store_retention_test");
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @BeforeEach
    void emptyQueues() throws SQLException {
        store.execute("DELETE FROM outbox");
        store.execute("DELETE FROM webhook_event");
        meters = new SimpleMeterRegistry();
    }

    @Test
    void anExpiredPendingOutboxRowIsDeadLetteredWithNoReceiverEverBound() throws SQLException {
        pendingOutbox(1, NOW.minusSeconds(1));
        pendingOutbox(2, NOW.plusSeconds(60));

        StoreRetention.Outcome outcome = retention(100).run(NOW);

        assertThat(outcome.outboxDeadLettered()).isEqualTo(1);
        assertThat(store.text("SELECT state FROM outbox WHERE outbox_id = 1")).isEqualTo("DEAD");
        assertThat(store.text("SELECT state FROM outbox WHERE outbox_id = 2")).isEqualTo("PENDING");
        assertThat(rows("outbox", "dead_lettered")).isEqualTo(1);
    }

    @Test
    void anOutboxRowDeadLetteredByRetentionDiedAtTheRunsTime() throws SQLException {
        pendingOutbox(1, NOW.minus(Duration.ofDays(2)));

        retention(100).run(NOW);

        assertThat(store.text("SELECT dead_at FROM outbox WHERE outbox_id = 1"))
                .isEqualTo(store.text("SELECT '" + NOW + "'::timestamptz"));
    }

    @Test
    void deadOutboxRowsAreDeletedOnlyOnceOlderThanTheDeadLetterRetention() throws SQLException {
        Instant expiry = NOW.plus(Duration.ofDays(1));
        deadOutbox(1, expiry, NOW.minus(Duration.ofDays(14)).minusSeconds(1));
        deadOutbox(2, expiry, NOW.minus(Duration.ofDays(14)).plusSeconds(60));
        pendingOutbox(3, NOW.plusSeconds(60));

        StoreRetention.Outcome outcome = retention(100).run(NOW);

        assertThat(outcome.outboxPurged()).isEqualTo(1);
        assertThat(outcome.outboxDeadLettered()).isZero();
        assertThat(store.count("SELECT count(*) FROM outbox WHERE outbox_id = 1")).isZero();
        assertThat(store.text("SELECT string_agg(outbox_id || ':' || state, ',' ORDER BY outbox_id) FROM outbox"))
                .isEqualTo("2:DEAD,3:PENDING");
        assertThat(rows("outbox", "purged")).isEqualTo(1);
    }

    @Test
    void deadOutboxRowsArePurgedByWhenTheyDiedNotByTheirExpiry() throws SQLException {
        // Refused by its client 15 days ago, though it would have expired only tomorrow.
        deadOutbox(1, NOW.plus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(15)));
        // Expired 20 days ago, found dead by a notifier (or retention) only a week ago: a week in the dead letter.
        deadOutbox(2, NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(7)));

        StoreRetention.Outcome outcome = retention(100).run(NOW);

        assertThat(outcome.outboxPurged()).isEqualTo(1);
        assertThat(store.text("SELECT string_agg(outbox_id::text, ',') FROM outbox")).isEqualTo("2");
    }

    @Test
    void eachDeathIsWrittenAndCountedByTheOneWriterThatChangedTheRow() throws Exception {
        MessageId first = new MessageId(1);
        MessageId second = new MessageId(2);
        pendingOutbox(first.value(), NOW.minusSeconds(1));
        pendingOutbox(second.value(), NOW.minusSeconds(1));
        Instant refused = NOW.minusSeconds(30);
        try (StoreFixture.Running running = store.start()) {
            // The notifier's write first: retention finds the row dead already and leaves it (and its dead_at).
            assertThat(running.journal().submit(new JournalWrite.RetryOutbox(first, Optional.empty(), refused)).get())
                    .isTrue();

            StoreRetention.Outcome outcome = retention(100).run(NOW);

            // Retention first: the notifier's write finds the row no longer pending and reports that it changed
            // nothing, so the notifier does not count this death again.
            assertThat(running.journal().submit(new JournalWrite.RetryOutbox(second, Optional.empty(), NOW)).get())
                    .isFalse();
            assertThat(outcome.outboxDeadLettered()).isEqualTo(1);
            assertThat(rows("outbox", "dead_lettered")).isEqualTo(1);
        }
        assertThat(store.text("SELECT string_agg(outbox_id || ':' || state || ':' || attempts, ',' ORDER BY outbox_id)"
                + " FROM outbox")).isEqualTo("1:DEAD:1,2:DEAD:0");
        assertThat(store.text("SELECT dead_at FROM outbox WHERE outbox_id = 1"))
                .isEqualTo(store.text("SELECT '" + refused + "'::timestamptz"));
    }

    @Test
    void deliveredAndDeadWebhookEventsGoAfterTheirRetentionsAndPendingOnesNever() throws SQLException {
        Instant longAgo = NOW.minus(Duration.ofDays(400));
        webhook("old delivered", "DELIVERED", longAgo);
        webhook("recent delivered", "DELIVERED", NOW.minus(Duration.ofDays(3)).plusSeconds(60));
        // Older than the delivered retention but not the dead-letter one: still replayable.
        webhook("dead a week", "DEAD", NOW.minus(Duration.ofDays(7)));
        webhook("old dead", "DEAD", NOW.minus(Duration.ofDays(14)).minusSeconds(1));
        store.execute("INSERT INTO webhook_event (system_id, event_type, order_key, url, data, created_at, retry_from,"
                + " next_attempt_at) VALUES ('acme', 'message.status', 'old pending', 'http://127.0.0.1/cb', '{}', '"
                + longAgo + "', '" + longAgo + "', '" + longAgo + "')");

        StoreRetention.Outcome outcome = retention(100).run(NOW);

        assertThat(outcome.webhooksDeliveredPurged()).isEqualTo(1);
        assertThat(outcome.webhooksDeadPurged()).isEqualTo(1);
        assertThat(store.text("SELECT string_agg(order_key, ',' ORDER BY order_key) FROM webhook_event"))
                .isEqualTo("dead a week,old pending,recent delivered");
        assertThat(rows("webhook_event", "purged")).isEqualTo(1);
        assertThat(rows("webhook_event", "dead_purged")).isEqualTo(1);
    }

    @Test
    void moreRowsThanOneBatchAreAllPurgedInOneRun() throws SQLException {
        Instant old = NOW.minus(Duration.ofDays(30));
        store.execute("INSERT INTO webhook_event (system_id, event_type, order_key, url, data, state, settled_at)"
                + " SELECT 'acme', 'message.status', 'msg:' || i, 'http://127.0.0.1/cb', '{}', 'DELIVERED', '" + old
                + "' FROM generate_series(1, 1050) i");
        store.execute("INSERT INTO outbox (outbox_id, system_id, kind, payload, state, next_attempt_at, expires_at,"
                + " created_at) SELECT i, 'acme', 'RECEIPT', '\\x00', 'PENDING', '" + old + "', '" + old + "', '" + old
                + "' FROM generate_series(1, 1050) i");

        StoreRetention.Outcome outcome = retention(100).run(NOW);

        assertThat(outcome.webhooksDeliveredPurged()).isEqualTo(1050);
        assertThat(outcome.outboxDeadLettered()).isEqualTo(1050);
        assertThat(store.count("SELECT count(*) FROM webhook_event")).isZero();
        assertThat(store.count("SELECT count(*) FROM outbox WHERE state = 'PENDING'")).isZero();
        assertThat(rows("webhook_event", "purged")).isEqualTo(1050);
    }

    @Test
    void aSpentBudgetLeavesTheRestForTheNextRun() throws SQLException {
        store.execute("INSERT INTO webhook_event (system_id, event_type, order_key, url, data, state, settled_at)"
                + " SELECT 'acme', 'message.status', 'msg:' || i, 'http://127.0.0.1/cb', '{}', 'DELIVERED', '"
                + NOW.minus(Duration.ofDays(30)) + "' FROM generate_series(1, 250) i");
        // Every reading of the ticker is a second later: the first batch already spends a budget of one second.
        AtomicLong ticker = new AtomicLong();
        StoreRetention retention = new StoreRetention(store.database.dataSource(), RETENTION, meters, 100,
                Duration.ofSeconds(1), () -> ticker.getAndAdd(Duration.ofSeconds(1).toNanos()));

        assertThat(retention.run(NOW).webhooksDeliveredPurged()).isEqualTo(100);
        assertThat(store.count("SELECT count(*) FROM webhook_event")).isEqualTo(150);
        assertThat(retention.run(NOW).webhooksDeliveredPurged()).isEqualTo(100);
        assertThat(retention.run(NOW).webhooksDeliveredPurged()).isEqualTo(50);
        assertThat(store.count("SELECT count(*) FROM webhook_event")).isZero();
    }

    @Test
    void theHourlyMaintenanceRunsTheRetentionAtItsClocksTime() throws SQLException {
        MutableClock clock = new MutableClock(NOW);
        pendingOutbox(1, NOW.plus(Duration.ofHours(1)));
        try (StoreMaintenance maintenance = new StoreMaintenance(
                new Partitions(store.database.dataSource(), RETENTION), retention(100), clock)) {
            maintenance.runOnce();
            assertThat(store.text("SELECT state FROM outbox WHERE outbox_id = 1")).isEqualTo("PENDING");
            clock.advance(Duration.ofHours(2));
            maintenance.runOnce();
            assertThat(store.text("SELECT state FROM outbox WHERE outbox_id = 1")).isEqualTo("DEAD");
            clock.advance(Duration.ofDays(15));
            maintenance.runOnce();
            assertThat(store.count("SELECT count(*) FROM outbox")).isZero();
        }
    }

    private StoreRetention retention(int batchRows) {
        return new StoreRetention(store.database.dataSource(), RETENTION, meters, batchRows, Duration.ofMinutes(1),
                System::nanoTime);
    }

    private double rows(String table, String action) {
        return meters.get("smsgate.store.retention.rows").tag("table", table).tag("action", action).counter().count();
    }

    private static void pendingOutbox(long id, Instant expiresAt) throws SQLException {
        outbox(id, "PENDING", expiresAt, "NULL");
    }

    private static void deadOutbox(long id, Instant expiresAt, Instant deadAt) throws SQLException {
        outbox(id, "DEAD", expiresAt, "'" + deadAt + "'");
    }

    private static void outbox(long id, String state, Instant expiresAt, String deadAt) throws SQLException {
        Instant created = expiresAt.minus(Duration.ofDays(3));
        store.execute("INSERT INTO outbox (outbox_id, system_id, kind, payload, state, next_attempt_at, expires_at,"
                + " created_at, dead_at) VALUES (" + id + ", 'acme', 'RECEIPT', '\\x00', '" + state + "', '" + created
                + "', '" + expiresAt + "', '" + created + "', " + deadAt + ")");
    }

    private static void webhook(String orderKey, String state, Instant settledAt) throws SQLException {
        store.execute("INSERT INTO webhook_event (system_id, event_type, order_key, url, data, state, settled_at)"
                + " VALUES ('acme', 'message.status', '" + orderKey + "', 'http://127.0.0.1/cb', '{}', '" + state
                + "', '" + settledAt + "')");
    }
}
