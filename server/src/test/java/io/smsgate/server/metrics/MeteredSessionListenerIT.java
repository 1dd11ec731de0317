package io.smsgate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.session.BindDecision;
import io.smsgate.protocol.smpp.session.ClientConfig;
import io.smsgate.protocol.smpp.session.ServerConfig;
import io.smsgate.protocol.smpp.session.SmppClient;
import io.smsgate.protocol.smpp.session.SmppServer;
import io.smsgate.protocol.smpp.session.SmppSession;
import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.server.metrics.SmppMeters.Side;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real sessions over loopback: an MC side (upstream) and an ESME side (carrier), each with its listener. */
class MeteredSessionListenerIT {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SmppMeters meters = new SmppMeters(registry, false);
    private final SmppTransport transport = SmppTransport.create("metrics-it", 1);
    private SmppServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ofSeconds(5));
        }
        transport.close(Duration.ofSeconds(5));
    }

    @Test
    void recordsBindsRequestsAndTheirEnd() throws Exception {
        server = SmppServer.start(transport,
                ServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "smsgate"),
                (session, bind) -> CompletableFuture.completedFuture(BindDecision.accept((s, request) ->
                        CompletableFuture.completedFuture(request instanceof SubmitSm
                                ? SubmitSmResp.ok(request.sequenceNumber(), "m1")
                                : request.reject(CommandStatus.ESME_RINVCMDID)))),
                new MeteredSessionListener(meters, Side.UPSTREAM));
        SmppClient client = new SmppClient(transport);
        Bind bind = new Bind(0, BindType.TRX, "acme", "secret", "", InterfaceVersion.V34, Address.EMPTY);
        SmppSession session = client.bind(ClientConfig.of(server.localAddress(), bind), (s, request) ->
                CompletableFuture.completedFuture(request.reject(CommandStatus.ESME_RINVCMDID)),
                new MeteredSessionListener(meters, Side.CARRIER)).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meters.side(Side.UPSTREAM).bound(BindType.TRX)).isEqualTo(1);
            assertThat(meters.side(Side.CARRIER).bound(BindType.TRX)).isEqualTo(1);
        });

        SubmitSm submit = new SubmitSm(0, ShortMessage.of(Address.alphanumeric("ACME"),
                Address.international("447700900001"), 0, OctetString.ascii("hello")));
        assertThat(session.send(submit).get(10, TimeUnit.SECONDS).commandStatus()).isEqualTo(CommandStatus.ESME_ROK);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(registry.get(SmppMeters.REQUESTS).tag("side", "upstream").tag("command", "submit_sm")
                    .tag("status", "ESME_ROK").timer().count()).isEqualTo(1);
            assertThat(registry.get(SmppMeters.OUTBOUND_REQUESTS).tag("side", "carrier").tag("command", "submit_sm")
                    .tag("status", "ESME_ROK").timer().count()).isEqualTo(1);
        });

        session.unbind().get(10, TimeUnit.SECONDS);
        session.closeFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meters.side(Side.UPSTREAM).bound(BindType.TRX)).isZero();
            assertThat(meters.side(Side.CARRIER).bound(BindType.TRX)).isZero();
        });
    }
}
