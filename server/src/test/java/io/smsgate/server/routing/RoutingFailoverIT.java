package io.smsgate.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import io.smsgate.server.SmsgateServer;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.config.ConfigLoader;
import io.smsgate.server.config.NodeConfig;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.gateway.Gateway;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.Faults;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.counters.SimulatorCounters;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private SmscSimulator simulator;
    private SmsgateServer server;
    private ExecutorService executor;
    private DefaultSmppClient client;
    private final Inbox inbox = new Inbox();
    private SmppSession session;
    private int sent;

    @AfterEach
    void stop() {
        if (client != null) {
            client.destroy();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        if (simulator != null) {
            simulator.close();
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
        simulator = SmscSimulator.start(new SmscConfig(List.of(
                carrier("cheap", behaviour().withFaults(cheapFaults)), carrier("dear", behaviour())),
                "127.0.0.1", 0, CountersConfig.DEFAULTS), 2, Clock.systemUTC());
        List<CarrierConfig> carriers = List.of(carrierConfig("cheap"), carrierConfig("dear"));
        RoutingConfig routing = ConfigLoader.parse(ROUTING, "routing.yaml", RoutingConfig.class, Map.of());
        Gateway gateway = new Gateway(carriers, Map.of(), routing, dataPath, DispatchConfig.DEFAULTS);
        String url = SharedTestDatabase.fresh("routing_failover_it").jdbcUrl().orElseThrow();
        SmsgateConfig config = SmsgateConfig.DEFAULTS
                .withNode(new NodeConfig(6, dataPath, Duration.ofSeconds(10)))
                .withStore(SmsgateConfig.DEFAULTS.store().withJdbcUrl(url))
                .withAdmin(SmsgateConfig.DEFAULTS.admin().withAddress("127.0.0.1", 0))
                .withApi(SmsgateConfig.DEFAULTS.api().withAddress("127.0.0.1", 0))
                .withSmpp(SmppSection.DEFAULTS.withAddress("127.0.0.1", 0).withAccounts(List.of(
                        AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8")))));
        server = SmsgateServer.start(config, gateway.components());
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 1);
        session = client.bind(configuration(gateway.smppAddress().orElseThrow().getPort()), inbox);
    }

    private CarrierConfig carrierConfig(String name) {
        int port = simulator.carrier(name).orElseThrow().address().getPort();
        return CarrierConfig.of(name, "127.0.0.1", port, "smsgate", "secret")
                .withBinds(List.of(BindConfig.DEFAULTS.withTimers(Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(5))));
    }

    private static SimulatedCarrier carrier(String name, CarrierBehaviour behaviour) {
        return new SimulatedCarrier(name, "127.0.0.1", 0, List.of(new Account("smsgate", "secret")), 1, behaviour);
    }

    private static CarrierBehaviour behaviour() {
        ReceiptBehaviour d = ReceiptBehaviour.DEFAULTS;
        ReceiptBehaviour receipts = new ReceiptBehaviour(true, new LatencyModel.Fixed(Duration.ofMillis(50)),
                d.statusMix(), d.enroute(), d.encoding(), d.idFormat(), d.dateFormat(), d.onDifferentBind(),
                d.beforeResponse(), d.duplicate(), d.unknownId());
        return CarrierBehaviour.DEFAULTS.withResponseLatency(LatencyModel.ZERO).withReceipts(receipts);
    }

    private SimulatorCounters counters(String carrier) {
        return simulator.carrier(carrier).orElseThrow().counters();
    }

    private io.smsgate.simulator.behaviour.CarrierControl control(String carrier) {
        return simulator.carrier(carrier).orElseThrow().control();
    }

    /** Submits {@code count} messages to numbers under {@code prefix}, each accepted, and returns their ids. */
    private List<String> send(int count, String prefix) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SubmitSm submit = new SubmitSm();
            submit.setSourceAddress(new Address((byte) 5, (byte) 0, "ACME"));
            int n = sent++; // every message differs, so the simulator's duplicate counters count only real repeats
            submit.setDestAddress(new Address((byte) 1, (byte) 1, prefix + String.format("%02d", n % 100)));
            submit.setRegisteredDelivery((byte) 1);
            submit.setShortMessage(("routing test " + n).getBytes(StandardCharsets.US_ASCII));
            SubmitSmResp resp = session.submit(submit, 10_000);
            assertThat(resp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            ids.add(resp.getMessageId());
        }
        return ids;
    }

    /** Every accepted message got exactly one DELIVRD receipt, and no carrier saw a message twice. */
    private void assertExactlyOnce(List<String> ids) {
        assertThat(inbox.receipts()).extracting(RoutingFailoverIT::receiptedId)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(inbox.receipts()).allSatisfy(receipt -> assertThat(new String(receipt.getShortMessage(),
                StandardCharsets.ISO_8859_1)).contains("stat:DELIVRD"));
        assertThat(counters("cheap").snapshot().duplicates()).isZero();
        assertThat(counters("dear").snapshot().duplicates()).isZero();
        assertThat(counters("cheap").snapshot().messagesReceived() + counters("dear").snapshot().messagesReceived())
                .isEqualTo(ids.size());
    }

    private static SmppSessionConfiguration configuration(int port) {
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, "acme", "secret1");
        config.setName("routing-failover-it");
        config.setHost("127.0.0.1");
        config.setPort(port);
        config.setWindowSize(10);
        config.setConnectTimeout(5000);
        config.setBindTimeout(10_000);
        config.setRequestExpiryTimeout(10_000);
        config.setInterfaceVersion(SmppConstants.VERSION_3_4);
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        return config;
    }

    private static String receiptedId(DeliverSm receipt) {
        Tlv tlv = receipt.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
        try {
            return tlv == null ? "" : tlv.getValueAsString();
        } catch (Exception e) {
            throw new AssertionError("receipted_message_id", e);
        }
    }

    /** The client's receiver side: every deliver_sm that is a receipt, answered at once. */
    private static final class Inbox extends DefaultSmppSessionHandler {
        private final Set<DeliverSm> receipts = ConcurrentHashMap.newKeySet();

        @Override
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof DeliverSm deliver && (deliver.getEsmClass() & 0x3C) == 0x04) {
                receipts.add(deliver);
            }
            return request.createResponse();
        }

        List<DeliverSm> receipts() {
            return List.copyOf(receipts);
        }
    }
}
