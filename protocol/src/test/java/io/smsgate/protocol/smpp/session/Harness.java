package io.smsgate.protocol.smpp.session;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.smsgate.protocol.smpp.pdu.BindResp;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Pdu;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.pdu.Unbind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One session handler on an EmbeddedChannel, PDUs in and out as values, time moved by hand. */
final class Harness {

    /** Small numbers so that every limit is reached in a few lines. */
    static final SessionConfig CONFIG = new SessionConfig(new WindowConfig(3, Duration.ofSeconds(10)), 2,
            Duration.ofSeconds(30), Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    /** The server's request handler: accepts every submit_sm with message id "m" + sequence_number. */
    static final RequestHandler ACCEPT_ALL = (session, request) -> CompletableFuture.completedFuture(
            request instanceof io.smsgate.protocol.smpp.pdu.SubmitSm
                    ? SubmitSmResp.ok(request.sequenceNumber(), "m" + request.sequenceNumber())
                    : request instanceof io.smsgate.protocol.smpp.pdu.DeliverSm
                            ? io.smsgate.protocol.smpp.pdu.DeliverSmResp.ok(request.sequenceNumber(), "")
                            : request.reject(CommandStatus.ESME_RSYSERR));

    final RecordingListener listener = new RecordingListener();
    final SessionHandler handler;
    final EmbeddedChannel channel;
    final SmppSession session;

    private Harness(java.util.function.Function<RecordingListener, SessionHandler> factory) {
        this.handler = factory.apply(listener);
        this.channel = new EmbeddedChannel(handler);
        this.session = handler.session();
    }

    static Harness mc(SessionConfig config, Authenticator authenticator) {
        return new Harness(listener -> SessionHandler.mc(config, listener, authenticator, "smsgate"));
    }

    static Harness mc() {
        return mc(CONFIG, (session, bind) -> CompletableFuture.completedFuture(BindDecision.accept(ACCEPT_ALL)));
    }

    static Harness esme(SessionConfig config, RequestHandler handler) {
        return new Harness(listener -> SessionHandler.esme(config, listener, handler));
    }

    static Harness esme() {
        return esme(CONFIG, ACCEPT_ALL);
    }

    /** Server side: the peer binds and we accept; the bind_resp is read. */
    Harness boundAsMc(BindType bindType) {
        in(Pdus.bind(1, bindType));
        BindResp resp = out();
        assertThat(resp.commandStatus()).isEqualTo(CommandStatus.ESME_ROK);
        return this;
    }

    /** Client side: we bind and the peer accepts. */
    Harness boundAsEsme(BindType bindType) {
        CompletableFuture<SmppSession> bound = session.bind(Pdus.bind(0, bindType));
        Pdu bind = out();
        in(BindResp.ok(bindType, bind.sequenceNumber(), "smsc", InterfaceVersion.V34));
        assertThat(bound).isCompletedWithValue(session);
        return this;
    }

    /** Bound, then our own unbind went out and awaits its unbind_resp: state UNBINDING. */
    Harness unbinding() {
        session.unbind();
        Unbind unbind = out();
        assertThat(unbind.sequenceNumber()).isPositive();
        assertThat(session.state()).isEqualTo(SessionState.UNBINDING);
        return this;
    }

    Harness in(Object inbound) {
        channel.writeInbound(inbound);
        return this;
    }

    <T> T out() {
        return channel.readOutbound();
    }

    /** The next outbound PDU, or null when nothing was written. */
    Object next() {
        return channel.readOutbound();
    }

    void advance(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }
}
