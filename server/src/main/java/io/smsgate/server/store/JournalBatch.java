package io.smsgate.server.store;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.JournalWrite.CompleteOutbox;
import io.smsgate.server.store.JournalWrite.CorrelateReceipt;
import io.smsgate.server.store.JournalWrite.EnqueueOutbox;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import io.smsgate.server.store.JournalWrite.RecordSubmission;
import io.smsgate.server.store.JournalWrite.RetryOutbox;
import io.smsgate.server.store.JournalWrite.Transition;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.postgresql.PGConnection;
import java.util.stream.Collectors;

/**
 * The statements of one Journal batch, one statement family per write kind, each set-based so that a kind costs
 * one to three round trips whatever the number of its writes: accepted messages by COPY; outbox rows, submissions
 * and receipts as statements over {@code unnest} of arrays. Receipts
 * are decided in memory in arrival order between one read (two when they name parts of multipart messages) and one
 * write statement, so two receipts for one id, or for two parts of one message, in the same batch see each other;
 * the final-state guards stay in SQL all the same.
 */
final class JournalBatch {

    // COPY rather than INSERT: the server parses one stream instead of a statement per 128 rows (about twice as
    // many accepts per second here).
    private static final String COPY_MESSAGES = """
            COPY message (message_id, created_at, system_id, source_ton, source_npi, source_addr, dest_ton, dest_npi,
                          dest_addr, esm_class, protocol_id, priority_flag, data_coding, registered_delivery,
                          validity_until, not_before, client_ref, parts, tlvs, state, updated_at, status_callback,
                          price_amount, price_currency)
            FROM STDIN""";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // One statement text whatever the batch size: as a JDBC batch the driver rewrote it to multi-row VALUES of several
    // sizes, each text planned on its own (pg_stat_statements under the gateway's load: planning 4.6 µs per receipt
    // over six texts, more than the receipts' own APPLY_RECEIPTS took to plan).
    private static final String ENQUEUE_OUTBOX = """
            INSERT INTO outbox (outbox_id, system_id, kind, message_id, payload, state, attempts, next_attempt_at,
                                expires_at, created_at)
            SELECT u.outbox_id, u.system_id, u.kind, u.message_id, u.payload, 'PENDING', 0,
                   u.next_attempt_at::timestamptz, u.expires_at::timestamptz, u.created_at::timestamptz
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bytea[], ?::text[], ?::text[], ?::text[])
                   AS u(outbox_id, system_id, kind, message_id, payload, next_attempt_at, expires_at, created_at)""";
    // In the outbox row's transaction: start-up recovery queues the receipts of final messages without this mark
    // (V020), which a crash between the final state's commit and the outbox row's commit would otherwise lose. No join:
    // the keys are index conditions of the primary key, so no backlog size makes a hash join of the whole partition
    // look cheaper (it did at fillfactor 100, V098). Message ids are unique, so the created_at list only prunes.
    static final String MARK_RECEIPT_QUEUED = """
            UPDATE message m SET receipt_queued = true
             WHERE m.message_id = ANY (?::bigint[]) AND m.created_at = ANY (?::text[]::timestamptz[])""";

    // Set-based: every message moves at most once per statement (the caller splits repeated ids), and only from
    // one of its allowed states and never out of a final one; the moved rows get their events. A row reads QUEUED
    // while its message is at a carrier (V093): a move allowed only from QUEUED (cancel_sm) also needs the message
    // never to have been at one, which the filter on u checks before the join (a condition on the message row there
    // made the planner hash-join the whole backlog). The batch's own ids restrict the message scan (message_id =
    // ANY, an index condition of the primary key) so that it stays a key lookup whatever the backlog, batch size and
    // plan_cache_mode (V098); the join to u only pairs each row with its values.
    static final String TRANSITIONS = """
            WITH u AS (
                SELECT *
                  FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                              ?::text[], ?::text[], ?::integer[], ?::text[], ?::text[], ?::text[])
                       WITH ORDINALITY AS u(message_id, created_at, from_states, to_state, not_before, attempt, at,
                                            carrier_id, carrier_message_id, command_status, stat, error_code, detail,
                                            ord)
                 WHERE 'SUBMITTED' = ANY (string_to_array(u.from_states, ','))
                    OR NOT smsgate_has_carrier_ref(u.message_id, u.created_at::timestamptz)),
            moved AS (
                UPDATE message m
                   SET state = u.to_state,
                       not_before = COALESCE(u.not_before::timestamptz, m.not_before),
                       attempts = m.attempts + CASE WHEN u.attempt THEN 1 ELSE 0 END,
                       carrier_id = COALESCE(u.carrier_id, m.carrier_id),
                       updated_at = u.at::timestamptz
                  FROM u
                 WHERE m.message_id = ANY (ARRAY(SELECT message_id FROM u))
                   AND m.message_id = u.message_id AND m.created_at = u.created_at::timestamptz
                   AND m.state = ANY (string_to_array(u.from_states, ',')) AND NOT smsgate_is_final(m.state)
                RETURNING u.*, m.system_id, m.registered_delivery, m.source_ton, m.source_npi, m.source_addr,
                          m.dest_ton, m.dest_npi, m.dest_addr, cardinality(m.parts) AS part_count),
            events AS (
                INSERT INTO message_event (message_id, created_at, state, carrier_id, carrier_message_id,
                                           command_status, receipt_stat, error_code, detail)
                SELECT message_id, at::timestamptz, to_state, carrier_id, carrier_message_id, command_status, stat,
                       error_code, detail
                  FROM moved)
            SELECT ord, system_id, registered_delivery, source_ton, source_npi, source_addr, dest_ton, dest_npi,
                   dest_addr, part_count
              FROM moved""";

    // Set-based: one statement records every part's reference, which is also its SUBMITTED event (V091) and makes its
    // message SUBMITTED (V093: the row is not updated; message_current derives the state), and queues the SUBMITTED
    // status callbacks of the parts whose message has a subscription, as V050's trigger queues those of message_event
    // rows (same order key, same data).
    static final String RECORD_SUBMISSIONS = """
            WITH i AS (
                SELECT message_id, created_at::timestamptz AS created_at, carrier_id, carrier_message_id, part_index,
                       part_count, at::timestamptz AS at, ord
                  FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[], ?::text[])
                       WITH ORDINALITY AS u(message_id, created_at, carrier_id, carrier_message_id, part_index,
                                            part_count, at, ord)),
            refs AS (
                INSERT INTO carrier_ref (carrier_id, carrier_message_id, message_id, message_created_at, part_index,
                                         part_count, created_at)
                SELECT carrier_id, carrier_message_id, message_id, created_at, part_index, part_count, at FROM i)
            INSERT INTO webhook_event (system_id, event_type, order_key, url, data)
            SELECT s.system_id, 'message.status', 'msg:' || i.message_id, s.url,
                   jsonb_strip_nulls(jsonb_build_object(
                       'message_id', i.message_id, 'status', 'SUBMITTED', 'at', i.at, 'carrier_id', i.carrier_id,
                       'carrier_message_id', i.carrier_message_id, 'command_status', 0,
                       'detail', 'part ' || (i.part_index + 1) || '/' || i.part_count))
              FROM i JOIN webhook_subscription s ON s.message_id = i.message_id
             ORDER BY i.at, i.message_id, i.ord""";

    // Receipts that came before these ids' submit_sm_resp.
    private static final String TAKE_ORPHANS = """
            DELETE FROM receipt_orphan o
             USING unnest(?::text[], ?::text[]) AS i(carrier_id, carrier_message_id)
             WHERE o.carrier_id = i.carrier_id AND o.carrier_message_id = i.carrier_message_id
            RETURNING o.carrier_id, o.carrier_message_id, o.state, o.receipt_stat, o.error_code, o.received_at""";

    // The newest reference of each receipt's (carrier, id), its part's state and its message's state. The lookup index
    // ends in created_at (V011), so the partitions are read newest first and the scan stops at the first match; the
    // bound drops the partitions created ahead. An hour, not a day: with a day, tomorrow's (empty) partition was
    // probed first for every receipt, two of its eight buffer reads; an hour still allows for a writer's clock
    // ahead of the database's.
    private static final String FIND_REFERENCES = """
            SELECT i.ord, r.message_id, r.message_created_at, r.part_index, r.part_count, r.state, r.created_at,
                   m.system_id, m.state, m.registered_delivery, m.source_ton, m.source_npi, m.source_addr, m.dest_ton,
                   m.dest_npi, m.dest_addr, m.part_count, m.status_callback
              FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS i(carrier_id, carrier_message_id, ord)
              JOIN LATERAL (SELECT * FROM carrier_ref r
                             WHERE r.carrier_id = i.carrier_id AND r.carrier_message_id = i.carrier_message_id
                               AND r.created_at < now() + interval '1 hour'
                             ORDER BY r.created_at DESC LIMIT 1) r ON true
              LEFT JOIN LATERAL (SELECT m.system_id, m.state, m.registered_delivery, m.source_ton, m.source_npi,
                                        m.source_addr, m.dest_ton, m.dest_npi, m.dest_addr,
                                        cardinality(m.parts) AS part_count,
                                        m.status_callback IS NOT NULL AS status_callback
                                   FROM message m
                                  WHERE m.message_id = r.message_id AND m.created_at = r.message_created_at) m ON true""";

    // The newest reference of each part of the multipart messages a batch's receipts name, at the receipt's carrier
    // and in its number of parts (a message re-segmented for another carrier after a failover has other parts there),
    // with the part's state, receipt stat and error code (V107: they name the combined final event when that part
    // decides): the parts' receipts combine in the receipts' transaction (MultipartReceipts). Lateral, so that each
    // message's parts are found through carrier_ref_parts (V096: its predicate is repeated here for the planner) in
    // the partitions from a day before the message's (ids may run ahead of the clock, references carry the writer's).
    static final String PART_STATES = """
            SELECT u.ord, p.part_index, p.state, p.created_at, p.receipt_stat, p.error_code
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::integer[])
                   WITH ORDINALITY AS u(message_id, message_created_at, carrier_id, part_count, ord)
             CROSS JOIN LATERAL (
                   SELECT DISTINCT ON (c.part_index) c.part_index, c.state, c.created_at, c.receipt_stat, c.error_code
                     FROM carrier_ref c
                    WHERE c.message_id = u.message_id AND c.message_created_at = u.message_created_at::timestamptz
                      AND c.carrier_id = u.carrier_id AND c.part_count = u.part_count AND c.part_count > 1
                      AND c.created_at >= u.message_created_at::timestamptz - interval '1 day'
                    ORDER BY c.part_index, c.created_at DESC) p""";

    // Applies the outcome computed for a batch of receipts in one statement. The final-state guards stay in SQL. A
    // message made final here whose client receipt enters the outbox in this transaction is marked receipt_queued
    // by the same UPDATE: one row version per receipt, not two (V012). The event of a single-part message's final
    // receipt (or of a multipart message's combined final state) is kept in that same row version (final_detail,
    // V092) rather than in a message_event row, with the receipt's carrier and carrier message id (V093: a submission
    // no longer writes them into the row). As in TRANSITIONS, the batch's ids restrict the message scan to
    // primary-key lookups (V098).
    static final String APPLY_RECEIPTS = """
            WITH parts AS (
                UPDATE carrier_ref r SET state = u.state, receipt_stat = u.stat, error_code = u.error_code
                  FROM unnest(?::text[], ?::text[], ?::bigint[], ?::integer[], ?::text[], ?::text[], ?::text[],
                              ?::text[])
                       AS u(carrier_id, carrier_message_id, message_id, part_index, created_at, state, stat, error_code)
                 WHERE r.carrier_id = u.carrier_id AND r.carrier_message_id = u.carrier_message_id
                   AND r.message_id = u.message_id AND r.part_index = u.part_index
                   AND r.created_at = u.created_at::timestamptz
                   AND (r.state IS NULL OR NOT smsgate_is_final(r.state))),
            outcomes AS (
                SELECT *
                  FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::text[])
                       AS u(message_id, created_at, state, at, receipt_queued, stat, error_code, detail, carrier_id,
                            carrier_message_id)),
            messages AS (
                UPDATE message m SET state = u.state, updated_at = u.at::timestamptz,
                                     receipt_queued = m.receipt_queued OR u.receipt_queued,
                                     final_receipt_stat = u.stat, final_error_code = u.error_code,
                                     final_detail = u.detail,
                                     carrier_id = COALESCE(u.carrier_id, m.carrier_id),
                                     carrier_message_id = COALESCE(u.carrier_message_id, m.carrier_message_id)
                  FROM outcomes u
                 WHERE m.message_id = ANY (ARRAY(SELECT message_id FROM outcomes))
                   AND m.message_id = u.message_id AND m.created_at = u.created_at::timestamptz
                   AND NOT smsgate_is_final(m.state)),
            events AS (
                INSERT INTO message_event (message_id, created_at, state, carrier_id, carrier_message_id, receipt_stat,
                                           error_code, detail)
                SELECT message_id, at::timestamptz, state, carrier_id, carrier_message_id, stat, error_code, detail
                  FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       AS u(message_id, at, state, carrier_id, carrier_message_id, stat, error_code, detail))
            INSERT INTO receipt_orphan (carrier_id, carrier_message_id, state, receipt_stat, error_code, received_at)
            SELECT carrier_id, carrier_message_id, state, stat, error_code, at::timestamptz
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   AS u(carrier_id, carrier_message_id, state, stat, error_code, at)""";

    private static final String RETRY_OUTBOX = """
            UPDATE outbox
               SET attempts = attempts + 1,
                   next_attempt_at = CASE WHEN ? THEN next_attempt_at ELSE ?::timestamptz END,
                   state = CASE WHEN ? THEN 'DEAD' ELSE 'PENDING' END,
                   dead_at = CASE WHEN ? THEN ?::timestamptz END
             WHERE outbox_id = ? AND state = 'PENDING'""";

    // One statement for the whole batch: the rows the clients acknowledged.
    private static final String COMPLETE_OUTBOX =
            "DELETE FROM outbox WHERE outbox_id = ANY (?::bigint[]) RETURNING outbox_id";

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
        StringBuilder rows = new StringBuilder(writes.size() * 256);
        List<Object> ids = new ArrayList<>(writes.size());
        for (InsertMessage write : writes) {
            NewMessage m = write.message();
            String createdAt = Timestamps.iso(m.createdAt());
            rows.append(m.id().value()).append('\t').append(createdAt).append('\t');
            text(rows, m.systemId()).append('\t');
            rows.append(m.source().ton()).append('\t').append(m.source().npi()).append('\t');
            text(rows, m.source().address()).append('\t');
            rows.append(m.destination().ton()).append('\t').append(m.destination().npi()).append('\t');
            text(rows, m.destination().address()).append('\t');
            rows.append(m.esmClass()).append('\t').append(m.protocolId()).append('\t').append(m.priorityFlag())
                    .append('\t').append(m.dataCoding()).append('\t').append(m.registeredDelivery()).append('\t');
            copyTimestamp(rows, m.validityUntil()).append('\t');
            copyTimestamp(rows, m.notBefore()).append('\t');
            if (m.clientRef().isPresent()) {
                text(rows, m.clientRef().get());
            } else {
                rows.append("\\N");
            }
            rows.append('\t').append('{');
            for (int i = 0; i < m.parts().size(); i++) {
                // An array element "\\x…" (bytea hex), its backslash doubled once for the array literal and once
                // for COPY's text format.
                rows.append(i == 0 ? "" : ",").append("\"\\\\\\\\x");
                hex(rows, m.parts().get(i)).append('"');
            }
            rows.append("}\t\\\\x");
            hex(rows, m.tlvs()).append("\tQUEUED\t").append(createdAt).append('\t');
            if (m.statusCallback().isPresent()) {
                text(rows, m.statusCallback().get());
            } else {
                rows.append("\\N");
            }
            if (m.price().isPresent()) {
                rows.append('\t').append(m.price().get().amount().toPlainString()).append('\t')
                        .append(m.price().get().currency());
            } else {
                rows.append("\t\\N\t\\N");
            }
            rows.append('\n');
            ids.add(m.id());
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_MESSAGES, new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("copy messages", e);
        }
        return ids;
    }

    // COPY text format: backslash, tab, newline and carriage return are escaped; nothing else is special.
    private static StringBuilder text(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    private static StringBuilder hex(StringBuilder out, OctetString octets) {
        for (int i = 0; i < octets.length(); i++) {
            int b = octets.get(i);
            out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return out;
    }

    private static List<Object> enqueueOutbox(Connection connection, List<EnqueueOutbox> writes) throws SQLException {
        List<Object> ids = insertOutbox(connection, writes);
        markReceiptsQueued(connection, writes);
        return ids;
    }

    // COPY text format: the timestamp, or \N for NULL.
    private static StringBuilder copyTimestamp(StringBuilder rows, Optional<Instant> at) {
        return at.isPresent() ? Timestamps.append(rows, at.get()) : rows.append("\\N");
    }

    private static List<Object> insertOutbox(Connection connection, List<EnqueueOutbox> writes) throws SQLException {
        byte[][] payloads = new byte[writes.size()][];
        List<Object> ids = new ArrayList<>(writes.size());
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = writes.get(i).payload().toByteArray();
            ids.add(writes.get(i).outboxId());
        }
        try (PreparedStatement statement = connection.prepareStatement(ENQUEUE_OUTBOX)) {
            statement.setArray(1, longs(connection, writes, w -> w.outboxId().value()));
            statement.setArray(2, texts(connection, writes, EnqueueOutbox::systemId));
            statement.setArray(3, texts(connection, writes, w -> w.outboxKind().name()));
            statement.setArray(4, longs(connection, writes, w -> w.messageId().map(MessageId::value).orElse(null)));
            statement.setArray(5, connection.createArrayOf("bytea", payloads));
            statement.setArray(6, texts(connection, writes, w -> Timestamps.iso(w.nextAttemptAt())));
            statement.setArray(7, texts(connection, writes, w -> Timestamps.iso(w.expiresAt())));
            statement.setArray(8, texts(connection, writes, w -> Timestamps.iso(w.at())));
            statement.executeUpdate();
        }
        return ids;
    }

    private static void markReceiptsQueued(Connection connection, List<EnqueueOutbox> writes) throws SQLException {
        List<Long> messageIds = new ArrayList<>(writes.size());
        List<String> createdAts = new ArrayList<>(writes.size());
        for (EnqueueOutbox write : writes) {
            if (write.outboxKind() == OutboxKind.RECEIPT && write.messageId().isPresent()) {
                messageIds.add(write.messageId().get().value());
                createdAts.add(Timestamps.iso(write.messageId().get().createdAt()));
            }
        }
        if (messageIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_RECEIPT_QUEUED)) {
            statement.setArray(1, connection.createArrayOf("bigint", messageIds.toArray()));
            statement.setArray(2, connection.createArrayOf("text", createdAts.toArray()));
            statement.executeUpdate();
        }
    }

    private static List<Object> transitions(Connection connection, List<Transition> writes) throws SQLException {
        // One UPDATE moves a row once: a message named twice in a batch takes a second statement, in order.
        List<Object> results = new ArrayList<>(writes.size());
        List<Transition> round = new ArrayList<>();
        Set<MessageId> inRound = new HashSet<>();
        for (Transition write : writes) {
            if (!inRound.add(write.messageId())) {
                results.addAll(transitionRound(connection, round));
                round.clear();
                inRound.clear();
                inRound.add(write.messageId());
            }
            round.add(write);
        }
        results.addAll(transitionRound(connection, round));
        return results;
    }

    private static List<Object> transitionRound(Connection connection, List<Transition> writes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TRANSITIONS)) {
            statement.setArray(1, longs(connection, writes, w -> w.messageId().value()));
            statement.setArray(2, texts(connection, writes, w -> Timestamps.iso(w.messageId().createdAt())));
            statement.setArray(3, texts(connection, writes, w -> w.from().stream().map(Enum::name).sorted()
                    .collect(Collectors.joining(","))));
            statement.setArray(4, texts(connection, writes, w -> w.to().name()));
            statement.setArray(5, texts(connection, writes, w -> w.notBefore().map(Timestamps::iso).orElse(null)));
            statement.setArray(6, connection.createArrayOf("boolean",
                    writes.stream().map(Transition::attempt).toArray()));
            statement.setArray(7, texts(connection, writes, w -> Timestamps.iso(w.at())));
            statement.setArray(8, texts(connection, writes, w -> w.detail().carrierId().orElse(null)));
            statement.setArray(9, texts(connection, writes, w -> w.detail().carrierMessageId().orElse(null)));
            statement.setArray(10, connection.createArrayOf("integer", writes.stream()
                    .map(w -> w.detail().commandStatus().isPresent() ? w.detail().commandStatus().getAsInt() : null)
                    .toArray()));
            statement.setArray(11, texts(connection, writes, w -> w.detail().receiptStat().orElse(null)));
            statement.setArray(12, texts(connection, writes, w -> w.detail().errorCode().orElse(null)));
            statement.setArray(13, texts(connection, writes, w -> w.detail().text().orElse(null)));
            Boolean[] moved = new Boolean[writes.size()];
            Arrays.fill(moved, Boolean.FALSE);
            List<EnqueueOutbox> clientReceipts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int index = (int) rows.getLong(1) - 1;
                    moved[index] = Boolean.TRUE;
                    Transition write = writes.get(index);
                    if (write.to().isFinal() && write.notice() != ReceiptNotice.NONE) {
                        ReceiptSubject subject = new ReceiptSubject(write.messageId(), rows.getString(2),
                                new Address(rows.getShort(4), rows.getShort(5), rows.getString(6)),
                                new Address(rows.getShort(7), rows.getShort(8), rows.getString(9)), rows.getShort(3),
                                rows.getInt(10));
                        write.notice().outbox(subject, write.to()).ifPresent(clientReceipts::add);
                    }
                }
            }
            if (!clientReceipts.isEmpty()) {
                // The final state and the client's receipt commit together; the mark is a second version of these
                // rows (a carrier receipt's single-part path sets it in its one UPDATE instead).
                enqueueOutbox(connection, clientReceipts);
            }
            return List.of((Object[]) moved);
        }
    }

    private static List<Object> recordSubmissions(Connection connection, List<RecordSubmission> writes)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD_SUBMISSIONS)) {
            statement.setArray(1, longs(connection, writes, w -> w.messageId().value()));
            statement.setArray(2, texts(connection, writes, w -> Timestamps.iso(w.messageId().createdAt())));
            statement.setArray(3, texts(connection, writes, RecordSubmission::carrierId));
            statement.setArray(4, texts(connection, writes, RecordSubmission::carrierMessageId));
            statement.setArray(5, ints(connection, writes, RecordSubmission::partIndex));
            statement.setArray(6, ints(connection, writes, RecordSubmission::partCount));
            statement.setArray(7, texts(connection, writes, w -> Timestamps.iso(w.at())));
            statement.executeUpdate();
        }
        Map<ReceiptKey, CorrelateReceipt> held = takeOrphans(connection, writes);
        List<CorrelateReceipt> heldReceipts = new ArrayList<>();
        for (RecordSubmission write : writes) {
            CorrelateReceipt receipt = held.get(new ReceiptKey(write.carrierId(), write.carrierMessageId()));
            if (receipt != null) {
                heldReceipts.add(receipt);
            }
        }
        List<Object> applied = heldReceipts.isEmpty() ? List.of() : correlateReceipts(connection, heldReceipts);
        Map<ReceiptKey, Object> appliedByKey = new HashMap<>();
        for (int i = 0; i < heldReceipts.size(); i++) {
            CorrelateReceipt receipt = heldReceipts.get(i);
            appliedByKey.put(new ReceiptKey(receipt.carrierId(), receipt.carrierMessageId()), applied.get(i));
        }
        List<Object> results = new ArrayList<>(writes.size());
        for (RecordSubmission write : writes) {
            Object fromReceipt = appliedByKey.get(new ReceiptKey(write.carrierId(), write.carrierMessageId()));
            results.add(fromReceipt != null ? fromReceipt
                    : new Correlation(Correlation.Outcome.RECORDED, Optional.of(write.messageId()), Optional.empty(),
                            write.partIndex(), write.partCount(), Optional.empty()));
        }
        return results;
    }

    // The best held receipt per (carrier, id): a final one before an intermediate one, then the latest.
    private static Map<ReceiptKey, CorrelateReceipt> takeOrphans(Connection connection,
                                                                List<RecordSubmission> writes) throws SQLException {
        Map<ReceiptKey, RecordSubmission> submissions = new HashMap<>();
        for (RecordSubmission write : writes) {
            submissions.put(new ReceiptKey(write.carrierId(), write.carrierMessageId()), write);
        }
        Map<ReceiptKey, CorrelateReceipt> best = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TAKE_ORPHANS)) {
            statement.setArray(1, texts(connection, writes, RecordSubmission::carrierId));
            statement.setArray(2, texts(connection, writes, RecordSubmission::carrierMessageId));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ReceiptKey key = new ReceiptKey(rows.getString(1), rows.getString(2));
                    // Every held receipt taken was named by a submission of this batch: its notice and its carrier's
                    // multipart policy apply.
                    RecordSubmission submission = submissions.get(key);
                    CorrelateReceipt receipt = new CorrelateReceipt(key.carrierId(), key.carrierMessageId(),
                            MessageStatus.valueOf(rows.getString(3)), Optional.ofNullable(rows.getString(4)),
                            Optional.ofNullable(rows.getString(5)), rows.getObject(6, OffsetDateTime.class).toInstant(),
                            submission.notice(), submission.multipartReceipts());
                    best.merge(key, receipt, JournalBatch::better);
                }
            }
        }
        return best;
    }

    private static CorrelateReceipt better(CorrelateReceipt a, CorrelateReceipt b) {
        if (a.status().isFinal() != b.status().isFinal()) {
            return a.status().isFinal() ? a : b;
        }
        return a.receivedAt().isAfter(b.receivedAt()) ? a : b;
    }

    private record ReceiptKey(String carrierId, String carrierMessageId) {
    }

    private record PartKey(long messageId, int partIndex, Instant refCreatedAt) {
    }

    /** The stored reference a receipt names, with its part's and message's states when read. */
    private record Reference(String carrierId, String carrierMessageId, long messageId, Instant messageCreatedAt,
                             int partIndex, int partCount, Optional<MessageStatus> partState,
                             Instant refCreatedAt, Optional<String> systemId, Optional<MessageStatus> messageState,
                             Optional<ReceiptSubject> subject, boolean statusCallback) {
    }

    /** The parts of one multipart submission: one message at one carrier, cut into {@code partCount} parts. */
    private record PartGroup(long messageId, Instant messageCreatedAt, String carrierId, int partCount) {
        static PartGroup of(Reference ref) {
            return new PartGroup(ref.messageId(), ref.messageCreatedAt(), ref.carrierId(), ref.partCount());
        }
    }

    /** A part's newest reference as stored before this batch's receipts, with its receipt, if any. */
    private record StoredPart(Optional<PartReceipt> receipt, Instant refCreatedAt) {
    }

    /** A part's receipt as its carrier_ref row keeps it: its state, stat and error code (V107). */
    private record PartReceipt(MessageStatus state, Optional<String> stat, Optional<String> errorCode) {
        static PartReceipt of(CorrelateReceipt receipt) {
            return new PartReceipt(receipt.status(), receipt.receiptStat(), receipt.errorCode());
        }
    }

    /** A line of a message's detail record: a message_event row, or the final event its row keeps (V092). */
    private record Event(long messageId, Instant at, MessageStatus state, Optional<String> carrierId,
                         Optional<String> carrierMessageId, Optional<String> stat, Optional<String> errorCode,
                         String detail) {
        static Event ofReceipt(Reference ref, CorrelateReceipt receipt) {
            return new Event(ref.messageId(), receipt.receivedAt(), receipt.status(), Optional.of(ref.carrierId()),
                    Optional.of(ref.carrierMessageId()), receipt.receiptStat(), receipt.errorCode(),
                    receiptDetail(ref));
        }

        // The parts' combined state, reached at this part's receipt. The row's carrier_message_id stays unset, so the
        // message keeps reading its first part's id (message_current, V093); the stat and err are those of the part
        // that decided (MultipartReceipts.decidingPart), whose receipt may have come in an earlier batch.
        static Event ofCombined(Reference ref, CorrelateReceipt receipt, PartReceipt deciding) {
            return new Event(ref.messageId(), receipt.receivedAt(), deciding.state(), Optional.of(ref.carrierId()),
                    Optional.empty(), deciding.stat(), deciding.errorCode(), "parts combined, " + receiptDetail(ref));
        }
    }

    /** A message row's new state, with its client receipt's mark and the final event it keeps, if any. */
    private record MessageUpdate(Reference ref, MessageStatus state, Instant at, boolean receiptQueued,
                                 Optional<Event> eventInRow) {
    }

    // Read the references (and the other parts' states of the multipart messages they name), decide every receipt in
    // order in memory (so two receipts for one id, or for two parts of one message, in a batch see each other), then
    // write the outcome in one statement.
    private static List<Object> correlateReceipts(Connection connection, List<CorrelateReceipt> writes)
            throws SQLException {
        Reference[] references = findReferences(connection, writes);
        Map<PartGroup, Map<Integer, StoredPart>> storedParts = readPartStates(connection, writes, references);
        Map<PartKey, PartReceipt> partStates = new HashMap<>();
        Map<Long, MessageStatus> messageStates = new HashMap<>();
        Map<PartKey, Reference> partsToUpdate = new LinkedHashMap<>();
        Map<Long, MessageUpdate> messagesToUpdate = new LinkedHashMap<>();
        List<Event> events = new ArrayList<>();
        List<CorrelateReceipt> orphans = new ArrayList<>();
        List<EnqueueOutbox> clientReceipts = new ArrayList<>();
        Set<Long> withEvents = new HashSet<>();
        List<Object> results = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            CorrelateReceipt receipt = writes.get(i);
            Reference ref = references[i];
            if (ref == null) {
                orphans.add(receipt);
                results.add(Correlation.ORPHANED);
                continue;
            }
            PartKey part = new PartKey(ref.messageId(), ref.partIndex(), ref.refCreatedAt());
            Optional<MessageStatus> partState = partStates.containsKey(part)
                    ? Optional.of(partStates.get(part).state()) : ref.partState();
            Optional<MessageStatus> messageState = messageStates.containsKey(ref.messageId())
                    ? Optional.of(messageStates.get(ref.messageId())) : ref.messageState();
            MessageId id = new MessageId(ref.messageId());
            // A message sent in one part is its part: its own state decides, and its part row is not written
            // (a third of a receipt's cost). Parts of a multipart message keep their own states.
            boolean singlePart = ref.partCount() == 1;
            Optional<MessageStatus> decisive = singlePart && messageState.isPresent() ? messageState : partState;
            if (decisive.isPresent() && decisive.get().isFinal()) {
                results.add(new Correlation(Correlation.Outcome.DUPLICATE, Optional.of(id), ref.systemId(),
                        ref.partIndex(), ref.partCount(), messageState));
                continue;
            }
            if (!singlePart || messageState.isEmpty()) {
                partStates.put(part, PartReceipt.of(receipt));
                partsToUpdate.put(part, ref);
            }
            // The message moves with a single part's every receipt, and with a multipart message's parts once they
            // combine into a final state under the carrier's policy; never out of a final state.
            Optional<PartReceipt> deciding = Optional.empty();
            if (messageState.isPresent() && !messageState.get().isFinal()) {
                deciding = singlePart ? Optional.of(PartReceipt.of(receipt))
                        : decidingPart(ref, receipt, partsOf(ref, receipt, storedParts, partStates));
            }
            Optional<MessageStatus> moved = deciding.map(PartReceipt::state);
            // The final event of a message is its row's last version: the event (with the receipt's carrier and
            // id) goes into that version (no message_event row, no index entry) unless an earlier event of the batch
            // must come before it, or the message has a status callback, whose events must reach V050's trigger on
            // message_event (V092, V093). A part's own receipt is always an event row: the row keeps one event.
            boolean finalInRow = moved.isPresent() && moved.get().isFinal() && !ref.statusCallback()
                    && (!singlePart || !withEvents.contains(ref.messageId()));
            Optional<Event> eventInRow = Optional.empty();
            if (singlePart && finalInRow) {
                eventInRow = Optional.of(Event.ofReceipt(ref, receipt));
            } else {
                events.add(Event.ofReceipt(ref, receipt));
                withEvents.add(ref.messageId());
            }
            if (!singlePart && moved.isPresent()) {
                Event combined = Event.ofCombined(ref, receipt, deciding.get());
                if (finalInRow) {
                    eventInRow = Optional.of(combined);
                } else {
                    events.add(combined);
                }
            }
            if (moved.isEmpty()) {
                results.add(new Correlation(Correlation.Outcome.MATCHED, Optional.of(id), ref.systemId(),
                        ref.partIndex(), ref.partCount(), messageState));
                continue;
            }
            MessageStatus state = moved.get();
            messageStates.put(ref.messageId(), state);
            // The message is final now: its client's receipt commits with it (a final state never changes, so this
            // happens once per message).
            Optional<EnqueueOutbox> clientReceipt = state.isFinal() && ref.subject().isPresent()
                    ? receipt.notice().outbox(ref.subject().get(), state) : Optional.empty();
            clientReceipt.ifPresent(clientReceipts::add);
            messagesToUpdate.put(ref.messageId(), new MessageUpdate(ref, state, receipt.receivedAt(),
                    clientReceipt.isPresent(), eventInRow));
            results.add(state.isFinal()
                    ? Correlation.madeFinal(id, ref.systemId(), ref.partIndex(), ref.partCount(), state,
                            clientReceipt.map(EnqueueOutbox::entry))
                    : new Correlation(Correlation.Outcome.MATCHED, Optional.of(id), ref.systemId(), ref.partIndex(),
                            ref.partCount(), Optional.of(state)));
        }
        applyReceipts(connection, partsToUpdate, partStates, messagesToUpdate.values(), events, orphans);
        if (!clientReceipts.isEmpty()) {
            // Their messages' receipt_queued was set by applyReceipts' UPDATE, in this transaction.
            insertOutbox(connection, clientReceipts);
        }
        return results;
    }

    // Every part's receipt at the receipt's carrier, in part order: this receipt for its own part, this batch's
    // decision for a part whose newest reference a receipt before it reached, else the stored one.
    private static List<Optional<PartReceipt>> partsOf(Reference ref, CorrelateReceipt receipt,
                                                       Map<PartGroup, Map<Integer, StoredPart>> storedParts,
                                                       Map<PartKey, PartReceipt> decided) {
        Map<Integer, StoredPart> stored = storedParts.getOrDefault(PartGroup.of(ref), Map.of());
        List<Optional<PartReceipt>> parts = new ArrayList<>(ref.partCount());
        for (int index = 0; index < ref.partCount(); index++) {
            StoredPart part = stored.get(index);
            if (index == ref.partIndex()) {
                parts.add(Optional.of(PartReceipt.of(receipt)));
            } else if (part == null) {
                parts.add(Optional.empty());
            } else {
                PartReceipt now = decided.get(new PartKey(ref.messageId(), index, part.refCreatedAt()));
                parts.add(now != null ? Optional.of(now) : part.receipt());
            }
        }
        return parts;
    }

    // The receipt of the part whose state the parts combine into under the carrier's policy; empty while the
    // message stays open.
    private static Optional<PartReceipt> decidingPart(Reference ref, CorrelateReceipt receipt,
                                                      List<Optional<PartReceipt>> parts) {
        OptionalInt deciding = receipt.multipartReceipts().decidingPart(ref.partIndex(),
                parts.stream().map(part -> part.map(PartReceipt::state)).toList());
        return deciding.isPresent() ? parts.get(deciding.getAsInt()) : Optional.empty();
    }

    // The other parts' states are read only for what they can decide: a multipart message still open whose carrier
    // combines every part's receipt (FIRST_PART and LAST_PART need only the receipt's own part). One statement for
    // the batch, none when no receipt needs it.
    private static Map<PartGroup, Map<Integer, StoredPart>> readPartStates(Connection connection,
                                                                          List<CorrelateReceipt> writes,
                                                                          Reference[] references)
            throws SQLException {
        Set<PartGroup> wanted = new LinkedHashSet<>();
        for (int i = 0; i < references.length; i++) {
            Reference ref = references[i];
            if (ref != null && ref.partCount() > 1 && writes.get(i).multipartReceipts() == MultipartReceipts.ALL_PARTS
                    && ref.messageState().isPresent() && !ref.messageState().get().isFinal()) {
                wanted.add(PartGroup.of(ref));
            }
        }
        if (wanted.isEmpty()) {
            return Map.of();
        }
        List<PartGroup> groups = new ArrayList<>(wanted);
        Map<PartGroup, Map<Integer, StoredPart>> parts = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(PART_STATES)) {
            statement.setArray(1, longs(connection, groups, PartGroup::messageId));
            statement.setArray(2, texts(connection, groups, g -> Timestamps.iso(g.messageCreatedAt())));
            statement.setArray(3, texts(connection, groups, PartGroup::carrierId));
            statement.setArray(4, ints(connection, groups, PartGroup::partCount));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    PartGroup group = groups.get((int) rows.getLong(1) - 1);
                    Optional<String> stat = Optional.ofNullable(rows.getString(5));
                    Optional<String> errorCode = Optional.ofNullable(rows.getString(6));
                    Optional<PartReceipt> receipt = Optional.ofNullable(rows.getString(3))
                            .map(state -> new PartReceipt(MessageStatus.valueOf(state), stat, errorCode));
                    parts.computeIfAbsent(group, g -> new HashMap<>()).put(rows.getInt(2),
                            new StoredPart(receipt, rows.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return parts;
    }

    private static Reference[] findReferences(Connection connection, List<CorrelateReceipt> writes)
            throws SQLException {
        Reference[] references = new Reference[writes.size()];
        try (PreparedStatement statement = connection.prepareStatement(FIND_REFERENCES)) {
            statement.setArray(1, texts(connection, writes, CorrelateReceipt::carrierId));
            statement.setArray(2, texts(connection, writes, CorrelateReceipt::carrierMessageId));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int index = (int) rows.getLong(1) - 1;
                    CorrelateReceipt receipt = writes.get(index);
                    references[index] = new Reference(receipt.carrierId(), receipt.carrierMessageId(),
                            rows.getLong(2), rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getInt(4),
                            rows.getInt(5), Optional.ofNullable(rows.getString(6)).map(MessageStatus::valueOf),
                            rows.getObject(7, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(rows.getString(8)),
                            Optional.ofNullable(rows.getString(9)).map(MessageStatus::valueOf), subject(rows),
                            rows.getBoolean(18));
                }
            }
        }
        return references;
    }

    // The message's receipt fields (columns 8 and 10–17), when its row was found.
    private static Optional<ReceiptSubject> subject(ResultSet rows) throws SQLException {
        String systemId = rows.getString(8);
        if (systemId == null) {
            return Optional.empty();
        }
        return Optional.of(new ReceiptSubject(new MessageId(rows.getLong(2)), systemId,
                new Address(rows.getShort(11), rows.getShort(12), rows.getString(13)),
                new Address(rows.getShort(14), rows.getShort(15), rows.getString(16)), rows.getShort(10),
                rows.getInt(17)));
    }

    private static void applyReceipts(Connection connection, Map<PartKey, Reference> parts,
                                      Map<PartKey, PartReceipt> partStates, Collection<MessageUpdate> messages,
                                      List<Event> events, List<CorrelateReceipt> orphans) throws SQLException {
        List<Reference> partRefs = new ArrayList<>(parts.values());
        List<PartKey> partKeys = new ArrayList<>(parts.keySet());
        List<MessageUpdate> updates = new ArrayList<>(messages);
        try (PreparedStatement statement = connection.prepareStatement(APPLY_RECEIPTS)) {
            int p = 1;
            statement.setArray(p++, texts(connection, partRefs, Reference::carrierId));
            statement.setArray(p++, texts(connection, partRefs, Reference::carrierMessageId));
            statement.setArray(p++, longs(connection, partRefs, Reference::messageId));
            statement.setArray(p++, ints(connection, partRefs, Reference::partIndex));
            statement.setArray(p++, texts(connection, partRefs, r -> Timestamps.iso(r.refCreatedAt())));
            statement.setArray(p++, texts(connection, partKeys, k -> partStates.get(k).state().name()));
            statement.setArray(p++, texts(connection, partKeys, k -> partStates.get(k).stat().orElse(null)));
            statement.setArray(p++, texts(connection, partKeys, k -> partStates.get(k).errorCode().orElse(null)));
            statement.setArray(p++, longs(connection, updates, u -> u.ref().messageId()));
            statement.setArray(p++, texts(connection, updates, u -> Timestamps.iso(u.ref().messageCreatedAt())));
            statement.setArray(p++, texts(connection, updates, u -> u.state().name()));
            statement.setArray(p++, texts(connection, updates, u -> Timestamps.iso(u.at())));
            statement.setArray(p++, connection.createArrayOf("boolean",
                    updates.stream().map(MessageUpdate::receiptQueued).toArray()));
            statement.setArray(p++, texts(connection, updates,
                    u -> u.eventInRow().flatMap(Event::stat).orElse(null)));
            statement.setArray(p++, texts(connection, updates,
                    u -> u.eventInRow().flatMap(Event::errorCode).orElse(null)));
            statement.setArray(p++, texts(connection, updates, u -> u.eventInRow().map(Event::detail).orElse(null)));
            statement.setArray(p++, texts(connection, updates,
                    u -> u.eventInRow().flatMap(Event::carrierId).orElse(null)));
            statement.setArray(p++, texts(connection, updates,
                    u -> u.eventInRow().flatMap(Event::carrierMessageId).orElse(null)));
            statement.setArray(p++, longs(connection, events, Event::messageId));
            statement.setArray(p++, texts(connection, events, e -> Timestamps.iso(e.at())));
            statement.setArray(p++, texts(connection, events, e -> e.state().name()));
            statement.setArray(p++, texts(connection, events, e -> e.carrierId().orElse(null)));
            statement.setArray(p++, texts(connection, events, e -> e.carrierMessageId().orElse(null)));
            statement.setArray(p++, texts(connection, events, e -> e.stat().orElse(null)));
            statement.setArray(p++, texts(connection, events, e -> e.errorCode().orElse(null)));
            statement.setArray(p++, texts(connection, events, Event::detail));
            statement.setArray(p++, texts(connection, orphans, CorrelateReceipt::carrierId));
            statement.setArray(p++, texts(connection, orphans, CorrelateReceipt::carrierMessageId));
            statement.setArray(p++, texts(connection, orphans, o -> o.status().name()));
            statement.setArray(p++, texts(connection, orphans, o -> o.receiptStat().orElse(null)));
            statement.setArray(p++, texts(connection, orphans, o -> o.errorCode().orElse(null)));
            statement.setArray(p, texts(connection, orphans, o -> Timestamps.iso(o.receivedAt())));
            statement.executeUpdate();
        }
    }

    private static String receiptDetail(Reference ref) {
        return "receipt part " + (ref.partIndex() + 1) + "/" + ref.partCount();
    }

    private static List<Object> retryOutbox(Connection connection, List<RetryOutbox> writes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RETRY_OUTBOX)) {
            for (RetryOutbox write : writes) {
                boolean dead = write.nextAttemptAt().isEmpty();
                statement.setBoolean(1, dead);
                statement.setString(2, write.nextAttemptAt().map(Timestamps::iso).orElse(null));
                statement.setBoolean(3, dead);
                statement.setBoolean(4, dead);
                statement.setString(5, Timestamps.iso(write.at()));
                statement.setLong(6, write.outboxId().value());
                statement.addBatch();
            }
            return updated(statement.executeBatch());
        }
    }

    private static List<Object> completeOutbox(Connection connection, List<CompleteOutbox> writes)
            throws SQLException {
        Set<Long> deleted = new HashSet<>(writes.size() * 2);
        try (PreparedStatement statement = connection.prepareStatement(COMPLETE_OUTBOX)) {
            statement.setArray(1, longs(connection, writes, w -> w.outboxId().value()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    deleted.add(rows.getLong(1));
                }
            }
        }
        // A row named twice in a batch is deleted once: the first write reports it.
        List<Object> results = new ArrayList<>(writes.size());
        for (CompleteOutbox write : writes) {
            results.add(deleted.remove(write.outboxId().value()));
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

    private static <W> Array texts(Connection connection, List<W> writes, Function<W, String> field)
            throws SQLException {
        String[] values = new String[writes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(writes.get(i));
        }
        return connection.createArrayOf("text", values);
    }

    private static <W> Array ints(Connection connection, List<W> writes, Function<W, Integer> field)
            throws SQLException {
        Integer[] values = new Integer[writes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(writes.get(i));
        }
        return connection.createArrayOf("integer", values);
    }

    private static <W> Array longs(Connection connection, List<W> writes, Function<W, Long> field)
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

    /** {@code instant} at offset zero; built from its fields, since {@code atOffset} looks up zone rules per call. */
    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
