package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.pdu.Unbind;
import io.smsgate.protocol.smpp.pdu.UnbindResp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** SMPP 3.4 §7.2 timers: enquire_link, inactivity, session_init, response (bind), and the unbind drain. */
class SessionTimersTest {

    @Test
    void sendsEnquireLinkAfterTheIdleIntervalAndStaysUpWhenAnswered() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);

        h.advance(Duration.ofSeconds(29));
        assertThat(h.next()).isNull();
        h.advance(Duration.ofSeconds(1));
        EnquireLink ping = h.out();
        h.in(new EnquireLinkResp(ping.sequenceNumber()));
        h.advance(Duration.ofSeconds(20));

        assertThat(h.channel.isOpen()).isTrue();
        assertThat(h.next()).isNull();
        h.advance(Duration.ofSeconds(10));
        assertThat(h.next()).isInstanceOf(EnquireLink.class);
        h.channel.finishAndReleaseAll();
    }

    @Test
    void trafficFromThePeerPostponesTheEnquireLink() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);

        h.advance(Duration.ofSeconds(20));
        h.in(Pdus.deliverSm(5));
        h.out(); // deliver_sm_resp
        h.advance(Duration.ofSeconds(20));

        assertThat(h.next()).isNull();
        h.advance(Duration.ofSeconds(10));
        assertThat(h.next()).isInstanceOf(EnquireLink.class);
        h.channel.finishAndReleaseAll();
    }

    // Checklist B4/B16: an enquire_link unanswered within the response timeout means a dead peer.
    @Test
    void closesWhenTheEnquireLinkGoesUnanswered() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);

        h.advance(Duration.ofSeconds(30));
        assertThat(h.next()).isInstanceOf(EnquireLink.class);
        h.advance(Duration.ofSeconds(9));
        assertThat(h.channel.isOpen()).isTrue();
        h.advance(Duration.ofSeconds(1));

        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.listener.events).endsWith("expired ENQUIRE_LINK", "state BOUND_TRX->CLOSED");
    }

    @Test
    void inactivityTimerClosesASessionThatReadsNothing() {
        Harness h = Harness.esme(Harness.CONFIG.withEnquireLinkInterval(Duration.ZERO)
                .withInactivityTimeout(Duration.ofSeconds(60)), Harness.ACCEPT_ALL).boundAsEsme(BindType.TX);

        h.advance(Duration.ofSeconds(59));
        assertThat(h.channel.isOpen()).isTrue();
        h.advance(Duration.ofSeconds(1));

        assertThat(h.channel.isOpen()).isFalse();
    }

    // Checklist A23: a connection that never binds is closed by the session_init_timer.
    @Test
    void serverClosesAConnectionNotBoundWithinSessionInit() {
        Harness h = Harness.mc();

        h.advance(Duration.ofSeconds(29));
        assertThat(h.channel.isOpen()).isTrue();
        h.advance(Duration.ofSeconds(1));

        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.next()).isNull();
    }

    @Test
    void sessionInitTimerStopsOnceBound() {
        Harness h = Harness.mc(Harness.CONFIG.withEnquireLinkInterval(Duration.ZERO), (s, b) ->
                CompletableFuture.completedFuture(BindDecision.accept(Harness.ACCEPT_ALL))).boundAsMc(BindType.TRX);

        h.advance(Duration.ofSeconds(31));

        assertThat(h.channel.isOpen()).isTrue();
        h.channel.finishAndReleaseAll();
    }

    // Checklist B3: a bind sent into a black hole fails after the bind timeout and the connection closes.
    @Test
    void clientBindTimesOutAndCloses() {
        Harness h = Harness.esme();

        CompletableFuture<SmppSession> bound = h.session.bind(Pdus.bind(0, BindType.TRX));
        h.advance(Duration.ofSeconds(5));

        assertThat(bound).isCompletedExceptionally();
        assertThat(((SessionException) bound.handle((s, t) -> t).join()).reason())
                .isEqualTo(SessionException.Reason.RESPONSE_TIMEOUT);
        assertThat(h.channel.isOpen()).isFalse();
    }

    // Checklist A28: our unbind waits for the window to drain, then unbinds, then closes.
    @Test
    void gracefulUnbindDrainsTheWindowFirst() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);
        CompletableFuture<Response> inFlight = h.session.send(Pdus.submitSm(0));
        SubmitSm sent = h.out();

        CompletableFuture<Void> closed = h.session.unbind();
        assertThat(h.session.state()).isEqualTo(SessionState.UNBINDING);
        assertThat(h.next()).isNull();
        assertThat(((SessionException) h.session.send(Pdus.submitSm(0)).handle((r, t) -> t).join()).reason())
                .isEqualTo(SessionException.Reason.BIND_STATE);
        h.in(SubmitSmResp.ok(sent.sequenceNumber(), "done"));
        Unbind unbind = h.out();
        h.in(new UnbindResp(unbind.sequenceNumber()));

        assertThat(inFlight).isCompletedWithValue(SubmitSmResp.ok(sent.sequenceNumber(), "done"));
        assertThat(closed).isCompleted();
        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.listener.events).endsWith("state BOUND_TRX->UNBINDING", "completed SUBMIT_SM ESME_ROK",
                "completed UNBIND ESME_ROK", "state UNBINDING->CLOSED");
    }

    @Test
    void gracefulUnbindGivesUpWaitingAfterTheUnbindTimeout() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);
        h.session.send(Pdus.submitSm(0));
        h.out();

        h.session.unbind();
        h.advance(Duration.ofSeconds(10));

        assertThat(h.next()).isInstanceOf(Unbind.class);
    }

    @Test
    void unbindWithoutAnswerClosesAfterTheResponseTimeout() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);

        CompletableFuture<Void> closed = h.session.unbind();
        assertThat(h.next()).isInstanceOf(Unbind.class);
        h.advance(Duration.ofSeconds(10));

        assertThat(closed).isCompleted();
    }

    // Checklist A28: accepted requests are answered before unbind_resp.
    @Test
    void peerUnbindIsAnsweredAfterTheRequestsInProgress() {
        CompletableFuture<Response> commit = new CompletableFuture<>();
        Harness h = Harness.mc(Harness.CONFIG, (s, b) -> CompletableFuture.completedFuture(
                BindDecision.accept((session, request) -> commit))).boundAsMc(BindType.TX);

        h.in(Pdus.submitSm(8));
        h.in(new Unbind(9));
        assertThat(h.session.state()).isEqualTo(SessionState.UNBINDING);
        assertThat(h.next()).isNull();
        commit.complete(SubmitSmResp.ok(8, "kept"));

        assertThat(h.next()).isEqualTo(SubmitSmResp.ok(8, "kept"));
        assertThat(h.next()).isEqualTo(new UnbindResp(9));
        h.advance(Duration.ofSeconds(1));
        assertThat(h.channel.isOpen()).isFalse();
    }

    @Test
    void peerUnbindIsAnsweredAtOnceWhenNothingIsInProgress() {
        Harness h = Harness.esme().boundAsEsme(BindType.RX);

        h.in(new Unbind(3));

        assertThat(h.next()).isEqualTo(new UnbindResp(3));
        // The peer closes on our unbind_resp; we close only if it has not within a second.
        h.advance(Duration.ofMillis(999));
        assertThat(h.channel.isOpen()).isTrue();
        h.advance(Duration.ofMillis(1));
        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.listener.events).endsWith("state BOUND_RX->UNBINDING", "state UNBINDING->CLOSED");
    }

    @Test
    void notWritableChannelRefusesSendsStopsReadingAndReportsReadyWhenWritableAgain() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);

        h.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        h.channel.runPendingTasks(); // Netty announces writability changes on a later loop turn
        CompletableFuture<Response> refused = h.session.send(Pdus.submitSm(0));

        assertThat(((SessionException) refused.handle((r, t) -> t).join()).reason())
                .isEqualTo(SessionException.Reason.NOT_WRITABLE);
        assertThat(h.channel.config().isAutoRead()).isFalse();
        h.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        h.channel.runPendingTasks();
        assertThat(h.channel.config().isAutoRead()).isTrue();
        assertThat(h.listener.events).endsWith("ready");
        h.channel.finishAndReleaseAll();
    }
}
