package io.smsgate.server.store;

import io.smsgate.server.store.JournalWrite.CompleteOutbox;
import io.smsgate.server.store.JournalWrite.CorrelateReceipt;
import io.smsgate.server.store.JournalWrite.EnqueueOutbox;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import io.smsgate.server.store.JournalWrite.RecordSubmission;
import io.smsgate.server.store.JournalWrite.RetryOutbox;
import io.smsgate.server.store.JournalWrite.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statements of one Journal batch, one statement family per write kind: inserts as JDBC batches (the driver
 * rewrites them to multi-row INSERT … VALUES), and the receipt and state logic as one call of a SQL function per
 * row over {@code unnest} of arrays, so a kind costs one round trip whatever the number of its writes.
 */
final class JournalBatch {

    private static final String INSERT_MESSAGE = """
            INSERT INTO message (message_id, created_at, system_id, source_ton, source_npi, source_addr, dest_ton,
                                 dest_npi, dest_addr, esm_class, protocol_id, priority_flag, data_coding,
                                 registered_delivery, validity_until, not_before, client_ref, parts, tlvs, state,
                                 updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)""";

    private static final String ENQUEUE_OUTBOX = """
            INSERT INTO outbox (outbox_id, system_id, kind, message_id, payload, state, attempts, next_attempt_at,
                                expires_at, created_at)
            VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""";

    private static final String TRANSITION = """
            SELECT smsgate_transition(i.message_id, i.created_at::timestamptz, string_to_array(i.from_states, ','),
                                      i.to_state, i.not_before::timestamptz, i.attempt, i.at::timestamptz,
                                      i.carrier_id, i.carrier_message_id, i.command_status, i.stat, i.error_code,
                                      i.detail)
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                          ?::text[], ?::text[], ?::integer[], ?::text[], ?::text[], ?::text[])
                   WITH ORDINALITY AS i(message_id, created_at, from_states, to_state, not_before, attempt, at,
                                        carrier_id, carrier_message_id, command_status, stat, error_code, detail,
                                        ord)
             ORDER BY i.ord""";

    private static final String RECORD_SUBMISSION = """
            SELECT r.outcome, r.message_id, r.system_id, r.part_index, r.part_count, r.message_state
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[], ?::text[])
                   WITH ORDINALITY AS i(message_id, created_at, carrier_id, carrier_message_id, part_index,
                                        part_count, at, ord)
             CROSS JOIN LATERAL smsgate_record_submission(i.message_id, i.created_at::timestamptz, i.carrier_id,
                                                          i.carrier_message_id, i.part_index, i.part_count,
                                                          i.at::timestamptz) r
             ORDER BY i.ord""";

    private static final String CORRELATE_RECEIPT = """
            SELECT r.outcome, r.message_id, r.system_id, r.part_index, r.part_count, r.message_state
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   WITH ORDINALITY AS i(carrier_id, carrier_message_id, state, stat, error_code, at, ord)
             CROSS JOIN LATERAL smsgate_correlate_receipt(i.carrier_id, i.carrier_message_id, i.state, i.stat,
                                                          i.error_code, i.at::timestamptz) r
             ORDER BY i.ord""";

    private static final String RETRY_OUTBOX = """
            UPDATE outbox
               SET attempts = attempts + 1,
                   next_attempt_at = CASE WHEN ? THEN next_attempt_at ELSE ?::timestamptz END,
                   state = CASE WHEN ? THEN 'DEAD' ELSE 'PENDING' END
             WHERE outbox_id = ? AND state = 'PENDING'""";

    private static final String COMPLETE_OUTBOX = "DELETE FROM outbox WHERE outbox_id = ?";

    private JournalBatch() {
    }

    /** Runs the writes of one kind on {@code connection} (in its open transaction); results in write order. */
    static List<Object> execute(Connection connection, JournalWrite.Kind kind, List<JournalWrite<?>> writes)
            throws SQLException {
        return switch (kind) {
            case INSERT_MESSAGE -> insertMessages(connection, cast(writes));
            case ENQUEUE_OUTBOX -> enqueueOutbox(connection, cast(writes));
            case TRANSITION -> transitions(connection, cast(writes));
            case RECORD_SUBMISSION -> recordSubmissions(connection, cast(writes));
            case CORRELATE_RECEIPT -> correlateReceipts(connection, cast(writes));
            case RETRY_OUTBOX -> retryOutbox(connection, cast(writes));
            case COMPLETE_OUTBOX -> completeOutbox(connection, cast(writes));
        };
    }

    @SuppressWarnings("unchecked")
    private static <W> List<W> cast(List<JournalWrite<?>> writes) {
        return (List<W>) (List<?>) writes;
    }

    private static List<Object> insertMessages(Connection connection, List<InsertMessage> writes)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_MESSAGE)) {
            List<Object> ids = new ArrayList<>(writes.size());
            for (InsertMessage write : writes) {
                NewMessage m = write.message();
                OffsetDateTime createdAt = utc(m.createdAt());
                statement.setLong(1, m.id().value());
                statement.setObject(2, createdAt);
                statement.setString(3, m.systemId());
                statement.setShort(4, (short) m.source().ton());
                statement.setShort(5, (short) m.source().npi());
                statement.setString(6, m.source().address());
                statement.setShort(7, (short) m.destination().ton());
                statement.setShort(8, (short) m.destination().npi());
                statement.setString(9, m.destination().address());
                statement.setShort(10, (short) m.esmClass());
                statement.setShort(11, (short) m.protocolId());
                statement.setShort(12, (short) m.priorityFlag());
                statement.setShort(13, (short) m.dataCoding());
                statement.setShort(14, (short) m.registeredDelivery());
                setTimestamp(statement, 15, m.validityUntil());
                setTimestamp(statement, 16, m.notBefore());
                statement.setString(17, m.clientRef().orElse(null));
                byte[][] parts = new byte[m.parts().size()][];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = m.parts().get(i).toByteArray();
                }
                statement.setArray(18, connection.createArrayOf("bytea", parts));
                statement.setBytes(19, m.tlvs().toByteArray());
                statement.setObject(20, createdAt);
                statement.addBatch();
                ids.add(m.id());
            }
            statement.executeBatch();
            return ids;
        }
    }

    private static List<Object> enqueueOutbox(Connection connection, List<EnqueueOutbox> writes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ENQUEUE_OUTBOX)) {
            List<Object> ids = new ArrayList<>(writes.size());
            for (EnqueueOutbox write : writes) {
                statement.setLong(1, write.outboxId().value());
                statement.setString(2, write.systemId());
                statement.setString(3, write.outboxKind().name());
                if (write.messageId().isPresent()) {
                    statement.setLong(4, write.messageId().get().value());
                } else {
                    statement.setNull(4, Types.BIGINT);
                }
                statement.setBytes(5, write.payload().toByteArray());
                statement.setObject(6, utc(write.nextAttemptAt()));
                statement.setObject(7, utc(write.expiresAt()));
                statement.setObject(8, utc(write.at()));
                statement.addBatch();
                ids.add(write.outboxId());
            }
            statement.executeBatch();
            return ids;
        }
    }

    private static List<Object> transitions(Connection connection, List<Transition> writes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TRANSITION)) {
            statement.setArray(1, longs(connection, writes, w -> w.messageId().value()));
            statement.setArray(2, texts(connection, writes, w -> w.messageId().createdAt().toString()));
            statement.setArray(3, texts(connection, writes, w -> w.from().stream().map(Enum::name).sorted()
                    .collect(Collectors.joining(","))));
            statement.setArray(4, texts(connection, writes, w -> w.to().name()));
            statement.setArray(5, texts(connection, writes, w -> w.notBefore().map(Instant::toString).orElse(null)));
            statement.setArray(6, connection.createArrayOf("boolean",
                    writes.stream().map(Transition::attempt).toArray()));
            statement.setArray(7, texts(connection, writes, w -> w.at().toString()));
            statement.setArray(8, texts(connection, writes, w -> w.detail().carrierId().orElse(null)));
            statement.setArray(9, texts(connection, writes, w -> w.detail().carrierMessageId().orElse(null)));
            statement.setArray(10, connection.createArrayOf("integer", writes.stream()
                    .map(w -> w.detail().commandStatus().isPresent() ? w.detail().commandStatus().getAsInt() : null)
                    .toArray()));
            statement.setArray(11, texts(connection, writes, w -> w.detail().receiptStat().orElse(null)));
            statement.setArray(12, texts(connection, writes, w -> w.detail().errorCode().orElse(null)));
            statement.setArray(13, texts(connection, writes, w -> w.detail().text().orElse(null)));
            List<Object> moved = new ArrayList<>(writes.size());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    moved.add(rows.getBoolean(1));
                }
            }
            return checked(moved, writes.size(), "transition");
        }
    }

    private static List<Object> recordSubmissions(Connection connection, List<RecordSubmission> writes)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD_SUBMISSION)) {
            statement.setArray(1, longs(connection, writes, w -> w.messageId().value()));
            statement.setArray(2, texts(connection, writes, w -> w.messageId().createdAt().toString()));
            statement.setArray(3, texts(connection, writes, RecordSubmission::carrierId));
            statement.setArray(4, texts(connection, writes, RecordSubmission::carrierMessageId));
            statement.setArray(5, connection.createArrayOf("integer",
                    writes.stream().map(RecordSubmission::partIndex).toArray()));
            statement.setArray(6, connection.createArrayOf("integer",
                    writes.stream().map(RecordSubmission::partCount).toArray()));
            statement.setArray(7, texts(connection, writes, w -> w.at().toString()));
            return checked(correlations(statement), writes.size(), "record submission");
        }
    }

    private static List<Object> correlateReceipts(Connection connection, List<CorrelateReceipt> writes)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CORRELATE_RECEIPT)) {
            statement.setArray(1, texts(connection, writes, CorrelateReceipt::carrierId));
            statement.setArray(2, texts(connection, writes, CorrelateReceipt::carrierMessageId));
            statement.setArray(3, texts(connection, writes, w -> w.status().name()));
            statement.setArray(4, texts(connection, writes, w -> w.receiptStat().orElse(null)));
            statement.setArray(5, texts(connection, writes, w -> w.errorCode().orElse(null)));
            statement.setArray(6, texts(connection, writes, w -> w.receivedAt().toString()));
            return checked(correlations(statement), writes.size(), "correlate receipt");
        }
    }

    private static List<Object> retryOutbox(Connection connection, List<RetryOutbox> writes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RETRY_OUTBOX)) {
            for (RetryOutbox write : writes) {
                boolean dead = write.nextAttemptAt().isEmpty();
                statement.setBoolean(1, dead);
                statement.setString(2, write.nextAttemptAt().map(Instant::toString).orElse(null));
                statement.setBoolean(3, dead);
                statement.setLong(4, write.outboxId().value());
                statement.addBatch();
            }
            return updated(statement.executeBatch());
        }
    }

    private static List<Object> completeOutbox(Connection connection, List<CompleteOutbox> writes)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COMPLETE_OUTBOX)) {
            for (CompleteOutbox write : writes) {
                statement.setLong(1, write.outboxId().value());
                statement.addBatch();
            }
            return updated(statement.executeBatch());
        }
    }

    private static List<Object> correlations(PreparedStatement statement) throws SQLException {
        List<Object> results = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Correlation.Outcome outcome = Correlation.Outcome.valueOf(rows.getString(1));
                if (outcome == Correlation.Outcome.ORPHANED) {
                    results.add(Correlation.ORPHANED);
                    continue;
                }
                long messageId = rows.getLong(2);
                results.add(new Correlation(outcome, Optional.of(new MessageId(messageId)),
                        Optional.ofNullable(rows.getString(3)), rows.getInt(4), rows.getInt(5),
                        Optional.ofNullable(rows.getString(6)).map(MessageStatus::valueOf)));
            }
        }
        return results;
    }

    private static List<Object> updated(int[] counts) {
        List<Object> results = new ArrayList<>(counts.length);
        for (int count : counts) {
            results.add(count > 0);
        }
        return results;
    }

    private static List<Object> checked(List<Object> results, int expected, String what) {
        if (results.size() != expected) {
            throw new IllegalStateException(what + ": " + results.size() + " results (expected: " + expected + ")");
        }
        return results;
    }

    private static <W> java.sql.Array texts(Connection connection, List<W> writes, Function<W, String> field)
            throws SQLException {
        String[] values = new String[writes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(writes.get(i));
        }
        return connection.createArrayOf("text", values);
    }

    private static <W> java.sql.Array longs(Connection connection, List<W> writes, Function<W, Long> field)
            throws SQLException {
        Long[] values = new Long[writes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(writes.get(i));
        }
        return connection.createArrayOf("bigint", values);
    }

    private static void setTimestamp(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setObject(index, utc(value.get()));
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
