package io.smsgate.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.config.ConfigLoader;
import io.smsgate.server.gateway.CloudhopperEsme;
import io.smsgate.server.gateway.GatewayFixture;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.CarrierControl;
import io.smsgate.simulator.behaviour.Faults;
import io.smsgate.simulator.counters.SimulatorCounters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least-cost routing and failover through one smsgate process on real sockets: two simulated carriers with
 * different prices behind it, a Cloudhopper ESME in front; the simulator's counters and the client's receipts show
 * where each message went, that none was lost and none doubled.
 */
class RoutingFailoverIT {
    private static final String ROUTING = """
            rate-cards:
              - {carrier: cheap, lines: {'44': '0.0050'}}
              - {carrier: dear, lines: {'44': '0.0100'}}
            health: {consecutive-failures: 3, min-submits: 3, open-duration: 2s, probe-one-in: 1,
                     probe-successes-to-close: 1}
            """;

    @TempDir
    Path dataPath;

    private final CloudhopperEsme esme = new CloudhopperEsme();
    private final CloudhopperEsme.Inbox inbox = new CloudhopperEsme.Inbox();
    private GatewayFixture gateway;
    private SmppSession session;
    private int sent;

    @AfterEach
    void stop() throws Exception {
        esme.close();
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void trafficGoesToTheCheaperCarrier() throws Exception {
        start(Faults.NONE);
        List<String> ids = send(20, "4477009000");
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.receipts().size() >= 20);
        assertThat(counters("cheap").snapshot().messagesReceived()).isEqualTo(20);
        assertThat(counters("dear").snapshot().messagesReceived()).isZero();
        assertExactlyOnce(ids);
    }

    @Test
    void aRefusedBindSendsTrafficToTheOtherCarrier() throws Exception {
        start(new Faults(OptionalInt.of(SmppConstants.STATUS_BINDFAIL), false, 0, false, 0, 1.0, 0,
                Faults.Malformed.NONE, 0.0));
        List<String> ids = send(20, "4477009100");
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.receipts().size() >= 20);
        assertThat(counters("cheap").snapshot().messagesReceived()).isZero();
        assertThat(counters("dear").snapshot().messagesReceived()).isEqualTo(20);
        assertExactlyOnce(ids);
    }

    @Test
    void aSilentCarrierLosesTheTrafficWithinTheDetectionTimeAndGetsItBackAfterItRecovers() throws Exception {
        start(Faults.NONE);
        List<String> ids = new ArrayList<>(send(5, "4477009200"));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.receipts().size() >= 5);
        assertThat(counters("cheap").snapshot().messagesReceived()).isEqualTo(5);

        // Half-open fault: the socket stays open and nothing is answered. Three response timeouts (5 s each, in
        // parallel in the window; generous for a loaded machine) open the breaker; the timed-out messages fail
        // over to the dear carrier.
        control("cheap").update(b -> b.withFaults(new Faults(OptionalInt.empty(), false, 0, true, 0, 1.0, 0,
                Faults.Malformed.NONE, 0.0)));
        ids.addAll(send(10, "4477009300"));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.receipts().size() >= 15);
        assertThat(counters("cheap").snapshot().messagesReceived()).isEqualTo(5); // silent: nothing was taken
        assertThat(counters("dear").snapshot().messagesReceived()).isEqualTo(10);

        // Recovered: after open-duration the breaker half-opens (or the bind comes back up), a probe succeeds and
        // the cheap carrier is first again.
        control("cheap").update(b -> b.withFaults(Faults.NONE));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ids.addAll(send(1, "4477009400"));
            return counters("cheap").snapshot().messagesReceived() > 5;
        });
        long cheapBefore = counters("cheap").snapshot().messagesReceived();
        long dearBefore = counters("dear").snapshot().messagesReceived();
        ids.addAll(send(5, "4477009500"));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.receipts().size() >= ids.size());
        assertThat(counters("cheap").snapshot().messagesReceived()).isEqualTo(cheapBefore + 5);
        assertThat(counters("dear").snapshot().messagesReceived()).isEqualTo(dearBefore);
        assertExactlyOnce(ids);
    }

    private void start(Faults cheapFaults) throws Exception {
        CarrierBehaviour behaviour = GatewayFixture.receiptsAfter(Duration.ofMillis(50));
        LinkedHashMap<String, CarrierBehaviour> carriers = new LinkedHashMap<>();
        carriers.put("cheap", behaviour.withFaults(cheapFaults));
        carriers.put("dear", behaviour);
        RoutingConfig routing = ConfigLoader.parse(ROUTING, "routing.yaml", RoutingConfig.class, Map.of());
        gateway = GatewayFixture.startRouted("routing_failover_it", dataPath, carriers,
                List.of(AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8"))),
                carrier -> carrier.withBinds(List.of(BindConfig.DEFAULTS.withTimers(Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(5)))), routing);
        session = esme.bind(SmppBindType.TRANSCEIVER, "acme", "secret1", gateway.smppPort(), inbox);
    }

    private SimulatorCounters counters(String carrier) {
        return gateway.carrier(carrier).counters();
    }

    private CarrierControl control(String carrier) {
        return gateway.carrier(carrier).control();
    }

    /** Submits {@code count} messages to numbers under {@code prefix}, each accepted, and returns their ids. */
    private List<String> send(int count, String prefix) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = sent++; // every message differs, so the simulator's duplicate counters count only real repeats
            SubmitSmResp resp = session.submit(CloudhopperEsme.submit(prefix + String.format("%02d", n % 100),
                    ("routing test " + n).getBytes(StandardCharsets.US_ASCII), 0), 10_000);
            assertThat(resp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            ids.add(resp.getMessageId());
        }
        return ids;
    }

    /** Every accepted message got exactly one DELIVRD receipt, and no carrier saw a message twice. */
    private void assertExactlyOnce(List<String> ids) {
        assertThat(inbox.receipts()).extracting(CloudhopperEsme::receiptedId)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(inbox.receipts()).allSatisfy(receipt -> assertThat(new String(receipt.getShortMessage(),
                StandardCharsets.ISO_8859_1)).contains("stat:DELIVRD"));
        assertThat(counters("cheap").snapshot().duplicates()).isZero();
        assertThat(counters("dear").snapshot().duplicates()).isZero();
        assertThat(counters("cheap").snapshot().messagesReceived() + counters("dear").snapshot().messagesReceived())
                .isEqualTo(ids.size());
    }
}
