package io.smsgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.pdu.SubmitSm;
import io.smsgate.server.LogCapture;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /metrics on the admin port after real traffic shows what issue 4 lists: per bind and account throughput,
 * window in use, queue depths and ages (the outbox included), accept, carrier and receipt latency, errors by status;
 * and every bind state change has its log line.
 */
class MetricsIT {

    @TempDir
    Path dataPath;

    @RegisterExtension
    final LogCapture logs = LogCapture.of("io.smsgate.server");
    private final CloudhopperEsme esme = new CloudhopperEsme();
    private GatewayFixture gateway;

    @AfterEach
    void stop() throws Exception {
        esme.close();
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void metricsEndpointShowsThroughputWindowsQueuesLatenciesAndErrorsAfterTraffic() throws Exception {
        LinkedHashMap<String, CarrierBehaviour> carriers = new LinkedHashMap<>();
        carriers.put("sim", GatewayFixture.receiptsAfter(Duration.ofMillis(50)));
        gateway = GatewayFixture.start("metrics_it", dataPath, carriers, false,
                List.of(AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8"))), UnaryOperator.identity());
        int smppPort = gateway.smppPort();

        // A transmitter only: the receipt has no receiver to go to and waits in the outbox.
        SmppSession transmitter = esme.bind(SmppBindType.TRANSMITTER, "acme", "secret1", smppPort,
                new CloudhopperEsme.Inbox());
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
        CloudhopperEsme.Inbox inbox = new CloudhopperEsme.Inbox();
        SmppSession receiver = esme.bind(SmppBindType.RECEIVER, "acme", "secret1", smppPort, inbox);
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

        assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith("carrier bind up carrier=sim bind=0"))
                .anyMatch(line -> line.contains("upstream state previous=OPEN current=BOUND_TX"))
                .anyMatch(line -> line.contains("upstream state previous=OPEN current=BOUND_RX"));
        receiver.unbind(5000);
        transmitter.unbind(5000);
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.server().adminPort() + "/metrics")).build(),
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

    private static SubmitSm submit(String destination) throws Exception {
        return CloudhopperEsme.submit(destination, "metered".getBytes(StandardCharsets.US_ASCII), 0);
    }
}
