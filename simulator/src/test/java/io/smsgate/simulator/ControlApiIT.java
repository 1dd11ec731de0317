package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.CarrierControl;
import io.smsgate.simulator.config.ConfigNode;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control HTTP API: list carriers, counters as JSON, behaviour as JSON both ways (GET, PUT, PATCH), bad bodies refused. */
@Timeout(30)
class ControlApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SmscSimulator simulator;
    private ControlApi api;
    private String base;

    @BeforeEach
    void start() {
        SimulatedCarrier carrier = new SimulatedCarrier("carrier-a", "127.0.0.1", 0,
                List.of(new Account("esme", "secret")), 1, CarrierBehaviour.DEFAULTS);
        simulator = SmscSimulator.start(new SmscConfig(List.of(carrier), "127.0.0.1", 0, CountersConfig.DEFAULTS),
                1, Clock.systemUTC());
        api = ControlApi.start("127.0.0.1", 0, simulator);
        base = "http://127.0.0.1:" + api.address().getPort();
    }

    @AfterEach
    void stop() {
        api.close();
        simulator.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsCarriersWithTheirPorts() throws Exception {
        HttpResponse<String> response = send("GET", "/carriers", "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\" : \"carrier-a\"",
                "\"port\" : " + simulator.carriers().get(0).address().getPort());
    }

    @Test
    void servesCountersAsJson() throws Exception {
        simulator.carriers().get(0).counters().bindAccepted();
        HttpResponse<String> response = send("GET", "/carriers/carrier-a/counters", "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"binds-accepted\" : 1", "\"messages-received\" : 0");
    }

    @Test
    void patchesBehaviourAtRuntime() throws Exception {
        HttpResponse<String> response = send("PATCH", "/carriers/carrier-a/behaviour",
                "{\"faults\": {\"silent\": true}, \"throttle\": {\"tps-per-bind\": 5}}");
        assertThat(response.statusCode()).isEqualTo(200);
        CarrierBehaviour current = simulator.carriers().get(0).control().current();
        assertThat(current.faults().silent()).isTrue();
        assertThat(current.throttle().tpsPerBind()).isEqualTo(5);
    }

    @Test
    void servesTheBehaviourAsAJsonDocumentThatPutsBackUnchanged() throws Exception {
        CarrierControl control = simulator.carriers().get(0).control();
        CarrierBehaviour changed = control.patch(ConfigNode.parse("""
                response-latency: {distribution: uniform, min: 2ms, max: 8ms}
                errors: [{fraction: 0.25, destination-prefixes: ["4478"], status: ESME_RINVDSTADR}]
                receipts: {delay: {distribution: log-normal, median: 2s, p99: 30s}, status-mix: {delivrd: 9, undeliv: 1}}
                faults: {refuse-binds: ESME_RBINDFAIL, slow-down: 2.5}
                """, "behaviour"));
        HttpResponse<String> response = send("GET", "/carriers/carrier-a/behaviour", "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.at("/response-latency/distribution").asText()).isEqualTo("uniform");
        assertThat(document.at("/response-latency/max").asText()).isEqualTo("8ms");
        assertThat(document.at("/errors/0/status").asText()).isEqualTo("0x0000000b");
        assertThat(document.at("/errors/0/destination-prefixes/0").asText()).isEqualTo("4478");
        assertThat(document.at("/receipts/status-mix/undeliv").asInt()).isEqualTo(1);
        assertThat(document.at("/faults/refuse-binds").asText()).isEqualTo("0x0000000d");
        assertThat(document.at("/faults/slow-down").asDouble()).isEqualTo(2.5);

        control.set(CarrierBehaviour.DEFAULTS);
        HttpResponse<String> put = send("PUT", "/carriers/carrier-a/behaviour", response.body());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(control.current()).isEqualTo(changed);
        assertThat(JSON.readTree(put.body())).isEqualTo(document);
    }

    @Test
    void putReplacesTheWholeBehaviourWherePatchMerges() throws Exception {
        assertThat(send("PATCH", "/carriers/carrier-a/behaviour", "{\"faults\": {\"silent\": true}}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> put = send("PUT", "/carriers/carrier-a/behaviour", "{\"throttle\": {\"tps-per-bind\": 5}}");
        assertThat(put.statusCode()).isEqualTo(200);
        CarrierBehaviour current = simulator.carriers().get(0).control().current();
        assertThat(current.faults().silent()).isFalse();
        assertThat(current.throttle().tpsPerBind()).isEqualTo(5);
        assertThat(JSON.readTree(put.body()).at("/faults/silent").asBoolean()).isFalse();
    }

    @Test
    void refusesABodyThatIsNotAnObject() throws Exception {
        HttpResponse<String> response = send("PUT", "/carriers/carrier-a/behaviour", "[1, 2]");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("behaviour: [1,2] (expected: a JSON object of behaviour keys)");
        assertThat(simulator.carriers().get(0).control().current()).isSameAs(CarrierBehaviour.DEFAULTS);
    }

    @Test
    void refusesABadPatchNamingTheKeyAndChangesNothing() throws Exception {
        HttpResponse<String> response = send("PATCH", "/carriers/carrier-a/behaviour", "faults: {slow-down: 0.1}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("behaviour.faults: faults.slow-down: 0.1");
        assertThat(simulator.carriers().get(0).control().current()).isSameAs(CarrierBehaviour.DEFAULTS);
    }

    @Test
    void answersNotFoundForAnUnknownCarrier() throws Exception {
        assertThat(send("GET", "/carriers/nope/counters", "").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/carriers/carrier-a/counters", "").statusCode()).isEqualTo(405);
    }
}
