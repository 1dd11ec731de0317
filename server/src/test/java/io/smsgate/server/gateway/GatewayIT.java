package io.smsgate.server.gateway;

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
import io.smsgate.server.config.NodeConfig;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.MoTraffic;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.counters.SimulatorCounters;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One smsgate process end to end on real sockets: a Cloudhopper ESME binds to the upstream listener, its messages
 * are stored, go to a simulated carrier, and the carrier's receipts and MOs come back to it as deliver_sm, receipts
 * carrying our message ids.
 */
class GatewayIT {

    private static final String MO_NUMBER = "447700900999";
    private static final int SUBMIT_SM = 0x00000004;
    /** esm_class message type bits (SMPP 3.4 §5.2.12); 0x04 is an SMSC delivery receipt. */
    private static final int MESSAGE_TYPE = 0x3C;

    @TempDir
    Path dataPath;

    private SmscSimulator simulator;
    private SmsgateServer server;
    private ExecutorService executor;
    private DefaultSmppClient client;

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
    void shortAndLongMessagesReachTheCarrierTheirReceiptsCarryOurIdsAndAnMoReachesTheAccount() throws Exception {
        simulator = SmscSimulator.start(new SmscConfig(List.of(new SimulatedCarrier("sim", "127.0.0.1", 0,
                List.of(new Account("smsgate", "secret")), 1, behaviour())), "127.0.0.1", 0, CountersConfig.DEFAULTS),
                1, Clock.systemUTC());
        int carrierPort = simulator.carrier("sim").orElseThrow().address().getPort();
        CarrierConfig carrier = CarrierConfig.of("sim", "127.0.0.1", carrierPort, "smsgate", "secret")
                .withBinds(List.of(BindConfig.DEFAULTS.withTimers(Duration.ofMillis(1000), Duration.ofMillis(1500),
                        Duration.ofSeconds(3))));
        Gateway gateway = new Gateway(List.of(carrier), Map.of("", List.of("sim")), DispatchConfig.DEFAULTS);
        String url = SharedTestDatabase.fresh("gateway_it").jdbcUrl().orElseThrow();
        SmsgateConfig config = SmsgateConfig.DEFAULTS
                .withNode(new NodeConfig(5, dataPath, Duration.ofSeconds(10)))
                .withStore(SmsgateConfig.DEFAULTS.store().withJdbcUrl(url))
                .withAdmin(SmsgateConfig.DEFAULTS.admin().withAddress("127.0.0.1", 0))
                .withApi(SmsgateConfig.DEFAULTS.api().withAddress("127.0.0.1", 0))
                .withSmpp(SmppSection.DEFAULTS.withAddress("127.0.0.1", 0).withAccounts(List.of(
                        AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8")))));
        server = SmsgateServer.start(config, gateway.components());
        execute("INSERT INTO number (number, system_id) VALUES ('" + MO_NUMBER + "', 'acme')");

        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 1);
        Inbox inbox = new Inbox();
        SmppSession session = client.bind(configuration(gateway.smppAddress().orElseThrow().getPort()), inbox);

        SubmitSmResp shortResp = session.submit(submit("447700900001",
                "hello from smsgate's end-to-end test".getBytes(StandardCharsets.US_ASCII), 0), 10_000);
        String longText = "Grüße aus smsgate 🚀📡 — a long UCS-2 message that needs several parts at the carrier, "
                + "because it is well over seventy characters long 😀";
        SubmitSm longSubmit = submit("447700900002", new byte[0], 8);
        longSubmit.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD,
                longText.getBytes(StandardCharsets.UTF_16BE)));
        SubmitSmResp longResp = session.submit(longSubmit, 10_000);

        assertThat(shortResp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
        assertThat(longResp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
        String shortId = shortResp.getMessageId();
        String longId = longResp.getMessageId();
        assertThat(MessageId.parse(shortId)).isPresent();
        assertThat(MessageId.parse(longId)).isPresent();

        // The carrier got both messages, the long one re-segmented into several parts.
        SimulatorCounters counters = simulator.carrier("sim").orElseThrow().counters();
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.snapshot().messagesReceived() >= 2);
        assertThat(counters.snapshot().messagesReceived()).isEqualTo(2);
        assertThat(counters.snapshot().received(SUBMIT_SM, 0)).isGreaterThanOrEqualTo(3);
        assertThat(counters.snapshot().duplicates()).isZero();

        // Receipts reach the client with OUR ids (the ones its submit_sm_resp carried) and DELIVRD.
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.receipts().size() >= 2);
        assertThat(inbox.receipts()).extracting(GatewayIT::receiptedId).containsExactlyInAnyOrder(shortId, longId);
        assertThat(inbox.receipts()).allSatisfy(receipt -> assertThat(new String(receipt.getShortMessage(),
                StandardCharsets.ISO_8859_1)).contains("id:").contains("stat:DELIVRD"));
        assertThat(state(shortId)).contains("DELIVERED");
        assertThat(state(longId)).contains("DELIVERED");

        // The carrier's MO to the account's number reaches the client as a deliver_sm that is not a receipt.
        await().atMost(Duration.ofSeconds(30)).until(() -> !inbox.mos().isEmpty());
        DeliverSm mo = inbox.mos().get(0);
        assertThat(mo.getDestAddress().getAddress()).isEqualTo(MO_NUMBER);
        assertThat(new String(mo.getShortMessage(), StandardCharsets.ISO_8859_1)).isEqualTo("hello from the sim");

        session.unbind(5000);
    }

    private static CarrierBehaviour behaviour() {
        ReceiptBehaviour d = ReceiptBehaviour.DEFAULTS;
        ReceiptBehaviour receipts = new ReceiptBehaviour(true, new LatencyModel.Fixed(Duration.ofMillis(100)),
                d.statusMix(), d.enroute(), d.encoding(), d.idFormat(), d.dateFormat(), d.onDifferentBind(),
                d.beforeResponse(), d.duplicate(), d.unknownId());
        MoTraffic mo = new MoTraffic(2.0, "4477009#####", MO_NUMBER, "hello from the sim", MoTraffic.Encoding.GSM7,
                0.0, 2, false);
        CarrierBehaviour c = CarrierBehaviour.DEFAULTS;
        return new CarrierBehaviour(LatencyModel.ZERO, c.messageId(), c.throttle(), c.windowLimit(),
                c.congestionState(), c.errors(), receipts, mo, c.faults());
    }

    private static SmppSessionConfiguration configuration(int port) {
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, "acme", "secret1");
        config.setName("gateway-it");
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

    private static SubmitSm submit(String destination, byte[] text, int dataCoding) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setSourceAddress(new Address((byte) 5, (byte) 0, "ACME"));
        submit.setDestAddress(new Address((byte) 1, (byte) 1, destination));
        submit.setDataCoding((byte) dataCoding);
        submit.setRegisteredDelivery((byte) 1);
        submit.setShortMessage(text);
        return submit;
    }

    private static String receiptedId(DeliverSm receipt) {
        Tlv tlv = receipt.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
        try {
            return tlv == null ? "" : tlv.getValueAsString();
        } catch (Exception e) {
            throw new AssertionError("receipted_message_id unreadable", e);
        }
    }

    private Optional<String> state(String messageId) throws Exception {
        try (Connection connection = server.context().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT state FROM message WHERE message_id = ?")) {
            statement.setLong(1, MessageId.parse(messageId).orElseThrow().value());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = server.context().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Collects deliver_sm (receipts and MOs told apart by esm_class) and answers each ESME_ROK. */
    static final class Inbox extends DefaultSmppSessionHandler {
        private final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();

        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof DeliverSm deliverSm) {
                delivered.add(deliverSm);
            }
            return request.createResponse();
        }

        List<DeliverSm> receipts() {
            return delivered.stream().filter(d -> (d.getEsmClass() & MESSAGE_TYPE) == 0x04).toList();
        }

        List<DeliverSm> mos() {
            return delivered.stream().filter(d -> (d.getEsmClass() & MESSAGE_TYPE) == 0).toList();
        }
    }
}
