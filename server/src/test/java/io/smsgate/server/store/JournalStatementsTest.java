package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.server.store.JournalWrite.CorrelateReceipt;
import io.smsgate.server.store.JournalWrite.EnqueueOutbox;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Journal's batch statements on the message table (V012, issue #4): their plans look rows up by primary key
 * whatever the backlog of pending messages, submissions update rows in place (HOT), and a receipt that makes a
 * message final and queues its client receipt writes one row version.
 */
class JournalStatementsTest {

    // The small side is the demanding one: the fewer pages a backlog has, the cheaper a seq scan and hash join look
    // beside a batch's key lookups. Before V098 the statements joined the batch to the messages, and at fillfactor
    // 100 that plan won for 20,000 rows and 200 keys (MARK_RECEIPT_QUEUED; 1,000 keys for TRANSITIONS and
    // APPLY_RECEIPTS). Now the keys are index conditions; the same plans were seen with 100,000 and 1,000,000 rows.
    private static final int BACKLOG = 20_000;
    private static final int BATCH = 200;
    @RegisterExtension
    static final StoreFixture store = StoreFixture.perClass("journal_statements_test");
    private static String partition;

    @BeforeAll
    static void addBacklog() throws SQLException {
        partition = Partitions.partitionName("message", LocalDate.now(ZoneOffset.UTC));
        // A backlog of pending messages (ids far from the generator's), as after a carrier outage.
        store.execute("""
                INSERT INTO message (message_id, created_at, system_id, source_ton, source_npi, source_addr, dest_ton,
                                     dest_npi, dest_addr, esm_class, protocol_id, priority_flag, data_coding,
                                     registered_delivery, parts, tlvs, state, updated_at)
                SELECT g, date_trunc('day', now()) + g * interval '1 ms', 'backlog', 5, 0, 'ACME', 1, 1,
                       '4477009' || g, 0, 0, 0, 0, 1, ARRAY['\\x68656c6c6f'::bytea], '\\x'::bytea,
                       CASE WHEN mod(g, 2) = 0 THEN 'QUEUED' ELSE 'SUBMITTED' END, now()
                  FROM generate_series(1, %d) g""".formatted(BACKLOG));
        store.execute("ANALYZE message");
    }

    @ParameterizedTest(name = "{0}, batch of {1}")
    @CsvSource({"auto, 1", "auto, 200", "auto, 1000", "force_generic_plan, 1", "force_generic_plan, 200",
            "force_generic_plan, 1000", "force_custom_plan, 1", "force_custom_plan, 200", "force_custom_plan, 1000"})
    void batchUpdatesLookMessagesUpByPrimaryKeyWhateverTheBacklog(String planCacheMode, int batch)
            throws SQLException {
        List<Long> ids = IntStream.rangeClosed(1, batch).mapToObj(i -> (long) i * (BACKLOG / batch)).toList();
        try (Connection connection = store.database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = " + planCacheMode);
            List<String> plans = new ArrayList<>();
            plans.add(explain(connection, JournalBatch.TRANSITIONS, ids));
            plans.add(explain(connection, JournalBatch.APPLY_RECEIPTS, ids));
            plans.add(explain(connection, JournalBatch.MARK_RECEIPT_QUEUED, ids));
            for (String plan : plans) {
                // The backlog's partition (the empty ones cost nothing to scan and are pruned at run time).
                List<String> messageScans = plan.lines()
                        .filter(line -> line.contains(" on " + partition + " ") && !line.contains("Update on"))
                        .toList();
                assertThat(messageScans).as(plan).isNotEmpty()
                        .allSatisfy(line -> assertThat(line).contains("Index Scan using message_p")
                                .contains("_pkey"));
            }
        }
    }

    @Test
    void recordingSubmissionsWritesNoMessageRowVersion() throws SQLException {
        List<MessageId> accepted = accept(BATCH);
        try (Connection connection = store.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            long updated = transactionStat(connection, "pg_stat_get_xact_tuples_updated");
            JournalBatch.execute(connection, JournalWrite.Kind.RECORD_SUBMISSION, accepted.stream()
                    .<JournalWrite<?>>map(id -> CarrierWrites.submission(id, "alpha", "ref-" + id.value(), 0, 1,
                            Instant.now()))
                    .toList());

            // V093: the references are the submissions; message_current reads the messages as SUBMITTED.
            assertThat(transactionStat(connection, "pg_stat_get_xact_tuples_updated") - updated).isZero();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FILTER (WHERE state = 'SUBMITTED'), "
                         + "count(*) FILTER (WHERE carrier_message_id = 'ref-' || message_id) FROM message_current "
                         + "WHERE message_id BETWEEN " + accepted.get(0).value() + " AND "
                         + accepted.get(accepted.size() - 1).value())) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(BATCH);
                assertThat(rows.getLong(2)).isEqualTo(BATCH);
            }
            connection.commit();
        }
    }

    @Test
    void aFinalReceiptWithItsClientReceiptWritesOneRowVersionPerMessage() throws SQLException {
        List<MessageId> accepted = accept(BATCH);
        MessageIdGenerator outboxIds = new MessageIdGenerator(Clock.systemUTC(), 2);
        ReceiptNotice notice = (subject, status) -> Optional.of(new EnqueueOutbox(outboxIds.next(),
                subject.systemId(), OutboxKind.RECEIPT, Optional.of(subject.messageId()), OctetString.ascii("r"),
                Instant.now(), Instant.now().plusSeconds(3600), Instant.now()));
        try (Connection connection = store.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            JournalBatch.execute(connection, JournalWrite.Kind.RECORD_SUBMISSION, accepted.stream()
                    .<JournalWrite<?>>map(id -> CarrierWrites.submission(id, "alpha", "one-" + id.value(), 0, 1,
                            Instant.now()))
                    .toList());
            connection.commit();

            long updated = transactionStat(connection, "pg_stat_get_xact_tuples_updated");
            List<Object> correlations = JournalBatch.execute(connection, JournalWrite.Kind.CORRELATE_RECEIPT,
                    accepted.stream()
                            .<JournalWrite<?>>map(id -> new CorrelateReceipt("alpha", "one-" + id.value(),
                                    MessageStatus.DELIVERED, Optional.of("DELIVRD"), Optional.of("000"),
                                    Instant.now(), notice, MultipartReceipts.ALL_PARTS))
                            .toList());

            assertThat(correlations).allSatisfy(c -> assertThat(((Correlation) c).receiptQueued()).isTrue());
            assertThat(transactionStat(connection, "pg_stat_get_xact_tuples_updated") - updated).isEqualTo(BATCH);
            connection.commit();
        }
        String idList = accepted.stream().map(id -> Long.toString(id.value())).collect(Collectors.joining(","));
        assertThat(store.count("SELECT count(*) FROM message WHERE receipt_queued AND state = 'DELIVERED'"
                + " AND message_id IN (" + idList + ")")).isEqualTo(BATCH);
        assertThat(store.count("SELECT count(*) FROM outbox WHERE message_id IN (" + idList + ")")).isEqualTo(BATCH);
    }

    @Test
    void aTransitionToAFinalStateCommitsItsClientReceiptInTheSameTransaction() throws SQLException {
        List<MessageId> accepted = accept(2);
        MessageId combined = accepted.get(0);
        MessageId retried = accepted.get(1);
        MessageIdGenerator outboxIds = new MessageIdGenerator(Clock.systemUTC(), 3);
        ReceiptNotice notice = (subject, status) -> Optional.of(new EnqueueOutbox(outboxIds.next(),
                subject.systemId(), OutboxKind.RECEIPT, Optional.of(subject.messageId()),
                OctetString.ascii(subject.destination().address() + " " + status), Instant.now(),
                Instant.now().plusSeconds(3600), Instant.now()));
        try (Connection connection = store.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<Object> moved = JournalBatch.execute(connection, JournalWrite.Kind.TRANSITION, List.of(
                    JournalWrite.Transition.fromPending(combined, MessageStatus.UNDELIVERABLE,
                            EventDetail.note("parts combined"), Instant.now()).withNotice(notice),
                    new JournalWrite.Transition(retried, java.util.EnumSet.of(MessageStatus.QUEUED),
                            MessageStatus.SUBMITTED, Optional.empty(), true, EventDetail.note("not final"),
                            Instant.now()).withNotice(notice)));
            connection.rollback();
            assertThat(moved).containsExactly(true, true);
            assertThat(store.count("SELECT count(*) FROM outbox WHERE message_id = " + combined.value()))
                    .as("rolled back with its final state").isZero();

            JournalBatch.execute(connection, JournalWrite.Kind.TRANSITION, List.of(
                    JournalWrite.Transition.fromPending(combined, MessageStatus.UNDELIVERABLE,
                            EventDetail.note("parts combined"), Instant.now()).withNotice(notice)));
            connection.commit();
        }
        assertThat(store.text("SELECT convert_from(payload, 'UTF8') FROM outbox WHERE message_id = "
                + combined.value())).endsWith(" UNDELIVERABLE");
        assertThat(store.text("SELECT state || ' ' || receipt_queued FROM message WHERE message_id = "
                + combined.value())).isEqualTo("UNDELIVERABLE true");
        assertThat(store.count("SELECT count(*) FROM outbox WHERE message_id = " + retried.value())).isZero();
    }

    private static List<MessageId> accept(int count) throws SQLException {
        List<JournalWrite<?>> inserts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inserts.add(new InsertMessage(store.message("hot", "4477009" + (20_000 + i))));
        }
        try (Connection connection = store.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<Object> ids = JournalBatch.execute(connection, JournalWrite.Kind.INSERT_MESSAGE, inserts);
            connection.commit();
            return ids.stream().map(MessageId.class::cast).toList();
        }
    }

    // This backend's counts for today's message partition not yet flushed to the cumulative statistics: exact, and
    // not flushed inside an open transaction, so a difference within one transaction counts its own writes.
    private static long transactionStat(Connection connection, String function) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT " + function + "('" + partition + "'::regclass)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // EXPLAIN of a batch statement with the given messages: bigint arrays get their ids, text arrays their
    // created_at, the others zeros (the plan does not depend on them).
    private static String explain(Connection connection, String sql, List<Long> ids) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet times = statement.executeQuery("SELECT message_id, created_at::text FROM message"
                     + " WHERE message_id = ANY ('{" + ids.stream().map(String::valueOf)
                     .collect(Collectors.joining(",")) + "}') ORDER BY message_id")) {
            List<Long> found = new ArrayList<>();
            List<String> createdAts = new ArrayList<>();
            while (times.next()) {
                found.add(times.getLong(1));
                createdAts.add(times.getString(2));
            }
            // A prepared statement's plan, as the driver's server-side statements get it: plan_cache_mode decides
            // whether it is planned for these arrays (custom) or for any (generic, unnest() estimated at 10 rows);
            // an EXPLAIN of the statement text with bound parameters would always plan for the values.
            StringBuilder numbered = new StringBuilder();
            int parameter = 0;
            for (char c : sql.toCharArray()) {
                numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
            }
            try (Statement prepare = connection.createStatement()) {
                prepare.execute("DEALLOCATE ALL");
                prepare.execute("PREPARE batch(" + java.util.Arrays.stream(parameterTypes(sql))
                        .map(type -> type + "[]").collect(Collectors.joining(", ")) + ") AS " + numbered);
            }
            // EXECUTE takes its arguments as literals (a utility statement has no bound parameters); each is an
            // array of numbers, timestamps or booleans, with no quote in it.
            String[] types = parameterTypes(sql);
            List<String> arguments = new ArrayList<>();
            for (String type : types) {
                arguments.add("'" + array(connection, type, found, createdAts) + "'::" + type + "[]");
            }
            try (Statement explain = connection.createStatement()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = explain.executeQuery("EXPLAIN EXECUTE batch(" + String.join(", ", arguments)
                        + ")")) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            }
        }
    }

    // The statements bind every parameter as ?::type[]: their order gives each one's type.
    private static String[] parameterTypes(String sql) {
        List<String> types = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\\?::(\\w+)\\[]").matcher(sql);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
        return types.toArray(String[]::new);
    }

    private static Array array(Connection connection, String type, List<Long> ids, List<String> createdAts)
            throws SQLException {
        return switch (type) {
            case "bigint" -> connection.createArrayOf("bigint", ids.toArray());
            case "text" -> connection.createArrayOf("text", createdAts.toArray());
            case "integer" -> connection.createArrayOf("integer", ids.stream().map(i -> 0).toArray());
            case "boolean" -> connection.createArrayOf("boolean", ids.stream().map(i -> false).toArray());
            default -> throw new IllegalArgumentException("parameter type: " + type + " (expected: bigint, text, "
                    + "integer or boolean)");
        };
    }
}
