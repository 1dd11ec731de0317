package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.server.store.Correlation.Outcome;
import io.smsgate.server.store.JournalWrite.CorrelateReceipt;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import io.smsgate.server.store.JournalWrite.Transition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReceiptCorrelationTest {

    private static final String CARRIER = "alpha";
    @RegisterExtension
    static final StoreFixture store = StoreFixture.perClassWithJournal("receipt_correlation_test");

    @Test
    void aReceiptMovesTheMessageToItsFinalStateOnce() throws Exception {
        MessageId id = accepted();
        Correlation submitted = write(CarrierWrites.submission(id, CARRIER, "c-100", 0, 1, Instant.now()));
        assertThat(submitted.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(status(id)).isEqualTo(MessageStatus.SUBMITTED);

        Correlation delivered = write(receipt("c-100", MessageStatus.DELIVERED, "DELIVRD"));
        Correlation again = write(receipt("c-100", MessageStatus.DELIVERED, "DELIVRD"));
        Correlation regression = write(receipt("c-100", MessageStatus.UNDELIVERABLE, "UNDELIV"));

        assertThat(delivered).isEqualTo(new Correlation(Outcome.MATCHED, Optional.of(id), Optional.of("acme"), 0, 1,
                Optional.of(MessageStatus.DELIVERED), Optional.empty(), true));
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(regression.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(regression.status()).contains(MessageStatus.DELIVERED);
        assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(store.reader().events(id).get(10, TimeUnit.SECONDS)).extracting(MessageEvent::status)
                .containsExactly(MessageStatus.SUBMITTED, MessageStatus.DELIVERED);
    }

    @Test
    void anIntermediateReceiptLeavesTheMessageOpenForItsFinalOne() throws Exception {
        MessageId id = accepted();
        write(CarrierWrites.submission(id, CARRIER, "c-150", 0, 1, Instant.now()));

        Correlation enroute = write(receipt("c-150", MessageStatus.SUBMITTED, "ENROUTE"));
        Correlation delivered = write(receipt("c-150", MessageStatus.DELIVERED, "DELIVRD"));

        assertThat(enroute.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(delivered.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void twoReceiptsForOneIdInOneBatchApplyOnceAndReportTheOtherAsDuplicate() throws Exception {
        MessageId id = accepted();
        write(CarrierWrites.submission(id, CARRIER, "c-200", 0, 1, Instant.now()));
        Journal batched = store.journal(StoreFixture.config(100, 1000), new SimpleMeterRegistry());
        CompletableFuture<Correlation> first = batched.submit(receipt("c-200", MessageStatus.DELIVERED, "DELIVRD"));
        CompletableFuture<Correlation> second = batched.submit(receipt("c-200", MessageStatus.EXPIRED, "EXPIRED"));
        batched.start();
        try {
            assertThat(first.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.MATCHED);
            assertThat(second.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.DUPLICATE);
        } finally {
            batched.close();
        }
        assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void aReceiptBeforeItsSubmitRespIsKeptAndAppliedWhenTheIdIsRecorded() throws Exception {
        MessageId id = accepted();
        Correlation early = write(receipt("c-300", MessageStatus.DELIVERED, "DELIVRD"));
        assertThat(early).isEqualTo(Correlation.ORPHANED);
        assertThat(store.count("SELECT count(*) FROM receipt_orphan WHERE carrier_message_id = 'c-300'")).isOne();

        Correlation recorded = write(CarrierWrites.submission(id, CARRIER, "c-300", 0, 1, Instant.now()));

        assertThat(recorded.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(recorded.status()).contains(MessageStatus.DELIVERED);
        assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(store.count("SELECT count(*) FROM receipt_orphan WHERE carrier_message_id = 'c-300'")).isZero();
    }

    @Test
    void theSameCarrierIdAtAnotherCarrierIsAnotherMessage() throws Exception {
        MessageId alpha = accepted();
        MessageId beta = accepted();
        write(CarrierWrites.submission(alpha, "alpha", "c-400", 0, 1, Instant.now()));
        write(CarrierWrites.submission(beta, "beta", "c-400", 0, 1, Instant.now()));

        Correlation atBeta = write(CarrierWrites.receipt("beta", "c-400", MessageStatus.UNDELIVERABLE,
                Optional.of("UNDELIV"), Optional.of("001"), Instant.now()));

        assertThat(atBeta.messageId()).contains(beta);
        assertThat(status(alpha)).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(status(beta)).isEqualTo(MessageStatus.UNDELIVERABLE);
    }

    @Test
    void partReceiptsOfAMultipartMessageAreRecordedAndTheLastOneMakesTheMessageFinal() throws Exception {
        MessageId id = accepted();
        write(CarrierWrites.submission(id, CARRIER, "c-500", 0, 2, Instant.now()));
        write(CarrierWrites.submission(id, CARRIER, "c-501", 1, 2, Instant.now()));

        Correlation part1 = write(receipt("c-500", MessageStatus.DELIVERED, "DELIVRD"));
        assertThat(status(id)).isEqualTo(MessageStatus.SUBMITTED);
        Correlation part2 = write(receipt("c-501", MessageStatus.DELIVERED, "DELIVRD"));

        assertThat(List.of(part1.partIndex(), part2.partIndex())).containsExactly(0, 1);
        assertThat(part2.partCount()).isEqualTo(2);
        assertThat(part1.madeFinal()).isFalse();
        assertThat(part2.madeFinal()).isTrue();
        assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(write(Transition.fromPending(id, MessageStatus.FAILED, EventDetail.note("late"), Instant.now())))
                .isFalse();
    }

    @Test
    void aSingleSubmissionsFinalReceiptIsTheLastLineOfTheDetailRecordWithoutAnEventRow() throws Exception {
        MessageId id = accepted();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        write(CarrierWrites.submission(id, CARRIER, "c-800", 0, 1, at));
        write(CarrierWrites.receipt(CARRIER, "c-800", MessageStatus.SUBMITTED, Optional.of("ENROUTE"),
                Optional.of("000"), at.plusMillis(1)));
        write(CarrierWrites.receipt(CARRIER, "c-800", MessageStatus.UNDELIVERABLE, Optional.of("UNDELIV"),
                Optional.of("001"), at.plusMillis(2)));

        List<MessageEvent> events = store.reader().events(id).get(10, TimeUnit.SECONDS);

        assertThat(events).extracting(MessageEvent::at, MessageEvent::status).containsExactly(
                tuple(at, MessageStatus.SUBMITTED), tuple(at.plusMillis(1), MessageStatus.SUBMITTED),
                tuple(at.plusMillis(2), MessageStatus.UNDELIVERABLE));
        assertThat(events.get(2).detail()).isEqualTo(new EventDetail(Optional.of(CARRIER), Optional.of("c-800"),
                OptionalInt.empty(), Optional.of("UNDELIV"), Optional.of("001"), Optional.of("receipt part 1/1")));
        assertThat(store.count("SELECT count(*) FROM message_event WHERE message_id = " + id.value()))
                .as("only the intermediate receipt is a message_event row").isEqualTo(1);
    }

    @Test
    void aFinalReceiptForAnEarlierSubmissionKeepsItsOwnEventRow() throws Exception {
        MessageId id = accepted();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        write(CarrierWrites.submission(id, CARRIER, "c-900", 0, 1, at));
        write(CarrierWrites.submission(id, CARRIER, "c-901", 0, 1, at.plusMillis(1)));
        write(CarrierWrites.receipt(CARRIER, "c-900", MessageStatus.DELIVERED, Optional.of("DELIVRD"),
                Optional.of("000"), at.plusMillis(2)));

        List<MessageEvent> events = store.reader().events(id).get(10, TimeUnit.SECONDS);

        assertThat(events).extracting(MessageEvent::status).containsExactly(MessageStatus.SUBMITTED,
                MessageStatus.SUBMITTED, MessageStatus.DELIVERED);
        assertThat(events.get(2).detail().carrierMessageId()).contains("c-900");
        assertThat(status(id)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void theDetailRecordShowsEachSubmittedPartFromItsReferenceBeforeTheReceiptsItCaused() throws Exception {
        MessageId id = accepted();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        write(CarrierWrites.submission(id, CARRIER, "c-700", 0, 2, at));
        write(CarrierWrites.submission(id, CARRIER, "c-701", 1, 2, at.plusMillis(1)));
        write(CarrierWrites.receipt(CARRIER, "c-700", MessageStatus.DELIVERED, Optional.of("DELIVRD"),
                Optional.of("000"), at.plusMillis(1)));

        List<MessageEvent> events = store.reader().events(id).get(10, TimeUnit.SECONDS);

        assertThat(events).extracting(MessageEvent::at, MessageEvent::status).containsExactly(
                tuple(at, MessageStatus.SUBMITTED), tuple(at.plusMillis(1), MessageStatus.SUBMITTED),
                tuple(at.plusMillis(1), MessageStatus.DELIVERED));
        assertThat(events.get(1).detail()).isEqualTo(new EventDetail(Optional.of(CARRIER), Optional.of("c-701"),
                OptionalInt.of(0), Optional.empty(), Optional.empty(), Optional.of("part 2/2")));
        assertThat(events.get(2).detail()).isEqualTo(new EventDetail(Optional.of(CARRIER), Optional.of("c-700"),
                OptionalInt.empty(), Optional.of("DELIVRD"), Optional.of("000"), Optional.of("receipt part 1/2")));
    }

    @Test
    void aFinalMessageRefusesEveryFurtherTransition() throws Exception {
        MessageId id = accepted();
        assertThat(write(Transition.fromPending(id, MessageStatus.CANCELLED, EventDetail.note("cancel_sm"),
                Instant.now()))).isTrue();

        boolean failedAfterCancel = write(Transition.fromPending(id, MessageStatus.FAILED,
                EventDetail.carrierAnswer(CARRIER, 0x45, "submit failed"), Instant.now()));
        Correlation lateSubmission = write(CarrierWrites.submission(id, CARRIER, "c-600", 0, 1, Instant.now()));

        assertThat(failedAfterCancel).isFalse();
        assertThat(lateSubmission.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(status(id)).isEqualTo(MessageStatus.CANCELLED);
    }

    @Test
    void aSubmittedMessageReadsSubmittedWithItsCarrierAndCannotBeCancelled() throws Exception {
        MessageId id = accepted();
        write(CarrierWrites.submission(id, CARRIER, "c-650", 0, 1, Instant.now()));

        // V093: the row stays QUEUED; the reference makes it SUBMITTED, at that carrier, one attempt.
        StoredMessage submitted = store.reader().findMessage(id).get(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(submitted.status()).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(submitted.carrierId()).contains(CARRIER);
        assertThat(submitted.carrierMessageId()).contains("c-650");
        assertThat(submitted.attempts()).isEqualTo(1);
        // cancel_sm's move is allowed only from QUEUED: a message at a carrier is not.
        assertThat(write(new Transition(id, EnumSet.of(MessageStatus.QUEUED), MessageStatus.CANCELLED,
                Optional.empty(), false, EventDetail.note("cancel_sm"), Instant.now()))).isFalse();
        assertThat(status(id)).isEqualTo(MessageStatus.SUBMITTED);

        write(receipt("c-650", MessageStatus.DELIVERED, "DELIVRD"));
        StoredMessage delivered = store.reader().findMessage(id).get(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(delivered.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(delivered.carrierMessageId()).contains("c-650");
    }

    @Test
    void twoTransitionsOfOneMessageInOneBatchApplyInTheirOrder() throws Exception {
        MessageId id = accepted();
        Journal batched = store.journal(StoreFixture.config(100, 1000), new SimpleMeterRegistry());
        CompletableFuture<Boolean> retry = batched.submit(new Transition(id, Set.of(MessageStatus.QUEUED),
                MessageStatus.QUEUED, Optional.of(Instant.now().plusSeconds(5)), true,
                EventDetail.carrierAnswer(CARRIER, 0x58, "throttled"), Instant.now()));
        CompletableFuture<Boolean> cancel = batched.submit(Transition.fromPending(id, MessageStatus.CANCELLED,
                EventDetail.note("cancel_sm"), Instant.now()));
        CompletableFuture<Boolean> failAfterCancel = batched.submit(Transition.fromPending(id, MessageStatus.FAILED,
                EventDetail.note("no route"), Instant.now()));
        batched.start();
        try {
            assertThat(retry.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancel.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(failAfterCancel.get(10, TimeUnit.SECONDS)).isFalse();
        } finally {
            batched.close();
        }
        StoredMessage stored = store.reader().findMessage(id).get(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(stored.status()).isEqualTo(MessageStatus.CANCELLED);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(store.reader().events(id).get(10, TimeUnit.SECONDS)).extracting(MessageEvent::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.CANCELLED);
    }

    private MessageId accepted() throws Exception {
        return write(new InsertMessage(store.message("acme", "447700900123")));
    }

    private static CorrelateReceipt receipt(String carrierMessageId, MessageStatus status, String stat) {
        return CarrierWrites.receipt(CARRIER, carrierMessageId, status, Optional.of(stat), Optional.of("000"),
                Instant.now());
    }

    private <R> R write(JournalWrite<R> write) throws Exception {
        return store.journal().submit(write).get(10, TimeUnit.SECONDS);
    }

    private MessageStatus status(MessageId id) throws Exception {
        return store.reader().findMessage(id).get(10, TimeUnit.SECONDS).orElseThrow().status();
    }
}
