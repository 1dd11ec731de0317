package io.smsgate.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import io.smsgate.server.SmsgateServer;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.config.NodeConfig;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.gateway.CloudhopperEsme;
import io.smsgate.server.gateway.Gateway;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.CarrierControl;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.MoTraffic;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-out end to end (issue #6): a recipient's STOP from the simulated carrier to an account's number is recorded,
 * after which that number's sends to the recipient are refused over HTTP (422 recipient_opted_out) and SMPP
 * (ESME_RX_P_APPN), nothing stored; START allows them again; STOP and HELP are answered through the pipeline and the
 * answers reach the carrier.
 */
class ComplianceIT {

    private static final String NUMBER = "447700900999";
    private static final String OTHER_NUMBER = "447700900998";
    private static final String RECIPIENT = "447700900123";

    @TempDir
    Path dataPath;

    private SmscSimulator simulator;
    private SmsgateServer server;
    private Gateway gateway;
    private CarrierControl carrier;
    private ExecutorService executor;
    private DefaultSmppClient smpp;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        ReceiptBehaviour d = ReceiptBehaviour.DEFAULTS;
        ReceiptBehaviour receipts = new ReceiptBehaviour(true, new LatencyModel.Fixed(Duration.ofMillis(20)),
                d.statusMix(), d.enroute(), d.encoding(), d.idFormat(), d.dateFormat(), d.onDifferentBind(),
                d.beforeResponse(), d.duplicate(), d.unknownId());
        CarrierBehaviour c = CarrierBehaviour.DEFAULTS;
        CarrierBehaviour behaviour = new CarrierBehaviour(LatencyModel.ZERO, c.messageId(), c.throttle(),
                c.windowLimit(), c.congestionState(), c.errors(), receipts, MoTraffic.NONE, c.faults());
        simulator = SmscSimulator.start(new SmscConfig(List.of(new SimulatedCarrier("sim", "127.0.0.1", 0,
                List.of(new Account("smsgate", "secret")), 1, behaviour)), "127.0.0.1", 0, CountersConfig.DEFAULTS),
                1, Clock.systemUTC());
        carrier = simulator.carrier("sim").orElseThrow().control();
        int carrierPort = simulator.carrier("sim").orElseThrow().address().getPort();
        CarrierConfig carrierConfig = CarrierConfig.of("sim", "127.0.0.1", carrierPort, "smsgate", "secret")
                .withBinds(List.of(BindConfig.DEFAULTS.withWindow(100)));
        gateway = new Gateway(List.of(carrierConfig), Map.of("", List.of("sim")), DispatchConfig.DEFAULTS);
        String url = SharedTestDatabase.fresh("compliance_it").jdbcUrl().orElseThrow();
        SmsgateConfig config = SmsgateConfig.DEFAULTS
                .withNode(new NodeConfig(9, dataPath, Duration.ofSeconds(10)))
                .withStore(SmsgateConfig.DEFAULTS.store().withJdbcUrl(url))
                .withAdmin(SmsgateConfig.DEFAULTS.admin().withAddress("127.0.0.1", 0))
                .withApi(SmsgateConfig.DEFAULTS.api().withAddress("127.0.0.1", 0))
                .withSmpp(SmppSection.DEFAULTS.withAddress("127.0.0.1", 0).withAccounts(List.of(
                        AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8")),
                        AccountConfig.of("other", "secret2", List.of("127.0.0.0/8")))));
        server = SmsgateServer.start(config, gateway.components());
        execute("INSERT INTO number (number, system_id) VALUES ('" + NUMBER + "', 'acme'), ('" + OTHER_NUMBER
                + "', 'acme')");
    }

    @AfterEach
    void stop() {
        if (smpp != null) {
            smpp.destroy();
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
    void stopRefusesHttpAndSmppSendsStartAllowsThemAgainAndEveryKeywordIsAnswered() throws Exception {
        Compliance compliance = gateway.compliance().orElseThrow();
        String token = gateway.apiKeys().orElseThrow().create("acme", "compliance-it").token();
        SmppSession session = bind();

        // The recipient texts "Stop." to the account's number.
        mo("Stop.");
        await().atMost(Duration.ofSeconds(20)).until(() -> compliance.isOptedOut("acme", RECIPIENT, NUMBER));
        carrier.update(b -> withMo(b, MoTraffic.NONE));
        assertThat(count("SELECT count(*) FROM opt_out WHERE system_id = 'acme' AND recipient = '" + RECIPIENT
                + "' AND sender = '" + NUMBER + "' AND source = 'keyword'")).isEqualTo(1);
        // The STOP confirmation went out from the number the STOP was sent to, and reached the carrier.
        awaitDelivered(NUMBER, KeywordSet.ENGLISH.stopReply());
        long storedBefore = count("SELECT count(*) FROM message WHERE system_id = 'acme' AND source_addr = '"
                + NUMBER + "' AND dest_addr = '" + RECIPIENT + "'");

        HttpResponse<String> refused = send(token, "+" + NUMBER, "hello again");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"recipient_opted_out\"").contains("\"field\":\"to\"");
        assertThat(submit(session, NUMBER)).isEqualTo(0x65);
        // Nothing stored (and so nothing charged) for either refusal.
        assertThat(count("SELECT count(*) FROM message WHERE system_id = 'acme' AND source_addr = '" + NUMBER
                + "' AND dest_addr = '" + RECIPIENT + "'")).isEqualTo(storedBefore);
        // Scope "sender": the account's other number may still write to the recipient.
        assertThat(send(token, "+" + OTHER_NUMBER, "from another number").statusCode()).isEqualTo(202);
        assertThat(submit(session, OTHER_NUMBER)).isZero();

        // START opts back in.
        mo("start");
        await().atMost(Duration.ofSeconds(20)).until(() -> !compliance.isOptedOut("acme", RECIPIENT, NUMBER));
        carrier.update(b -> withMo(b, MoTraffic.NONE));
        assertThat(count("SELECT count(*) FROM opt_out WHERE recipient = '" + RECIPIENT + "'")).isZero();
        assertThat(send(token, "+" + NUMBER, "welcome back").statusCode()).isEqualTo(202);
        assertThat(submit(session, NUMBER)).isZero();

        // HELP is answered, and the answer reaches the carrier.
        mo("HELP");
        awaitDelivered(NUMBER, KeywordSet.ENGLISH.helpReply());
        carrier.update(b -> withMo(b, MoTraffic.NONE));
        session.unbind(5000);
    }

    @Test
    void anImportedListRefusesSendsPagesByCursorAndADeleteOptsBackIn() throws Exception {
        String token = gateway.apiKeys().orElseThrow().create("acme", "compliance-import").token();
        HttpResponse<String> imported = request("POST", "/v1/opt-outs/import", token, "text/csv",
                "number,from\r\n+447700900201\r\n447700900202," + NUMBER + "\r\n\r\n447700900202," + NUMBER + "\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(new JsonObject(imported.body())).isEqualTo(new JsonObject().put("rows", 3).put("imported", 2));

        // Account-wide: refused from every number; per sender: refused from that number only.
        assertThat(send(token, "+447700900201", "+" + NUMBER, "x").statusCode()).isEqualTo(422);
        assertThat(send(token, "+447700900201", "+" + OTHER_NUMBER, "x").statusCode()).isEqualTo(422);
        assertThat(send(token, "+447700900202", "+" + NUMBER, "x").statusCode()).isEqualTo(422);
        assertThat(send(token, "+447700900202", "+" + OTHER_NUMBER, "x").statusCode()).isEqualTo(202);

        JsonObject first = new JsonObject(request("GET", "/v1/opt-outs?limit=1", token, "", "").body());
        assertThat(first.getJsonArray("opt_outs")).hasSize(1);
        assertThat(first.getJsonArray("opt_outs").getJsonObject(0).getString("number")).isEqualTo("447700900201");
        assertThat(first.getJsonArray("opt_outs").getJsonObject(0).getValue("from")).isNull();
        assertThat(first.getJsonArray("opt_outs").getJsonObject(0).getString("source")).isEqualTo("import");
        JsonObject second = new JsonObject(request("GET", "/v1/opt-outs?limit=1&cursor="
                + first.getString("next_cursor"), token, "", "").body());
        assertThat(second.getJsonArray("opt_outs").getJsonObject(0).getString("number")).isEqualTo("447700900202");
        assertThat(second.getJsonArray("opt_outs").getJsonObject(0).getString("from")).isEqualTo(NUMBER);
        assertThat(second.containsKey("next_cursor")).isFalse();

        assertThat(request("DELETE", "/v1/opt-outs/447700900201", token, "", "").statusCode()).isEqualTo(204);
        assertThat(send(token, "+447700900201", "+" + NUMBER, "x").statusCode()).isEqualTo(202);
        assertThat(request("DELETE", "/v1/opt-outs/447700900201", token, "", "").statusCode()).isEqualTo(404);
        // The number in the path may carry its '+', encoded (%2B) or as is.
        assertThat(request("DELETE", "/v1/opt-outs/%2B447700900202", token, "", "").statusCode()).isEqualTo(204);
        assertThat(request("DELETE", "/v1/opt-outs/+447700900202", token, "", "").statusCode()).isEqualTo(404);
        // Another account sees none of acme's list.
        String other = gateway.apiKeys().orElseThrow().create("other", "compliance-other").token();
        assertThat(new JsonObject(request("GET", "/v1/opt-outs", other, "", "").body()).getJsonArray("opt_outs"))
                .isEmpty();
    }

    @Test
    void aHeldMessageWhoseRecipientOptedOutBeforeItWasDueEndsRejectedWithItsReceiptAndCallback() throws Exception {
        String token = gateway.apiKeys().orElseThrow().create("acme", "compliance-held").token();
        CloudhopperEsme.Inbox inbox = new CloudhopperEsme.Inbox();
        SmppSession session = bind(inbox);
        String held = "447700900401";
        String other = "447700900402";
        // Both held for a few seconds: over HTTP with send_at and a status callback, over SMPP with a relative
        // schedule_delivery_time (SMPP 3.4 §7.1.1) and a receipt asked for; a third to a recipient who stays in.
        HttpResponse<String> sent = request("POST", "/v1/messages", token, "application/json",
                "{\"to\":\"+" + held + "\",\"from\":\"+" + NUMBER + "\",\"text\":\"later\",\"send_at\":\""
                        + Instant.now().plusSeconds(8) + "\",\"status_callback\":\"https://example.com/status\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        MessageId httpId = MessageId.parse(new JsonObject(sent.body()).getString("id")).orElseThrow();
        SubmitSm scheduled = CloudhopperEsme.submit(held, "later".getBytes(StandardCharsets.US_ASCII), 0);
        scheduled.setScheduleDeliveryTime("000000000008000R");
        SubmitSmResp smppResp = session.submit(scheduled, 10_000);
        assertThat(smppResp.getCommandStatus()).isZero();
        MessageId smppId = MessageId.parse(smppResp.getMessageId()).orElseThrow();
        SubmitSm stays = CloudhopperEsme.submit(other, "later".getBytes(StandardCharsets.US_ASCII), 0);
        stays.setScheduleDeliveryTime("000000000008000R");
        MessageId otherId = MessageId.parse(session.submit(stays, 10_000).getMessageId()).orElseThrow();

        // The recipient opts out (here by import) while both wait.
        assertThat(request("POST", "/v1/opt-outs/import", token, "text/csv", held + "\n").statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> state(httpId).equals("REJECTED")
                && state(smppId).equals("REJECTED") && state(otherId).equals("DELIVERED"));
        for (MessageId id : List.of(httpId, smppId)) {
            // Never offered to a carrier; the reason is in its timeline.
            assertThat(count("SELECT count(*) FROM message WHERE message_id = " + id.value()
                    + " AND carrier_message_id IS NULL AND attempts = 0")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM message_event WHERE message_id = " + id.value()
                    + " AND state = 'REJECTED' AND receipt_stat = 'REJECTD' AND error_code = '065'"
                    + " AND detail LIKE '%opted out%before the held message was due'")).isEqualTo(1);
        }
        JsonObject record = new JsonObject(request("GET", "/v1/messages/" + httpId, token, "", "").body());
        assertThat(record.getString("status")).isEqualTo("rejected");
        assertThat(record.getJsonArray("events").getJsonObject(1).getString("detail")).contains("opted out");
        // The HTTP client's status callback is queued like any final state's; the SMPP client gets its receipt.
        assertThat(count("SELECT count(*) FROM webhook_event WHERE event_type = 'message.status'"
                + " AND data->>'message_id' = '" + httpId.value() + "' AND data->>'status' = 'REJECTED'"))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox.receipts().stream()
                .anyMatch(r -> CloudhopperEsme.receiptedId(r).equals(smppResp.getMessageId())
                        && new String(r.getShortMessage(), StandardCharsets.ISO_8859_1).contains("stat:REJECTD")));
        session.unbind(5000);
    }

    @Test
    void aBadImportIsRefusedWholeNamingItsLine() throws Exception {
        String token = gateway.apiKeys().orElseThrow().create("acme", "compliance-bad").token();
        HttpResponse<String> bad = request("POST", "/v1/opt-outs/import", token, "text/csv",
                "447700900301\nnot-a-number\n");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("line 2: number: 'not-a-number'");
        HttpResponse<String> json = request("POST", "/v1/opt-outs/import", token, "application/json", "{}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(count("SELECT count(*) FROM opt_out")).isZero();
    }

    private HttpResponse<String> request(String method, String path, String token, String contentType, String body)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + gateway.apiAddress().orElseThrow().getPort() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The carrier sends {@code text} from the recipient to {@link #NUMBER}, a few times a second until stopped. */
    private void mo(String text) {
        carrier.update(b -> withMo(b, new MoTraffic(5.0, RECIPIENT, NUMBER, text, MoTraffic.Encoding.GSM7, 0.0, 2,
                false)));
    }

    private static CarrierBehaviour withMo(CarrierBehaviour b, MoTraffic mo) {
        return new CarrierBehaviour(b.responseLatency(), b.messageId(), b.throttle(), b.windowLimit(),
                b.congestionState(), b.errors(), b.receipts(), mo, b.faults());
    }

    /** An auto-reply asks no receipt (registered_delivery 0): the carrier's message id shows it took it. */
    private void awaitDelivered(String from, String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM message_current WHERE system_id ="
                + " 'acme' AND source_addr = '" + from + "' AND dest_addr = '" + RECIPIENT + "'"
                + " AND carrier_message_id IS NOT NULL"
                + " AND parts[1] = '\\x" + gsm7Hex(text) + "'::bytea") > 0);
    }

    private static String gsm7Hex(String text) {
        return java.util.HexFormat.of().formatHex(io.smsgate.protocol.text.Gsm7.DEFAULT.encode(text).toByteArray());
    }

    private HttpResponse<String> send(String token, String from, String text) throws Exception {
        return send(token, "+" + RECIPIENT, from, text);
    }

    private HttpResponse<String> send(String token, String to, String from, String text) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + gateway.apiAddress().orElseThrow().getPort() + "/v1/messages");
        String body = "{\"to\":\"" + to + "\",\"from\":\"" + from + "\",\"text\":\"" + text + "\"}";
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private SmppSession bind() throws Exception {
        return bind(new DefaultSmppSessionHandler());
    }

    private SmppSession bind(DefaultSmppSessionHandler handler) throws Exception {
        executor = Executors.newCachedThreadPool();
        smpp = new DefaultSmppClient(executor, 1);
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, "acme", "secret1");
        config.setName("compliance-it");
        config.setHost("127.0.0.1");
        config.setPort(gateway.smppAddress().orElseThrow().getPort());
        config.setConnectTimeout(5000);
        config.setBindTimeout(10_000);
        config.setRequestExpiryTimeout(10_000);
        config.setInterfaceVersion(SmppConstants.VERSION_3_4);
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        return smpp.bind(config, handler);
    }

    private static int submit(SmppSession session, String from) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setSourceAddress(new Address((byte) 1, (byte) 1, from));
        submit.setDestAddress(new Address((byte) 1, (byte) 1, RECIPIENT));
        submit.setShortMessage("over smpp".getBytes(StandardCharsets.US_ASCII));
        return session.submit(submit, 10_000).getCommandStatus();
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = server.context().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String state(MessageId id) throws Exception {
        try (Connection connection = server.context().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT state FROM message_current WHERE message_id = ?")) {
            statement.setLong(1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = server.context().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
