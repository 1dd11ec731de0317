package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.GenericNack;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionWindowTest {

    private final Harness h = Harness.esme().boundAsEsme(BindType.TRX);

    @AfterEach
    void nothingLeftBehind() {
        h.channel.finishAndReleaseAll();
    }

    private static SessionException.Reason reason(CompletableFuture<Response> future) {
        assertThat(future).isCompletedExceptionally();
        return ((SessionException) future.handle((r, t) -> t).join()).reason();
    }

    @Test
    void stampsIncreasingSequenceNumbersAndCompletesEachFutureWithItsResponse() {
        CompletableFuture<Response> first = h.session.send(Pdus.submitSm(0));
        CompletableFuture<Response> second = h.session.send(Pdus.submitSm(0));
        SubmitSm a = h.out();
        SubmitSm b = h.out();

        // out of order, as SMPP 3.4 §2.7 allows
        h.in(SubmitSmResp.ok(b.sequenceNumber(), "id-b"));
        h.in(SubmitSmResp.ok(a.sequenceNumber(), "id-a"));

        assertThat(a.sequenceNumber()).isEqualTo(2); // 1 went to the bind
        assertThat(b.sequenceNumber()).isEqualTo(3);
        assertThat(first).isCompletedWithValue(SubmitSmResp.ok(2, "id-a"));
        assertThat(second).isCompletedWithValue(SubmitSmResp.ok(3, "id-b"));
        assertThat(h.session.outstanding()).isZero();
        assertThat(h.listener.events).endsWith("completed SUBMIT_SM ESME_ROK", "completed SUBMIT_SM ESME_ROK");
    }

    @Test
    void fullWindowFailsFastAndReportsReadyWhenASlotFrees() {
        h.session.send(Pdus.submitSm(0));
        h.session.send(Pdus.submitSm(0));
        h.session.send(Pdus.submitSm(0));
        CompletableFuture<Response> refused = h.session.send(Pdus.submitSm(0));

        assertThat(reason(refused)).isEqualTo(SessionException.Reason.WINDOW_FULL);
        assertThat(h.session.canSend()).isFalse();
        SubmitSm first = h.out();
        h.in(SubmitSmResp.ok(first.sequenceNumber(), "x"));

        assertThat(h.listener.events).endsWith("ready");
        assertThat(h.session.canSend()).isTrue();
        assertThat(h.session.send(Pdus.submitSm(0))).isNotDone();
    }

    @Test
    void enquireLinkTheApplicationSendsCountsAgainstTheWindow() {
        h.session.send(Pdus.submitSm(0));
        h.session.send(Pdus.submitSm(0));
        h.session.send(Pdus.submitSm(0));

        CompletableFuture<Response> ping = h.session.send(Pdus.request("enquire_link", 0));

        assertThat(reason(ping)).isEqualTo(SessionException.Reason.WINDOW_FULL);
    }

    @Test
    void responseTimeoutFailsTheRequestFreesItsSlotAndIgnoresTheLateResponse() {
        CompletableFuture<Response> future = h.session.send(Pdus.submitSm(0));
        SubmitSm sent = h.out();

        h.advance(Duration.ofSeconds(9));
        assertThat(future).isNotDone();
        h.advance(Duration.ofSeconds(1));

        assertThat(reason(future)).isEqualTo(SessionException.Reason.RESPONSE_TIMEOUT);
        assertThat(h.session.outstanding()).isZero();
        h.in(SubmitSmResp.ok(sent.sequenceNumber(), "late"));
        assertThat(h.next()).isNull();
        assertThat(h.listener.events).endsWith("expired SUBMIT_SM", "unmatched SUBMIT_SM_RESP "
                + sent.sequenceNumber());
    }

    @Test
    void eachRequestExpiresOnItsOwnDeadline() {
        CompletableFuture<Response> early = h.session.send(Pdus.submitSm(0));
        h.advance(Duration.ofSeconds(4));
        CompletableFuture<Response> late = h.session.send(Pdus.submitSm(0));

        h.advance(Duration.ofSeconds(6));
        assertThat(reason(early)).isEqualTo(SessionException.Reason.RESPONSE_TIMEOUT);
        assertThat(late).isNotDone();
        h.advance(Duration.ofSeconds(4));
        assertThat(reason(late)).isEqualTo(SessionException.Reason.RESPONSE_TIMEOUT);
    }

    @Test
    void malformedResponseFailsItsRequestAtOnceAndIsNeverAnswered() {
        CompletableFuture<Response> future = h.session.send(Pdus.submitSm(0));
        SubmitSm sent = h.out();

        h.in(new MalformedPdu(0x80000004, sent.sequenceNumber(), CommandStatus.ESME_RINVCMDLEN,
                "message_id without NUL"));

        assertThat(reason(future)).isEqualTo(SessionException.Reason.MALFORMED_RESPONSE);
        assertThat(h.session.outstanding()).isZero();
        assertThat(h.next()).isNull();
        assertThat(h.listener.events).endsWith("malformed ESME_RINVCMDLEN", "completed SUBMIT_SM ESME_RINVCMDLEN");
    }

    @Test
    void malformedResponseOfAnotherCommandLeavesTheRequestWaiting() {
        CompletableFuture<Response> future = h.session.send(Pdus.submitSm(0));
        SubmitSm sent = h.out();

        h.in(new MalformedPdu(0x80000005, sent.sequenceNumber(), CommandStatus.ESME_RINVCMDLEN, "deliver_sm_resp"));

        assertThat(future).isNotDone();
        assertThat(h.session.outstanding()).isEqualTo(1);
    }

    // Checklist A11/B9: a generic_nack naming our request fails that request; it is never answered.
    @Test
    void genericNackWithAKnownSequenceNumberCompletesThatRequest() {
        CompletableFuture<Response> future = h.session.send(Pdus.submitSm(0));
        SubmitSm sent = h.out();

        h.in(new GenericNack(sent.sequenceNumber(), CommandStatus.ESME_RINVCMDLEN));

        assertThat(future).isCompletedWithValue(new GenericNack(sent.sequenceNumber(), CommandStatus.ESME_RINVCMDLEN));
        assertThat(h.next()).isNull();
        assertThat(h.listener.events).endsWith("completed SUBMIT_SM ESME_RINVCMDLEN");
    }

    @Test
    void genericNackWithoutSequenceNumberIsCountedAndNeverAnswered() {
        CompletableFuture<Response> future = h.session.send(Pdus.submitSm(0));
        h.out();

        h.in(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN));

        assertThat(future).isNotDone();
        assertThat(h.next()).isNull();
        assertThat(h.listener.events).endsWith("unmatched GENERIC_NACK 0");
    }

    @Test
    void responseOfTheWrongCommandLeavesTheRequestOutstanding() {
        CompletableFuture<Response> future = h.session.send(Pdus.submitSm(0));
        SubmitSm sent = h.out();

        h.in(DeliverSmResp.ok(sent.sequenceNumber(), ""));
        h.in(new EnquireLinkResp(424242));

        assertThat(future).isNotDone();
        assertThat(h.next()).isNull();
        assertThat(h.listener.events).endsWith("unmatched DELIVER_SM_RESP " + sent.sequenceNumber(),
                "unmatched ENQUIRE_LINK_RESP 424242");
    }

    @Test
    void sequenceNumbersWrapFromTheLargestTo1() {
        h.handler.nextSequenceNumber(0x7FFFFFFF);

        h.session.send(Pdus.submitSm(0));
        h.session.send(Pdus.submitSm(0));
        SubmitSm last = h.out();
        SubmitSm wrapped = h.out();

        assertThat(last.sequenceNumber()).isEqualTo(0x7FFFFFFF);
        assertThat(wrapped.sequenceNumber()).isEqualTo(1);
    }

    @Test
    void sequenceNumbersSkipOneWhoseSlotIsStillTaken() {
        CompletableFuture<Response> old = h.session.send(Pdus.submitSm(0));
        SubmitSm oldest = h.out();
        h.handler.nextSequenceNumber(oldest.sequenceNumber() + 32); // same slot in a ring of 32

        h.session.send(Pdus.submitSm(0));
        SubmitSm next = h.out();

        assertThat(next.sequenceNumber()).isEqualTo(oldest.sequenceNumber() + 33);
        h.in(SubmitSmResp.ok(oldest.sequenceNumber(), "a"));
        assertThat(old).isCompletedWithValue(SubmitSmResp.ok(oldest.sequenceNumber(), "a"));
    }

    @Test
    void requestTheBindStateForbidsFailsWithoutBeingSent() {
        Harness receiver = Harness.esme().boundAsEsme(BindType.RX);

        CompletableFuture<Response> refused = receiver.session.send(Pdus.submitSm(0));

        assertThat(reason(refused)).isEqualTo(SessionException.Reason.BIND_STATE);
        assertThat(receiver.next()).isNull();
        receiver.channel.finishAndReleaseAll();
    }

    @Test
    void closingFailsEveryOutstandingRequest() {
        CompletableFuture<Response> future = h.session.send(Pdus.submitSm(0));

        h.channel.close();

        assertThat(reason(future)).isEqualTo(SessionException.Reason.CLOSED);
        assertThat(h.session.closeFuture()).isCompleted();
        assertThat(reason(h.session.send(Pdus.submitSm(0)))).isEqualTo(SessionException.Reason.CLOSED);
        assertThat(h.listener.events).endsWith("state BOUND_TRX->CLOSED");
    }

    @Test
    void requestHandlerAnswersAsynchronouslyAndTheAnswerIsWrittenWhenReady() {
        CompletableFuture<Response> commit = new CompletableFuture<>();
        Harness server = Harness.mc(Harness.CONFIG, (s, b) -> CompletableFuture.completedFuture(
                BindDecision.accept((session, request) -> commit))).boundAsMc(BindType.TX);

        server.in(Pdus.submitSm(40));
        assertThat(server.next()).isNull();
        commit.complete(SubmitSmResp.ok(40, "stored-1"));
        server.channel.runPendingTasks();

        assertThat(server.next()).isEqualTo(SubmitSmResp.ok(40, "stored-1"));
        server.channel.finishAndReleaseAll();
    }

    @Test
    void handlerThatFailsOrAnswersWrongIsABugAnsweredWithSystemError() {
        Harness server = Harness.mc(Harness.CONFIG, (s, b) -> CompletableFuture.completedFuture(
                BindDecision.accept((session, request) -> switch (request.sequenceNumber()) {
                    case 1 -> throw new IllegalStateException("bug");
                    case 2 -> CompletableFuture.failedFuture(new IllegalStateException("store down"));
                    default -> CompletableFuture.completedFuture(SubmitSmResp.ok(999, "wrong sequence"));
                }))).boundAsMc(BindType.TX);

        server.in(Pdus.submitSm(1));
        server.in(Pdus.submitSm(2));
        server.in(Pdus.submitSm(3));

        assertThat(server.next()).isEqualTo(SubmitSmResp.error(1, CommandStatus.ESME_RSYSERR));
        assertThat(server.next()).isEqualTo(SubmitSmResp.error(2, CommandStatus.ESME_RSYSERR));
        assertThat(server.next()).isEqualTo(SubmitSmResp.error(3, CommandStatus.ESME_RSYSERR));
        assertThat(server.channel.isOpen()).isTrue();
        server.channel.finishAndReleaseAll();
    }

    // Checklist A24: beyond max-inbound-pending the peer is throttled per PDU and the session stays.
    @Test
    void peerRequestsBeyondTheInboundLimitAreThrottled() {
        Harness server = Harness.mc(Harness.CONFIG, (s, b) -> CompletableFuture.completedFuture(
                BindDecision.accept((session, request) -> new CompletableFuture<>()))).boundAsMc(BindType.TX);

        server.in(Pdus.submitSm(1));
        server.in(Pdus.submitSm(2));
        server.in(Pdus.submitSm(3));

        assertThat(server.next()).isEqualTo(SubmitSmResp.error(3, CommandStatus.ESME_RTHROTTLED));
        assertThat(server.next()).isNull();
        assertThat(server.channel.isOpen()).isTrue();
        server.channel.finishAndReleaseAll();
    }
}
