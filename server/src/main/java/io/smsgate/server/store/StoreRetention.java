package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of the queues that are not partitioned (issues #4, #6): outbox rows past their expiry go to the dead
 * letter even when no receiver of their account ever binds, dead outbox rows are deleted
 * {@code store.retention.dead-letter-days} after they died ({@code dead_at}, V106), and webhook events are deleted
 * {@code store.retention.webhook-days} after delivery or {@code store.retention.dead-letter-days} after they died.
 * Pending webhook events are never deleted (at-least-once).
 *
 * <p>Each job works in batches of at most {@code batchRows} rows, one short transaction each, found by a range of an
 * index (V100, V106), and stops when a batch comes back short or the job's time budget is spent: an hourly run never
 * holds long locks nor leaves one huge vacuum behind. Rows another transaction holds are skipped and taken next run.
 */
public final class StoreRetention {

    private static final Logger log = LoggerFactory.getLogger(StoreRetention.class);

    /** Rows per statement: a few tens of milliseconds of locks and one vacuum's worth of dead tuples. */
    public static final int DEFAULT_BATCH_ROWS = 10_000;
    /** The time one job may take per run; the rest waits for the next run. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(5);

    // ARRAY(...) rather than IN (...), and no other condition on the outer statement: it then looks each id up by
    // its primary key. With "AND state = 'DEAD'" there, and statistics from before the run dead-lettered a million
    // rows, the planner scanned every dead row and compared each with the 10,000 ids (62 s for one batch). The
    // sub-select's FOR UPDATE re-checks its conditions on the newest row version and holds the lock to the commit,
    // so the state cannot change in between: a row the client notifier settles in the meantime is either locked by
    // it (skipped here) or no longer PENDING, and only the writer whose UPDATE changed the row counts its death. The
    // row died at this run's time (the first parameter); the second is the same time, the expiry bound.
    static final String DEAD_LETTER_EXPIRED_OUTBOX = """
            UPDATE outbox SET state = 'DEAD', dead_at = ?
             WHERE outbox_id = ANY (ARRAY(
                       SELECT outbox_id FROM outbox WHERE state = 'PENDING' AND expires_at < ?
                        ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED))""";
    static final String PURGE_DEAD_OUTBOX = """
            DELETE FROM outbox
             WHERE outbox_id = ANY (ARRAY(
                       SELECT outbox_id FROM outbox WHERE state = 'DEAD' AND dead_at < ?
                        ORDER BY dead_at LIMIT ? FOR UPDATE SKIP LOCKED))""";
    static final String PURGE_DELIVERED_WEBHOOKS = purgeWebhooks("DELIVERED");
    static final String PURGE_DEAD_WEBHOOKS = purgeWebhooks("DEAD");

    // The queues' state counts swing faster than statistics follow (webhook_event.state keeps none at all, V090): on
    // a guess of a few thousand rows the planner bitmap-scanned and sorted every expired row for each batch of 10,000
    // (0.6 s a batch with 1,000,000 expired). Each batch walks its index range in order and stops at the limit.
    private static final String INDEX_RANGE_ONLY =
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off";

    // A webhook event's attempts (webhook_attempt, V104, which has no foreign key) go in the same statement: the
    // batch's ids, read once, then one primary key range of attempts per id. The count is the events'.
    private static String purgeWebhooks(String state) {
        return """
                WITH batch AS (SELECT ARRAY(
                           SELECT event_id FROM webhook_event WHERE state = '%s' AND settled_at < ?
                            ORDER BY settled_at LIMIT ? FOR UPDATE SKIP LOCKED) AS ids),
                     attempts AS (DELETE FROM webhook_attempt WHERE event_id = ANY ((SELECT ids FROM batch)::bigint[]))
                DELETE FROM webhook_event WHERE event_id = ANY ((SELECT ids FROM batch)::bigint[])""".formatted(state);
    }

    private final DataSource dataSource;
    private final RetentionConfig retention;
    private final int batchRows;
    private final Duration budget;
    private final LongSupplier nanoTime;
    private final Counter outboxDeadLettered;
    private final Counter outboxPurged;
    private final Counter webhooksDeliveredPurged;
    private final Counter webhooksDeadPurged;

    /** With the default batch size and budget, timed by {@link System#nanoTime()}. */
    public StoreRetention(DataSource dataSource, RetentionConfig retention, MeterRegistry meters) {
        this(dataSource, retention, meters, DEFAULT_BATCH_ROWS, DEFAULT_BUDGET, System::nanoTime);
    }

    StoreRetention(DataSource dataSource, RetentionConfig retention, MeterRegistry meters, int batchRows,
                   Duration budget, LongSupplier nanoTime) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.retention = requireNonNull(retention, "retention");
        requireNonNull(meters, "meters");
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows: " + batchRows + " (expected: >= 1)");
        }
        this.batchRows = batchRows;
        this.budget = requireNonNull(budget, "budget");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.outboxDeadLettered = counter(meters, "outbox", "dead_lettered");
        this.outboxPurged = counter(meters, "outbox", "purged");
        this.webhooksDeliveredPurged = counter(meters, "webhook_event", "purged");
        this.webhooksDeadPurged = counter(meters, "webhook_event", "dead_purged");
    }

    private static Counter counter(MeterRegistry meters, String table, String action) {
        return Counter.builder("smsgate.store.retention.rows")
                .description("Rows of the unpartitioned queues dead-lettered or deleted by retention, by table and action")
                .tag("table", table).tag("action", action)
                .register(meters);
    }

    /** What one run did: rows moved to the dead letter and rows deleted, per table. */
    public record Outcome(long outboxDeadLettered, long outboxPurged, long webhooksDeliveredPurged,
                          long webhooksDeadPurged) {

        boolean any() {
            return outboxDeadLettered + outboxPurged + webhooksDeliveredPurged + webhooksDeadPurged > 0;
        }
    }

    /** Runs every job once at {@code now}; logs one line when anything changed. */
    public Outcome run(Instant now) {
        Instant deadBefore = now.minus(Duration.ofDays(retention.deadLetterDays()));
        Outcome outcome = new Outcome(
                job(DEAD_LETTER_EXPIRED_OUTBOX, 2, now, outboxDeadLettered, "dead-letter expired outbox rows"),
                job(PURGE_DEAD_OUTBOX, deadBefore, outboxPurged, "delete dead outbox rows"),
                job(PURGE_DELIVERED_WEBHOOKS, now.minus(Duration.ofDays(retention.webhookDays())),
                        webhooksDeliveredPurged, "delete delivered webhook events"),
                job(PURGE_DEAD_WEBHOOKS, deadBefore, webhooksDeadPurged, "delete dead webhook events"));
        if (outcome.any()) {
            log.info("retention run outbox_dead_lettered={} outbox_purged={} webhook_delivered_purged={}"
                            + " webhook_dead_purged={}", outcome.outboxDeadLettered(), outcome.outboxPurged(),
                    outcome.webhooksDeliveredPurged(), outcome.webhooksDeadPurged());
        }
        return outcome;
    }

    private long job(String sql, Instant before, Counter counter, String what) {
        return job(sql, 1, before, counter, what);
    }

    // Batches until one comes back short or the budget is spent; each batch commits on its own. The statement's
    // first {@code times} parameters are the time {@code before}, the next one the batch size.
    private long job(String sql, int times, Instant before, Counter counter, String what) {
        long started = nanoTime.getAsLong();
        long total = 0;
        try (Connection connection = dataSource.getConnection();
             Statement settings = connection.createStatement();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            for (int parameter = 1; parameter <= times; parameter++) {
                statement.setTimestamp(parameter, Timestamp.from(before));
            }
            statement.setInt(times + 1, batchRows);
            while (true) {
                int rows;
                try {
                    settings.execute(INDEX_RANGE_ONLY);
                    rows = statement.executeUpdate();
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                    throw e;
                }
                total += rows;
                counter.increment(rows);
                if (rows < batchRows || Thread.currentThread().isInterrupted()) {
                    break; // done, or the maintenance is closing
                }
                if (nanoTime.getAsLong() - started >= budget.toNanos()) {
                    log.info("retention budget spent, the rest waits for the next run job=\"{}\" rows={} budget={}",
                            what, total, budget);
                    break;
                }
            }
            connection.setAutoCommit(autoCommit);
            return total;
        } catch (SQLException e) {
            throw new StoreException(what + " before " + before + " (" + total + " done)", e);
        }
    }
}
