package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.simulator.behaviour.CarrierBehaviour;
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

/** The control HTTP API: list carriers, read counters, patch behaviour at runtime, refuse bad patches. */
@Timeout(30)
class ControlApiIT {
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
