package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Reads from the store, off the event loops: the asynchronous methods run on a small bounded pool and fail at
 * once with {@link StoreOverloadedException} when it is saturated; the recovery methods are blocking and meant
 * for start-up, before any listener opens.
 */
public final class StoreReader implements AutoCloseable {

    /**
     * The message columns {@link #storedMessage} maps, for every query that reads whole messages: from the view
     * message_current (V093), whose state, carrier and attempts include the submissions recorded as references.
     */
    public static final String MESSAGE_COLUMNS = """
            message_id, system_id, source_ton, source_npi, source_addr, dest_ton, dest_npi, dest_addr, esm_class,
            protocol_id, priority_flag, data_coding, registered_delivery, validity_until, not_before, client_ref,
            parts, tlvs, state, carrier_id, carrier_message_id, attempts, updated_at, status_callback, price_amount,
            price_currency""";
    private static final String FIND_MESSAGE =
            "SELECT " + MESSAGE_COLUMNS + " FROM message_current WHERE message_id = ? AND created_at = ?";
    private static final String PENDING_MESSAGES = "SELECT " + MESSAGE_COLUMNS
            + " FROM message_current WHERE NOT is_final ORDER BY created_at, message_id"; // message_open (V012)
    // The predicate is message_receipt_owed's (V020_1), so the scan reads that small index; the receipt's stat and
    // error come from the event that made the message final: the row's own (V092), or else a message_event row (its
    // time is the writer's clock, so the partition bound allows a day of skew against the id's).
    private static final String OWED_RECEIPTS = "SELECT " + MESSAGE_COLUMNS + """
            , CASE WHEN m.final_detail IS NULL THEN e.receipt_stat ELSE m.final_receipt_stat END AS receipt_stat,
              CASE WHEN m.final_detail IS NULL THEN e.error_code ELSE m.final_error_code END AS error_code
              FROM message_current m
              LEFT JOIN LATERAL (SELECT receipt_stat, error_code FROM message_event e
                                  WHERE m.final_detail IS NULL
                                    AND e.message_id = m.message_id AND e.created_at >= m.created_at - interval '1 day'
                                    AND e.state = m.state
                                  ORDER BY e.created_at DESC LIMIT 1) e ON true
             WHERE m.receipt_owed AND NOT m.receipt_queued AND m.created_at >= ?
             ORDER BY m.created_at, m.message_id""";
    // Open messages (message_open, V012) whose newest submission went out in several parts, one at least with a final
    // receipt, with each part's newest state at that carrier: a part's receipt committed before the Journal combined
    // parts in its own transaction (issue #4) could leave its message open although every part was final.
    private static final String OPEN_MULTIPARTS = """
            SELECT m.message_id, n.carrier_id, n.part_count, p.part_indexes, p.states, p.stats, p.errors
              FROM message m
              JOIN LATERAL (SELECT c.carrier_id, c.part_count FROM carrier_ref c
                             WHERE c.message_id = m.message_id AND c.message_created_at = m.created_at
                               AND c.created_at >= m.created_at - interval '1 day'
                             ORDER BY c.created_at DESC LIMIT 1) n ON n.part_count > 1
              JOIN LATERAL (SELECT array_agg(d.part_index ORDER BY d.part_index) AS part_indexes,
                                   array_agg(d.state ORDER BY d.part_index) AS states,
                                   array_agg(d.receipt_stat ORDER BY d.part_index) AS stats,
                                   array_agg(d.error_code ORDER BY d.part_index) AS errors
                              FROM (SELECT DISTINCT ON (c.part_index) c.part_index, c.state, c.receipt_stat,
                                           c.error_code
                                      FROM carrier_ref c
                                     WHERE c.message_id = m.message_id AND c.message_created_at = m.created_at
                                       AND c.carrier_id = n.carrier_id AND c.part_count = n.part_count
                                       AND c.part_count > 1 AND c.created_at >= m.created_at - interval '1 day'
                                     ORDER BY c.part_index, c.created_at DESC) d
                            HAVING bool_or(d.state IS NOT NULL AND smsgate_is_final(d.state))) p ON true
             WHERE NOT m.is_final
             ORDER BY m.created_at, m.message_id""";
    // A part's SUBMITTED event is its carrier_ref row (V091), a single-part message's final receipt is in its row
    // (V092); at equal times a submission comes before the events it caused, and the final event last.
    private static final String EVENTS = """
            SELECT created_at, state, carrier_id, carrier_message_id, command_status, receipt_stat, error_code, detail
              FROM (SELECT created_at, 'SUBMITTED' AS state, carrier_id, carrier_message_id, 0 AS command_status,
                           NULL AS receipt_stat, NULL AS error_code,
                           'part ' || (part_index + 1) || '/' || part_count AS detail, 0 AS rank
                      FROM carrier_ref WHERE message_id = ? AND message_created_at = ? AND created_at >= ?
                    UNION ALL
                    SELECT created_at, state, carrier_id, carrier_message_id, command_status, receipt_stat, error_code,
                           detail, 1
                      FROM message_event WHERE message_id = ? AND created_at >= ?
                    UNION ALL
                    SELECT updated_at, state, carrier_id, carrier_message_id, NULL, final_receipt_stat,
                           final_error_code, final_detail, 2
                      FROM message WHERE message_id = ? AND created_at = ? AND final_detail IS NOT NULL) e
             ORDER BY created_at, rank""";
    private static final String OUTBOX_COLUMNS =
            "outbox_id, system_id, kind, message_id, payload, attempts, next_attempt_at, expires_at";
    // Rows in flight (thousands under load) are left out by NOT IN over a subquery, which PostgreSQL runs as one hashed
    // subplan whatever it estimates. NOT EXISTS over unnest(?) was planned, in the generic plan of a prepared
    // statement, as a nested-loop anti-join (unnest estimated at 10 rows) that compared every candidate with every
    // in-flight id: 310 ms per read at 8,000 msg/s, a third of a core (pg_stat_statements). outbox_id is never NULL,
    // so NOT IN means NOT EXISTS here.
    static final String DUE_OUTBOX = "SELECT " + OUTBOX_COLUMNS
            + " FROM outbox WHERE system_id = ? AND state = 'PENDING' AND next_attempt_at <= ?"
            + " AND outbox_id NOT IN (SELECT unnest(?::bigint[]))"
            + " ORDER BY next_attempt_at LIMIT ?";
    private static final String PENDING_OUTBOX = "SELECT " + OUTBOX_COLUMNS
            + " FROM outbox WHERE state = 'PENDING' ORDER BY system_id, next_attempt_at";
    private static final String ACCOUNT_FOR_NUMBER = "SELECT system_id FROM number WHERE number = ?";
    // Newest id of a node, in both id spaces it issues (messages and outbox rows).
    private static final String LAST_ISSUED_ID = """
            SELECT GREATEST(
                (SELECT max(message_id) FROM message WHERE created_at >= ? AND ((message_id >> 12) & 1023) = ?),
                (SELECT max(outbox_id) FROM outbox WHERE ((outbox_id >> 12) & 1023) = ?))""";
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;
    private final JdbcAccountStore accounts;
    private final ThreadPoolExecutor pool;

    /**
     * @param threads connections the reads may use at once
     * @param queueCapacity reads that may wait for a thread; more are refused at once
     */
    public StoreReader(DataSource dataSource, int threads, int queueCapacity) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.accounts = new JdbcAccountStore(dataSource);
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("store reader: threads " + threads + ", queue " + queueCapacity
                    + " (expected: >= 1 each)");
        }
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), task -> {
                    Thread thread = new Thread(task, "smsgate-store-reader-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The message with this id (query_sm, cancel_sm, replace_sm). */
    public CompletableFuture<Optional<StoredMessage>> findMessage(MessageId id) {
        return async(() -> findMessageNow(id));
    }

    /** The message's detail record, oldest first. */
    public CompletableFuture<List<MessageEvent>> events(MessageId id) {
        return async(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(EVENTS)) {
                OffsetDateTime createdAt = JournalBatch.utc(id.createdAt());
                statement.setLong(1, id.value());
                statement.setObject(2, createdAt);
                statement.setObject(3, createdAt);
                statement.setLong(4, id.value());
                statement.setObject(5, createdAt);
                statement.setLong(6, id.value());
                statement.setObject(7, createdAt);
                List<MessageEvent> events = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        int status = rows.getInt(5);
                        OptionalInt commandStatus = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                        EventDetail detail = new EventDetail(Optional.ofNullable(rows.getString(3)),
                                Optional.ofNullable(rows.getString(4)), commandStatus,
                                Optional.ofNullable(rows.getString(6)), Optional.ofNullable(rows.getString(7)),
                                Optional.ofNullable(rows.getString(8)));
                        events.add(new MessageEvent(id, rows.getObject(1, OffsetDateTime.class).toInstant(), MessageStatus.valueOf(rows.getString(2)),
                                detail));
                    }
                }
                return events;
            } catch (SQLException e) {
                throw new StoreException("events of message " + id, e);
            }
        });
    }

    /** Up to {@code limit} pending outbox rows of an account that are due at {@code now}, oldest due first. */
    public CompletableFuture<List<OutboxEntry>> dueOutbox(String systemId, Instant now, int limit) {
        return dueOutbox(systemId, now, limit, new long[0]);
    }

    /** As {@link #dueOutbox(String, Instant, int)}, leaving out the rows {@code excluded} (those in flight). */
    public CompletableFuture<List<OutboxEntry>> dueOutbox(String systemId, Instant now, int limit, long[] excluded) {
        Long[] skip = new Long[excluded.length];
        for (int i = 0; i < excluded.length; i++) {
            skip[i] = excluded[i];
        }
        return async(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(DUE_OUTBOX)) {
                statement.setString(1, systemId);
                statement.setObject(2, JournalBatch.utc(now));
                statement.setArray(3, connection.createArrayOf("bigint", skip));
                statement.setInt(4, limit);
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        entries.add(outboxEntry(rows));
                    }
                }
                return entries;
            } catch (SQLException e) {
                throw new StoreException("due outbox of " + systemId, e);
            }
        });
    }

    /** The account binding as {@code systemId} (bind_* handling). */
    public CompletableFuture<Optional<Account>> findAccount(String systemId) {
        return async(() -> accounts.find(systemId));
    }

    /** The account an inbound number belongs to (MO routing). */
    public CompletableFuture<Optional<String>> accountForNumber(String number) {
        return async(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(ACCOUNT_FOR_NUMBER)) {
                statement.setString(1, number);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            } catch (SQLException e) {
                throw new StoreException("account for number", e);
            }
        });
    }

    /**
     * Start-up recovery: streams every message not in a final state (QUEUED: not yet with a carrier; SUBMITTED:
     * waiting for its receipt), oldest first; returns how many.
     */
    public int forEachPendingMessage(Consumer<StoredMessage> sink) {
        return stream(PENDING_MESSAGES, rows -> sink.accept(storedMessage(rows)), "recover pending messages");
    }

    /**
     * Start-up recovery: streams every final message created since {@code since} whose client receipt was asked
     * for but never reached the outbox (a crash between the two commits); returns how many.
     */
    public int forEachOwedReceipt(Instant since, Consumer<OwedReceipt> sink) {
        return stream(OWED_RECEIPTS, statement -> statement.setObject(1, JournalBatch.utc(since)),
                rows -> sink.accept(new OwedReceipt(storedMessage(rows),
                        Optional.ofNullable(rows.getString("receipt_stat")),
                        Optional.ofNullable(rows.getString("error_code")))), "recover owed receipts");
    }

    /**
     * Start-up recovery: streams every open message whose newest submission went out in several parts, one at least
     * with a final receipt, with its parts' states; returns how many.
     */
    public int forEachOpenMultipart(Consumer<OpenMultipart> sink) {
        return stream(OPEN_MULTIPARTS, rows -> {
            List<OpenMultipart.Part> parts = new ArrayList<>();
            for (int i = 0; i < rows.getInt("part_count"); i++) {
                parts.add(OpenMultipart.Part.NO_RECEIPT);
            }
            Integer[] indexes = (Integer[]) rows.getArray("part_indexes").getArray();
            String[] states = (String[]) rows.getArray("states").getArray();
            String[] stats = (String[]) rows.getArray("stats").getArray();
            String[] errors = (String[]) rows.getArray("errors").getArray();
            for (int i = 0; i < indexes.length; i++) {
                // A part index outside the count is a broken reference: it decides nothing.
                if (indexes[i] >= 0 && indexes[i] < parts.size() && states[i] != null) {
                    parts.set(indexes[i], new OpenMultipart.Part(Optional.of(MessageStatus.valueOf(states[i])),
                            Optional.ofNullable(stats[i]), Optional.ofNullable(errors[i])));
                }
            }
            sink.accept(new OpenMultipart(new MessageId(rows.getLong("message_id")), rows.getString("carrier_id"),
                    parts));
        }, "recover open multipart messages");
    }

    /** Start-up recovery: streams every pending outbox row; returns how many. */
    public int forEachPendingOutbox(Consumer<OutboxEntry> sink) {
        return stream(PENDING_OUTBOX, rows -> sink.accept(outboxEntry(rows)), "recover pending outbox");
    }

    /**
     * The newest id node {@code nodeId} stored since {@code since} (its messages) or ever (its outbox rows), to
     * seed its {@link MessageIdGenerator} at start-up.
     */
    public Optional<MessageId> lastIssuedId(int nodeId, Instant since) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LAST_ISSUED_ID)) {
            statement.setObject(1, JournalBatch.utc(since));
            statement.setInt(2, nodeId);
            statement.setInt(3, nodeId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long value = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of(new MessageId(value));
            }
        } catch (SQLException e) {
            throw new StoreException("last issued id of node " + nodeId, e);
        }
    }

    /** Stops the pool; reads already queued finish. */
    @Override
    public void close() {
        pool.shutdown();
    }

    private Optional<StoredMessage> findMessageNow(MessageId id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND_MESSAGE)) {
            statement.setLong(1, id.value());
            statement.setObject(2, JournalBatch.utc(id.createdAt()));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(storedMessage(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find message " + id, e);
        }
    }

    /** Takes one row of a streamed query. */
    public interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    /** Sets a query's parameters. */
    public interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private int stream(String sql, RowHandler handler, String operation) {
        return stream(dataSource, sql, statement -> { }, handler, operation);
    }

    private int stream(String sql, Parameters parameters, RowHandler handler, String operation) {
        return stream(dataSource, sql, parameters, handler, operation);
    }

    /**
     * Runs {@code sql} and hands each row to {@code handler} as the database cursor delivers it (never the whole
     * result in memory); returns how many rows. {@code operation} names the read in a {@link StoreException}.
     */
    public static int stream(DataSource dataSource, String sql, Parameters parameters, RowHandler handler,
            String operation) {
        try (Connection connection = dataSource.getConnection()) {
            // The driver streams with a cursor only inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.set(statement);
                statement.setFetchSize(FETCH_SIZE);
                int count = 0;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        handler.accept(rows);
                        count++;
                    }
                }
                return count;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private <T> CompletableFuture<T> async(Supplier<T> read) {
        try {
            return CompletableFuture.supplyAsync(read, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StoreOverloadedException(
                    "store reader: busy (" + pool.getQueue().size() + " reads waiting)"));
        }
    }

    /** Maps a row of {@link #MESSAGE_COLUMNS} to the stored message it holds. */
    public static StoredMessage storedMessage(ResultSet rows) throws SQLException {
        MessageId id = new MessageId(rows.getLong("message_id"));
        Array partsArray = rows.getArray("parts");
        Object[] rawParts = (Object[]) partsArray.getArray();
        List<OctetString> parts = new ArrayList<>(rawParts.length);
        for (Object part : rawParts) {
            parts.add(OctetString.of((byte[]) part));
        }
        NewMessage message = new NewMessage(id, rows.getString("system_id"),
                new Address(rows.getShort("source_ton"), rows.getShort("source_npi"), rows.getString("source_addr")),
                new Address(rows.getShort("dest_ton"), rows.getShort("dest_npi"), rows.getString("dest_addr")),
                rows.getShort("esm_class"), rows.getShort("protocol_id"), rows.getShort("priority_flag"),
                rows.getShort("data_coding"), rows.getShort("registered_delivery"),
                optionalInstant(rows, "validity_until"), optionalInstant(rows, "not_before"),
                Optional.ofNullable(rows.getString("client_ref")), parts, OctetString.of(rows.getBytes("tlvs")),
                Optional.ofNullable(rows.getString("status_callback")), price(rows));
        return new StoredMessage(message, MessageStatus.valueOf(rows.getString("state")),
                Optional.ofNullable(rows.getString("carrier_id")),
                Optional.ofNullable(rows.getString("carrier_message_id")), rows.getInt("attempts"),
                rows.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static Optional<Price> price(ResultSet rows) throws SQLException {
        BigDecimal amount = rows.getBigDecimal("price_amount");
        return amount == null ? Optional.empty() : Optional.of(new Price(amount, rows.getString("price_currency")));
    }

    private static OutboxEntry outboxEntry(ResultSet rows) throws SQLException {
        long messageId = rows.getLong("message_id");
        Optional<MessageId> message = rows.wasNull() ? Optional.empty() : Optional.of(new MessageId(messageId));
        return new OutboxEntry(new MessageId(rows.getLong("outbox_id")), rows.getString("system_id"),
                OutboxKind.valueOf(rows.getString("kind")), message, OctetString.of(rows.getBytes("payload")),
                rows.getInt("attempts"), rows.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                rows.getObject("expires_at", OffsetDateTime.class).toInstant());
    }

    private static Optional<Instant> optionalInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
