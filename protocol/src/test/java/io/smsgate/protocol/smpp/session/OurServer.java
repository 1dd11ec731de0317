package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server built on our session layer for the interop tests: accepts acme/secret, answers submit_sm with message id
 * "msg-" + sequence_number, and hands out each bound session.
 */
final class OurServer implements AutoCloseable {

    static final String SYSTEM_ID = "acme";
    static final String PASSWORD = "secret";

    final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    final BlockingQueue<SmppSession> bound = new LinkedBlockingQueue<>();
    final RecordingListener listener = new RecordingListener() {
        @Override
        public void stateChanged(SmppSession session, SessionState previous, SessionState current) {
            super.stateChanged(session, previous, current);
            if (current.isBound()) {
                bound.add(session);
            }
        }
    };
    final SmppServer server;

    OurServer(SmppTransport transport, SessionConfig config, java.util.Optional<io.netty.handler.ssl.SslContext> tls) {
        RequestHandler handler = (session, request) -> {
            received.add(request);
            return CompletableFuture.completedFuture(request instanceof SubmitSm
                    ? SubmitSmResp.ok(request.sequenceNumber(), "msg-" + request.sequenceNumber())
                    : request.reject(CommandStatus.ESME_RSYSERR));
        };
        Authenticator authenticator = (session, bind) -> CompletableFuture.completedFuture(
                SYSTEM_ID.equals(bind.systemId()) && PASSWORD.equals(bind.password())
                        ? BindDecision.accept(handler)
                        : BindDecision.reject(CommandStatus.ESME_RINVPASWD));
        server = SmppServer.start(transport, new ServerConfig(new InetSocketAddress("127.0.0.1", 0), "smsgate",
                config, io.smsgate.protocol.smpp.codec.PduLimits.DEFAULTS, tls), authenticator, listener);
    }

    OurServer(SmppTransport transport) {
        this(transport, SessionConfig.DEFAULTS.withSessionInitTimeout(Duration.ofSeconds(5)), java.util.Optional.empty());
    }

    int port() {
        return server.localAddress().getPort();
    }

    SmppSession nextBound() throws InterruptedException {
        SmppSession session = bound.poll(5, TimeUnit.SECONDS);
        if (session == null) {
            throw new AssertionError("no session bound within 5 s");
        }
        return session;
    }

    Request nextReceived() throws InterruptedException {
        Request request = received.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request received within 5 s");
        }
        return request;
    }

    @Override
    public void close() {
        server.close();
    }
}
