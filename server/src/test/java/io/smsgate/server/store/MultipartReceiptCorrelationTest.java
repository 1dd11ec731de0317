package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.smsgate.protocol.OctetString;
import io.smsgate.server.store.Correlation.Outcome;
import io.smsgate.server.store.JournalWrite.CorrelateReceipt;
import io.smsgate.server.store.JournalWrite.EnqueueOutbox;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import io.smsgate.server.store.JournalWrite.RecordSubmission;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A multipart message's parts' receipts combine into its final state in the Journal transaction that records the
 * deciding part's receipt (MultipartReceipts, issue #4): with its client receipt queued once, whether the parts'
 * receipts come in one batch, in several, or held before their submit_sm_resp.
 */
class MultipartReceiptCorrelationTest {

    private static final String CARRIER = "alpha";
    @RegisterExtension
    static final StoreFixture store = StoreFixture.perClassWithJournal("multipart_receipt_test");
    private final MessageIdGenerator outboxIds = new MessageIdGenerator(Clock.systemUTC(), 2);
    private final ReceiptNotice notice = (subject, status) -> Optional.of(new EnqueueOutbox(outboxIds.next(),
            subject.systemId(), OutboxKind.RECEIPT, Optional.of(subject.messageId()), OctetString.ascii(status.name()),
            Instant.now(), Instant.now().plus(Duration.ofHours(1)), Instant.now()));

    @Test
    void bothPartsReceiptsInOneBatchSeeEachOtherAndMakeTheMessageFinalOnce() throws Exception {
        MessageId id = submitted("one-batch", 2, MultipartReceipts.ALL_PARTS);

        List<Object> correlations;
        try (Connection connection = store.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            correlations = JournalBatch.execute(connection, JournalWrite.Kind.CORRELATE_RECEIPT, List.of(
                    receipt("one-batch-0", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS),
                    receipt("one-batch-1", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS)));
            connection.commit();
        }

        assertThat(correlations).map(Correlation.class::cast)
                .extracting(Correlation::outcome, Correlation::madeFinal, Correlation::receiptQueued)
                .containsExactly(tuple(Outcome.MATCHED, false, false), tuple(Outcome.MATCHED, true, true));
        assertThat(((Correlation) correlations.get(1)).status()).contains(MessageStatus.DELIVERED);
        assertFinalWithOneClientReceipt(id, MessageStatus.DELIVERED);
    }

    @Test
    void partsReceiptsInTwoBatchesMakeTheMessageFinalAtTheLastOne() throws Exception {
        MessageId id = submitted("two-batches", 3, MultipartReceipts.ALL_PARTS);

        Correlation first = write(receipt("two-batches-2", MessageStatus.DELIVERED, "DELIVRD",
                MultipartReceipts.ALL_PARTS));
        Correlation second = write(receipt("two-batches-0", MessageStatus.DELIVERED, "DELIVRD",
                MultipartReceipts.ALL_PARTS));
        assertThat(List.of(first, second)).noneMatch(Correlation::madeFinal);
        assertThat(status(id)).isEqualTo(MessageStatus.SUBMITTED);
        Correlation last = write(receipt("two-batches-1", MessageStatus.DELIVERED, "DELIVRD",
                MultipartReceipts.ALL_PARTS));

        assertThat(last.madeFinal()).isTrue();
        assertThat(last.queuedReceipt()).isPresent();
        assertFinalWithOneClientReceipt(id, MessageStatus.DELIVERED);
    }

    @Test
    void aFailedPartMakesTheMessageFinalWithItsStateWhenEveryPartIsFinal() throws Exception {
        MessageId id = submitted("failed", 2, MultipartReceipts.ALL_PARTS);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        write(new CorrelateReceipt(CARRIER, "failed-0", MessageStatus.UNDELIVERABLE, Optional.of("UNDELIV"),
                Optional.of("001"), at, notice, MultipartReceipts.ALL_PARTS));
        assertThat(status(id)).isEqualTo(MessageStatus.SUBMITTED);
        Correlation last = write(new CorrelateReceipt(CARRIER, "failed-1", MessageStatus.DELIVERED,
                Optional.of("DELIVRD"), Optional.of("000"), at.plusMillis(1), notice, MultipartReceipts.ALL_PARTS));

        assertThat(last.status()).contains(MessageStatus.UNDELIVERABLE);
        assertFinalWithOneClientReceipt(id, MessageStatus.UNDELIVERABLE);
        // The detail record: both submissions, both part receipts, then the combined final state, kept in the row.
        List<MessageEvent> events = store.reader().events(id).get(10, TimeUnit.SECONDS);
        assertThat(events).extracting(MessageEvent::status).containsExactly(MessageStatus.SUBMITTED,
                MessageStatus.SUBMITTED, MessageStatus.UNDELIVERABLE, MessageStatus.DELIVERED,
                MessageStatus.UNDELIVERABLE);
        assertThat(events.get(4).detail().text()).contains("parts combined, receipt part 2/2");
        assertThat(events.get(4).detail().carrierId()).contains(CARRIER);
        assertThat(store.count("SELECT count(*) FROM message_event WHERE message_id = " + id.value())).isEqualTo(2);
        // A client who reads the message still sees its first part's carrier id.
        assertThat(store.reader().findMessage(id).get(10, TimeUnit.SECONDS).orElseThrow().carrierMessageId())
                .contains("failed-0");
    }

    @Test
    void theCombinedFinalEventNamesTheDecidingPartsStatAndErrorFromAnEarlierBatch() throws Exception {
        MessageId id = submitted("codes", 3, MultipartReceipts.ALL_PARTS);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // The first failed part in part order decides: part 2/3, whose receipt came in a batch of its own.
        write(new CorrelateReceipt(CARRIER, "codes-1", MessageStatus.UNDELIVERABLE, Optional.of("UNDELIV"),
                Optional.of("001"), at, notice, MultipartReceipts.ALL_PARTS));
        write(new CorrelateReceipt(CARRIER, "codes-0", MessageStatus.DELIVERED, Optional.of("DELIVRD"),
                Optional.of("000"), at.plusMillis(1), notice, MultipartReceipts.ALL_PARTS));
        // The receipt that completes the message fails too, with another error: it does not decide.
        Correlation last = write(new CorrelateReceipt(CARRIER, "codes-2", MessageStatus.UNDELIVERABLE,
                Optional.of("UNDELIV"), Optional.of("069"), at.plusMillis(2), notice, MultipartReceipts.ALL_PARTS));

        assertThat(last.madeFinal()).isTrue();
        assertFinalWithOneClientReceipt(id, MessageStatus.UNDELIVERABLE);
        List<MessageEvent> events = store.reader().events(id).get(10, TimeUnit.SECONDS);
        MessageEvent combined = events.get(events.size() - 1);
        assertThat(combined.detail().text()).contains("parts combined, receipt part 3/3");
        assertThat(combined.detail().receiptStat()).contains("UNDELIV");
        assertThat(combined.detail().errorCode()).contains("001");
        // The part's own receipt event still names its own code.
        assertThat(events).filteredOn(e -> e.detail().text().equals(Optional.of("receipt part 3/3"))).singleElement()
                .satisfies(e -> assertThat(e.detail().errorCode()).contains("069"));
    }

    @Test
    void aMessageWithAStatusCallbackGetsItsCombinedFinalStateAsAnEventRow() throws Exception {
        NewMessage plain = store.message("acme", "447700900123");
        NewMessage withCallback = new NewMessage(plain.id(), plain.systemId(), plain.source(), plain.destination(),
                plain.esmClass(), plain.protocolId(), plain.priorityFlag(), plain.dataCoding(),
                plain.registeredDelivery(), plain.validityUntil(), plain.notBefore(), plain.clientRef(),
                plain.parts(), plain.tlvs(), Optional.of("https://example.com/status"));
        MessageId id = write(new InsertMessage(withCallback));
        write(submission(id, "callback-0", 0, 2, MultipartReceipts.ALL_PARTS));
        write(submission(id, "callback-1", 1, 2, MultipartReceipts.ALL_PARTS));

        write(receipt("callback-0", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));
        write(receipt("callback-1", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));

        assertFinalWithOneClientReceipt(id, MessageStatus.DELIVERED);
        // V050's trigger on message_event sees the final state: the row keeps no event of its own.
        assertThat(store.text("SELECT string_agg(state || ' ' || detail, '; ' ORDER BY detail)"
                + " FROM message_event WHERE message_id = " + id.value())).isEqualTo("DELIVERED parts combined, "
                + "receipt part 2/2; DELIVERED receipt part 1/2; DELIVERED receipt part 2/2");
        assertThat(store.count("SELECT count(*) FROM message WHERE final_detail IS NULL AND message_id = "
                + id.value())).isEqualTo(1);
    }

    @Test
    void aDuplicateFinalReceiptOfAPartIsIgnoredAndQueuesNoSecondClientReceipt() throws Exception {
        MessageId id = submitted("dup", 2, MultipartReceipts.ALL_PARTS);

        write(receipt("dup-0", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));
        Correlation repeated = write(receipt("dup-0", MessageStatus.UNDELIVERABLE, "UNDELIV",
                MultipartReceipts.ALL_PARTS));
        Correlation last = write(receipt("dup-1", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));
        Correlation lastAgain = write(receipt("dup-1", MessageStatus.DELIVERED, "DELIVRD",
                MultipartReceipts.ALL_PARTS));

        assertThat(repeated.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(last.madeFinal()).isTrue();
        assertThat(lastAgain.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(lastAgain.madeFinal()).isFalse();
        assertFinalWithOneClientReceipt(id, MessageStatus.DELIVERED);
    }

    @Test
    void aPartsReceiptHeldBeforeItsSubmitRespCombinesWhenItsIdIsRecorded() throws Exception {
        MessageId id = write(new InsertMessage(store.message("acme", "447700900123")));
        write(submission(id, "held-0", 0, 2, MultipartReceipts.ALL_PARTS));
        write(receipt("held-0", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));
        Correlation held = write(receipt("held-1", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));
        assertThat(held.outcome()).isEqualTo(Outcome.ORPHANED);

        Correlation recorded = write(submission(id, "held-1", 1, 2, MultipartReceipts.ALL_PARTS));

        assertThat(recorded.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(recorded.madeFinal()).isTrue();
        assertThat(recorded.queuedReceipt()).isPresent();
        assertFinalWithOneClientReceipt(id, MessageStatus.DELIVERED);
    }

    @Test
    void everyPartsReceiptHeldCombinesWhenTheirIdsAreRecordedInOneBatch() throws Exception {
        MessageId id = write(new InsertMessage(store.message("acme", "447700900123")));
        write(receipt("both-held-0", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));
        write(receipt("both-held-1", MessageStatus.EXPIRED, "EXPIRED", MultipartReceipts.ALL_PARTS));

        List<Object> recorded;
        try (Connection connection = store.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            recorded = JournalBatch.execute(connection, JournalWrite.Kind.RECORD_SUBMISSION, List.of(
                    submission(id, "both-held-0", 0, 2, MultipartReceipts.ALL_PARTS),
                    submission(id, "both-held-1", 1, 2, MultipartReceipts.ALL_PARTS)));
            connection.commit();
        }

        assertThat(recorded).map(Correlation.class::cast).extracting(Correlation::madeFinal)
                .containsExactly(false, true);
        assertFinalWithOneClientReceipt(id, MessageStatus.EXPIRED);
    }

    @Test
    void underFirstPartTheFirstPartsReceiptDecidesAndALaterPartsChangesNothing() throws Exception {
        MessageId id = submitted("first", 2, MultipartReceipts.FIRST_PART);

        Correlation first = write(receipt("first-0", MessageStatus.DELIVERED, "DELIVRD",
                MultipartReceipts.FIRST_PART));
        Correlation other = write(receipt("first-1", MessageStatus.UNDELIVERABLE, "UNDELIV",
                MultipartReceipts.FIRST_PART));

        assertThat(first.madeFinal()).isTrue();
        assertThat(other.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(other.madeFinal()).isFalse();
        assertThat(other.status()).contains(MessageStatus.DELIVERED);
        assertFinalWithOneClientReceipt(id, MessageStatus.DELIVERED);
    }

    @Test
    void underLastPartOnlyTheLastPartsReceiptDecides() throws Exception {
        MessageId id = submitted("last", 3, MultipartReceipts.LAST_PART);

        Correlation early = write(receipt("last-0", MessageStatus.UNDELIVERABLE, "UNDELIV",
                MultipartReceipts.LAST_PART));
        assertThat(early.madeFinal()).isFalse();
        assertThat(status(id)).isEqualTo(MessageStatus.SUBMITTED);
        Correlation last = write(receipt("last-2", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.LAST_PART));

        assertThat(last.madeFinal()).isTrue();
        assertFinalWithOneClientReceipt(id, MessageStatus.DELIVERED);
    }

    @Test
    void partsSubmittedToAnEarlierCarrierDoNotCombineWithTheNewerCarriersParts() throws Exception {
        MessageId id = write(new InsertMessage(store.message("acme", "447700900123")));
        // The first carrier took one of three parts, then the message failed over to a carrier that sends it in two.
        write(new RecordSubmission(id, "beta", "old-0", 0, 3, Instant.now(), notice, MultipartReceipts.ALL_PARTS));
        write(new CorrelateReceipt("beta", "old-0", MessageStatus.DELIVERED, Optional.of("DELIVRD"),
                Optional.empty(), Instant.now(), notice, MultipartReceipts.ALL_PARTS));
        write(submission(id, "new-0", 0, 2, MultipartReceipts.ALL_PARTS));
        write(submission(id, "new-1", 1, 2, MultipartReceipts.ALL_PARTS));

        Correlation part0 = write(receipt("new-0", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));
        assertThat(part0.madeFinal()).isFalse();
        Correlation part1 = write(receipt("new-1", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));

        assertThat(part1.madeFinal()).isTrue();
        assertFinalWithOneClientReceipt(id, MessageStatus.DELIVERED);
    }

    @Test
    void startUpRecoveryFindsOpenMultipartMessagesWithAFinalPartAndTheirPartsReceipts() throws Exception {
        MessageId stuck = submitted("stuck", 3, MultipartReceipts.ALL_PARTS);
        MessageId open = submitted("open", 2, MultipartReceipts.ALL_PARTS);
        MessageId done = submitted("done", 2, MultipartReceipts.ALL_PARTS);
        // Parts' receipts committed without the combined state (before issue #4's fix): only in carrier_ref.
        store.execute("UPDATE carrier_ref SET state = CASE carrier_message_id WHEN 'stuck-0' THEN 'DELIVERED'"
                + " ELSE 'UNDELIVERABLE' END, receipt_stat = CASE carrier_message_id WHEN 'stuck-2' THEN 'UNDELIV' END,"
                + " error_code = CASE carrier_message_id WHEN 'stuck-2' THEN '042' END"
                + " WHERE carrier_message_id IN ('stuck-0', 'stuck-2')");
        write(receipt("done-0", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));
        write(receipt("done-1", MessageStatus.DELIVERED, "DELIVRD", MultipartReceipts.ALL_PARTS));

        List<OpenMultipart> found = new ArrayList<>();
        store.reader().forEachOpenMultipart(found::add);

        assertThat(found).extracting(OpenMultipart::messageId).contains(stuck).doesNotContain(open, done);
        assertThat(found).filteredOn(o -> o.messageId().equals(stuck)).singleElement()
                .isEqualTo(new OpenMultipart(stuck, CARRIER, List.of(
                        new OpenMultipart.Part(Optional.of(MessageStatus.DELIVERED), Optional.empty(), Optional.empty()),
                        OpenMultipart.Part.NO_RECEIPT,
                        new OpenMultipart.Part(Optional.of(MessageStatus.UNDELIVERABLE), Optional.of("UNDELIV"),
                                Optional.of("042")))));
    }

    private MessageId submitted(String prefix, int parts, MultipartReceipts policy) throws Exception {
        MessageId id = write(new InsertMessage(store.message("acme", "447700900123")));
        for (int i = 0; i < parts; i++) {
            write(submission(id, prefix + "-" + i, i, parts, policy));
        }
        return id;
    }

    private RecordSubmission submission(MessageId id, String carrierMessageId, int index, int count,
                                        MultipartReceipts policy) {
        return new RecordSubmission(id, CARRIER, carrierMessageId, index, count, Instant.now(), notice, policy);
    }

    private CorrelateReceipt receipt(String carrierMessageId, MessageStatus status, String stat,
                                     MultipartReceipts policy) {
        return new CorrelateReceipt(CARRIER, carrierMessageId, status, Optional.of(stat), Optional.of("000"),
                Instant.now(), notice, policy);
    }

    private void assertFinalWithOneClientReceipt(MessageId id, MessageStatus status) throws Exception {
        assertThat(status(id)).isEqualTo(status);
        assertThat(store.text("SELECT receipt_queued::text FROM message WHERE message_id = " + id.value()))
                .isEqualTo("true");
        assertThat(store.text("SELECT string_agg(convert_from(payload, 'UTF8'), ',') FROM outbox WHERE message_id = "
                + id.value())).isEqualTo(status.name());
    }

    private <R> R write(JournalWrite<R> write) throws Exception {
        return store.journal().submit(write).get(10, TimeUnit.SECONDS);
    }

    private MessageStatus status(MessageId id) throws Exception {
        return store.reader().findMessage(id).get(10, TimeUnit.SECONDS).orElseThrow().status();
    }
}
