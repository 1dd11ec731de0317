package io.smsgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import io.smsgate.server.SmsgateServer;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.config.NodeConfig;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * GET /metrics on the admin port after real traffic shows what issue 4 lists: per bind and account throughput,
 * window in use, queue depths and ages (the outbox included), accept, carrier and receipt latency, errors by status;
 * and every bind state change has its log line.
 */
class MetricsIT {

    @TempDir
    Path dataPath;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger smsgateLogger = (Logger) LoggerFactory.getLogger("io.smsgate.server");
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
        smsgateLogger.detachAppender(logs);
    }

    @Test
    void metricsEndpointShowsThroughputWindowsQueuesLatenciesAndErrorsAfterTraffic() throws Exception {
        logs.start();
        smsgateLogger.addAppender(logs);
        ReceiptBehaviour d = ReceiptBehaviour.DEFAULTS;
        CarrierBehaviour c = CarrierBehaviour.DEFAULTS;
        CarrierBehaviour behaviour = new CarrierBehaviour(LatencyModel.ZERO, c.messageId(), c.throttle(),
                c.windowLimit(), c.congestionState(), c.errors(), new ReceiptBehaviour(true,
                new LatencyModel.Fixed(Duration.ofMillis(50)), d.statusMix(), d.enroute(), d.encoding(), d.idFormat(),
                d.dateFormat(), d.onDifferentBind(), d.beforeResponse(), d.duplicate(), d.unknownId()), c.mo(),
                c.faults());
        simulator = SmscSimulator.start(new SmscConfig(List.of(new SimulatedCarrier("sim", "127.0.0.1", 0,
                List.of(new Account("smsgate", "secret")), 1, behaviour)), "127.0.0.1", 0, CountersConfig.DEFAULTS),
                1, Clock.systemUTC());
        int carrierPort = simulator.carrier("sim").orElseThrow().address().getPort();
        CarrierConfig carrier = CarrierConfig.of("sim", "127.0.0.1", carrierPort, "smsgate", "secret")
                .withBinds(List.of(BindConfig.DEFAULTS.withTimers(Duration.ofMillis(1000), Duration.ofMillis(1500),
                        Duration.ofSeconds(3))));
        Gateway gateway = new Gateway(List.of(carrier), Map.of("", List.of("sim")), DispatchConfig.DEFAULTS);
        SmsgateConfig config = SmsgateConfig.DEFAULTS
                .withNode(new NodeConfig(6, dataPath, Duration.ofSeconds(10)))
                .withStore(SmsgateConfig.DEFAULTS.store().withJdbcUrl(
                        SharedTestDatabase.fresh("metrics_it").jdbcUrl().orElseThrow()))
                .withAdmin(SmsgateConfig.DEFAULTS.admin().withAddress("127.0.0.1", 0))
                .withApi(SmsgateConfig.DEFAULTS.api().withAddress("127.0.0.1", 0))
                .withSmpp(SmppSection.DEFAULTS.withAddress("127.0.0.1", 0).withAccounts(List.of(
                        AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8")))));
        server = SmsgateServer.start(config, gateway.components());
        int smppPort = gateway.smppAddress().orElseThrow().getPort();
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 1);

        // A transmitter only: the receipt has no receiver to go to and waits in the outbox.
        SmppSession transmitter = client.bind(configuration(SmppBindType.TRANSMITTER, smppPort), new GatewayIT.Inbox());
        assertThat(transmitter.submit(submit("447700900001"), 10_000).getCommandStatus())
                .isEqualTo(SmppConstants.STATUS_OK);
        assertThat(transmitter.submit(submit("not a number"), 10_000).getCommandStatus())
                .isEqualTo(SmppConstants.STATUS_INVDSTADR);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "smsgate_outbox_pending", "channel=\"smpp\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_account_outbox_depth", "system_id=\"acme\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_account_outbox_age", "system_id=\"acme\"").orElseThrow())
                    .isPositive();
        });

        // A receiver binds: the receipt goes out, and its window gauge exists for the account.
        GatewayIT.Inbox inbox = new GatewayIT.Inbox();
        SmppSession receiver = client.bind(configuration(SmppBindType.RECEIVER, smppPort), inbox);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.receipts().size() == 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = scrape();
            // Bound sessions on both sides.
            assertThat(value(metrics, "smsgate_smpp_sessions", "bind_type=\"tx\"", "side=\"upstream\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_smpp_sessions", "bind_type=\"rx\"", "side=\"upstream\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_smpp_sessions", "bind_type=\"trx\"", "side=\"carrier\"")).hasValue(1);
            // Accept latency, and errors by status, upstream.
            assertThat(value(metrics, "smsgate_smpp_requests_seconds_count", "command=\"submit_sm\"",
                    "side=\"upstream\"", "status=\"ESME_ROK\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_smpp_requests_seconds_count", "command=\"submit_sm\"",
                    "side=\"upstream\"", "status=\"ESME_RINVDSTADR\"")).hasValue(1);
            // Account throughput by outcome, and its receiver window.
            assertThat(value(metrics, "smsgate_account_submits_total", "outcome=\"accepted\"",
                    "system_id=\"acme\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_account_submits_total", "outcome=\"invalid\"",
                    "system_id=\"acme\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_account_window", "system_id=\"acme\"")).hasValue(0);
            // Carrier latency by status (the sessions' view and the carrier's), per bind throughput.
            assertThat(value(metrics, "smsgate_smpp_outbound_requests_seconds_count", "command=\"submit_sm\"",
                    "side=\"carrier\"", "status=\"ESME_ROK\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_carrier_submits_seconds_count", "carrier=\"sim\"",
                    "status=\"ESME_ROK\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_carrier_bind_submits_total", "bind=\"0\"", "carrier=\"sim\""))
                    .hasValue(1);
            // Receipt latency, the carrier's binds, window, rate and queue.
            assertThat(value(metrics, "smsgate_carrier_receipts_seconds_count", "carrier=\"sim\"",
                    "state=\"delivered\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_carrier_binds", "carrier=\"sim\"")).hasValue(1);
            assertThat(value(metrics, "smsgate_carrier_window", "carrier=\"sim\"")).hasValue(0);
            assertThat(value(metrics, "smsgate_carrier_rate", "carrier=\"sim\"").orElseThrow()).isPositive();
            assertThat(value(metrics, "smsgate_carrier_queue_depth", "carrier=\"sim\"")).hasValue(0);
            assertThat(value(metrics, "smsgate_carrier_queue_age", "carrier=\"sim\"")).hasValue(0);
            // The outbox drained.
            assertThat(value(metrics, "smsgate_outbox_pending", "channel=\"smpp\"")).hasValue(0);
            assertThat(value(metrics, "smsgate_account_outbox_depth", "system_id=\"acme\"")).hasValue(0);
            assertThat(value(metrics, "smsgate_journal_commits_seconds_count").orElseThrow()).isPositive();
        });

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith("carrier bind up carrier=sim bind=0"))
                .anyMatch(line -> line.contains("upstream state previous=OPEN current=BOUND_TX"))
                .anyMatch(line -> line.contains("upstream state previous=OPEN current=BOUND_RX"));
        receiver.unbind(5000);
        transmitter.unbind(5000);
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the series of {@code name} (its unit suffix aside) carrying every one of {@code labels}. */
    private static OptionalDouble value(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + "_") || line.startsWith(name + " "))
                .filter(line -> !line.substring(name.length()).startsWith("_count") || name.endsWith("_count"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static SmppSessionConfiguration configuration(SmppBindType type, int port) {
        SmppSessionConfiguration config = new SmppSessionConfiguration(type, "acme", "secret1");
        config.setName("metrics-it-" + type);
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

    private static SubmitSm submit(String destination) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setSourceAddress(new Address((byte) 5, (byte) 0, "ACME"));
        submit.setDestAddress(new Address((byte) 1, (byte) 1, destination));
        submit.setRegisteredDelivery((byte) 1);
        submit.setShortMessage("metered".getBytes(StandardCharsets.US_ASCII));
        return submit;
    }
}
