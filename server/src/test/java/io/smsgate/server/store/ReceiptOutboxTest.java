package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.JournalWrite.CompleteOutbox;
import io.smsgate.server.store.JournalWrite.CorrelateReceipt;
import io.smsgate.server.store.JournalWrite.EnqueueOutbox;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import io.smsgate.server.store.JournalWrite.RecordSubmission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's receipt committed with the carrier's receipt (ReceiptNotice), and the outbox's batched statements. */
class ReceiptOutboxTest {

    private static final String CARRIER = "alpha";
    @RegisterExtension
    static final StoreFixture store = StoreFixture.perClassWithJournal("receipt_outbox_test");
    private final MessageIdGenerator outboxIds = new MessageIdGenerator(Clock.systemUTC(), 2);
    private final List<ReceiptSubject> subjects = new CopyOnWriteArrayList<>();
    private final ReceiptNotice notice = (subject, status) -> {
        subjects.add(subject);
        return Optional.of(outboxRow(subject.systemId(), Optional.of(subject.messageId())));
    };

    @BeforeEach
    void emptyOutbox() throws Exception {
        store.execute("DELETE FROM outbox");
    }

    @Test
    void aFinalReceiptQueuesItsClientReceiptOnceWithTheMessagesFields() throws Exception {
        MessageId id = submitted("c-1");

        Correlation delivered = write(receipt("c-1", MessageStatus.DELIVERED, "DELIVRD"));
        Correlation again = write(receipt("c-1", MessageStatus.DELIVERED, "DELIVRD"));

        assertThat(delivered.outcome()).isEqualTo(Correlation.Outcome.MATCHED);
        assertThat(delivered.receiptQueued()).isTrue();
        assertThat(again.outcome()).isEqualTo(Correlation.Outcome.DUPLICATE);
        assertThat(again.receiptQueued()).isFalse();
        assertThat(subjects).containsExactly(new ReceiptSubject(id, "acme", Address.alphanumeric("ACME"),
                Address.international("447700900123"), 1, 1));
        assertThat(store.count("SELECT count(*) FROM outbox WHERE message_id = " + id.value())).isEqualTo(1);
    }

    @Test
    void anIntermediateReceiptQueuesNothing() throws Exception {
        submitted("c-2");

        Correlation enroute = write(receipt("c-2", MessageStatus.SUBMITTED, "ENROUTE"));

        assertThat(enroute.outcome()).isEqualTo(Correlation.Outcome.MATCHED);
        assertThat(enroute.receiptQueued()).isFalse();
        assertThat(subjects).isEmpty();
        assertThat(store.count("SELECT count(*) FROM outbox")).isZero();
    }

    @Test
    void aNoticeThatWantsNoReceiptQueuesNothing() throws Exception {
        submitted("c-3");

        Correlation delivered = store.journal().submit(new CorrelateReceipt(CARRIER, "c-3", MessageStatus.DELIVERED,
                Optional.of("DELIVRD"), Optional.empty(), Instant.now(), (subject, status) -> Optional.empty(),
                MultipartReceipts.ALL_PARTS))
                .get(10, TimeUnit.SECONDS);

        assertThat(delivered.outcome()).isEqualTo(Correlation.Outcome.MATCHED);
        assertThat(delivered.receiptQueued()).isFalse();
        assertThat(store.count("SELECT count(*) FROM outbox")).isZero();
    }

    @Test
    void aReceiptHeldBeforeItsSubmitRespQueuesTheClientReceiptWhenTheIdIsRecorded() throws Exception {
        MessageId id = write(new InsertMessage(store.message("acme", "447700900123")));
        assertThat(write(receipt("c-4", MessageStatus.UNDELIVERABLE, "UNDELIV")).outcome())
                .isEqualTo(Correlation.Outcome.ORPHANED);

        Correlation recorded = write(new RecordSubmission(id, CARRIER, "c-4", 0, 1, Instant.now(), notice,
                MultipartReceipts.ALL_PARTS));

        assertThat(recorded.outcome()).isEqualTo(Correlation.Outcome.MATCHED);
        assertThat(recorded.receiptQueued()).isTrue();
        assertThat(recorded.status()).contains(MessageStatus.UNDELIVERABLE);
        assertThat(store.count("SELECT count(*) FROM outbox WHERE message_id = " + id.value())).isEqualTo(1);
    }

    @Test
    void completingOutboxRowsInOneBatchDeletesEachOnceAndReportsARepeatAsGone() throws Exception {
        MessageId first = write(outboxRow("acme", Optional.empty()));
        MessageId second = write(outboxRow("acme", Optional.empty()));
        MessageId kept = write(outboxRow("acme", Optional.empty()));

        // Usually one batch (the repeat is then reported by the in-memory check), else the repeat finds no row.
        List<CompletableFuture<Boolean>> done = List.of(store.journal().submit(new CompleteOutbox(first)),
                store.journal().submit(new CompleteOutbox(second)), store.journal().submit(new CompleteOutbox(first)));

        assertThat(done).extracting(future -> future.get(10, TimeUnit.SECONDS)).containsExactly(true, true, false);
        assertThat(store.count("SELECT count(*) FROM outbox")).isEqualTo(1);
        assertThat(store.count("SELECT outbox_id FROM outbox")).isEqualTo(kept.value());
    }

    @Test
    void dueOutboxLeavesOutTheRowsInFlight() throws Exception {
        MessageId first = write(outboxRow("acme", Optional.empty()));
        MessageId second = write(outboxRow("acme", Optional.empty()));
        MessageId third = write(outboxRow("acme", Optional.empty()));

        List<OutboxEntry> due = store.reader().dueOutbox("acme", Instant.now().plusSeconds(1), 10,
                new long[] {second.value()}).get(10, TimeUnit.SECONDS);

        assertThat(due).extracting(OutboxEntry::outboxId).containsExactly(first, third);
    }

    @Test
    void dueOutboxHashesTheRowsInFlightEvenInAGenericPlan() throws Exception {
        // A prepared statement's generic plan cannot see the array's length; with a long outbox the read must
        // still not compare every candidate row with every in-flight id. The rows and statistics are rolled back.
        try (Connection connection = store.database.dataSource().getConnection();
             Statement settings = connection.createStatement()) {
            connection.setAutoCommit(false);
            settings.execute("INSERT INTO outbox (outbox_id, system_id, kind, payload, state, next_attempt_at,"
                    + " expires_at, created_at) SELECT g, CASE WHEN g % 10 = 0 THEN 'acme' ELSE 'other' END, 'RECEIPT',"
                    + " '\\x00', 'PENDING', now() - interval '1 hour' + g * interval '1 ms', now() + interval '1 day',"
                    + " now() FROM generate_series(1, 50000) g");
            settings.execute("ANALYZE outbox");
            settings.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            String numbered = StoreReader.DUE_OUTBOX;
            for (int p = 1; numbered.contains("?"); p++) {
                numbered = numbered.replaceFirst("\\?", "\\$" + p);
            }
            settings.execute("PREPARE due (text, timestamptz, bigint[], integer) AS " + numbered);
            try (ResultSet rows = settings.executeQuery("EXPLAIN EXECUTE due ('acme', now(), '{1,2,3}', 100)")) {
                StringBuilder plan = new StringBuilder();
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
                assertThat(plan).contains("hashed SubPlan").doesNotContain("Nested Loop");
            } finally {
                connection.rollback();
                settings.execute("DEALLOCATE due"); // a prepared statement outlives the transaction
            }
        }
    }

    private MessageId submitted(String carrierMessageId) throws Exception {
        MessageId id = write(new InsertMessage(store.message("acme", "447700900123")));
        write(new RecordSubmission(id, CARRIER, carrierMessageId, 0, 1, Instant.now(), notice,
                MultipartReceipts.ALL_PARTS));
        return id;
    }

    private CorrelateReceipt receipt(String carrierMessageId, MessageStatus status, String stat) {
        return new CorrelateReceipt(CARRIER, carrierMessageId, status, Optional.of(stat), Optional.of("000"),
                Instant.now(), notice, MultipartReceipts.ALL_PARTS);
    }

    private EnqueueOutbox outboxRow(String systemId, Optional<MessageId> messageId) {
        Instant now = Instant.now();
        return new EnqueueOutbox(outboxIds.next(), systemId, OutboxKind.RECEIPT, messageId, OctetString.ascii("r"),
                now, now.plus(Duration.ofHours(1)), now);
    }

    private <R> R write(JournalWrite<R> write) throws Exception {
        return store.journal().submit(write).get(10, TimeUnit.SECONDS);
    }
}
