package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API's requests on the admin /metrics: a timer by contract operation and status. */
class ApiMetricsIT {

    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.start("api_metrics_it", ApiConfig.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void adminMetricsCountRequestsByOperationAndStatus() throws Exception {
        String key = api.key("acme", "metrics");
        assertThat(api.send(key, "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \"metered\"}")
                .statusCode()).isEqualTo(202);
        assertThat(api.send(key, "{\"to\": 7}").statusCode()).isEqualTo(400);
        assertThat(api.send("sk_nobody.nothing", "{}").statusCode()).isEqualTo(401);
        assertThat(api.get("/v1/nowhere", key).statusCode()).isEqualTo(404);

        // The end handler records after the last byte went out: the client can be a moment ahead.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics())
                .contains("smsgate_api_requests_seconds_count{operation=\"sendMessage\",status=\"202\"} 1")
                .contains("smsgate_api_requests_seconds_count{operation=\"sendMessage\",status=\"400\"} 1")
                .contains("smsgate_api_requests_seconds_count{operation=\"none\",status=\"401\"} 1")
                .contains("smsgate_api_requests_seconds_count{operation=\"none\",status=\"404\"} 1")
                .contains("smsgate_api_requests_seconds_bucket{operation=\"sendMessage\",status=\"202\","));
    }

    private static String metrics() throws Exception {
        return api.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.adminPort()
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
