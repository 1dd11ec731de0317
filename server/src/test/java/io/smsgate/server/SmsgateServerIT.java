package io.smsgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.server.config.ConfigLoader;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.http.HealthCheck;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole lifecycle on an embedded PostgreSQL in a temporary data path (reused by each test: one at a time). */
class SmsgateServerIT {

    @TempDir
    static Path dataPath;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private static SmsgateConfig config() {
        // Non-durable embedded database to keep the test fast; the admin listener on loopback, port 0.
        return ConfigLoader.parse("", "test", SmsgateConfig.class, Map.of(
                "SMSGATE__NODE__DATA_PATH", dataPath.toString(),
                "SMSGATE__NODE__SHUTDOWN_TIMEOUT", "20s",
                "SMSGATE__STORE__EMBEDDED__DURABLE", "false",
                "SMSGATE__ADMIN__BIND_ADDRESS", "127.0.0.1",
                "SMSGATE__ADMIN__PORT", "0"));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private final class Recording implements Component {
        private final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(ServerContext context) {
            assertThat(context.journal().queueDepth()).isZero();
            context.health().register(name, () -> HealthCheck.Result.UP);
            events.add(name + " start");
        }

        @Override
        public void listen() {
            events.add(name + " listen");
        }

        @Override
        public void stopAccepting() {
            events.add(name + " stop-accepting");
        }

        @Override
        public void stop(Duration timeout) {
            assertThat(timeout).isPositive();
            events.add(name + " stop");
        }
    }

    @Test
    void startsReadyServesMetricsAndStopsInReverse() throws Exception {
        SmsgateServer server = SmsgateServer.start(config(), List.of(new Recording("a"), new Recording("b")));
        int port = server.adminPort();
        try {
            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"database\"", "\"journal\"", "\"a\"", "\"b\"");

            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("smsgate_journal_commits_seconds_count", "smsgate_journal_queue_depth",
                    "jvm_memory_used_bytes", "smsgate_smpp_sessions");
        } finally {
            server.close();
        }
        assertThat(events).containsExactly("a start", "b start", "a listen", "b listen",
                "b stop-accepting", "a stop-accepting", "b stop", "a stop");
        assertThat(server.health().accepting()).isFalse();
        assertThatThrownBy(() -> get(port, "/health/live")).isInstanceOf(ConnectException.class);
        server.close(); // idempotent
    }

    @Test
    void aComponentThatFailsToStartStopsWhatStartedAndNamesItself() {
        Component broken = new Component() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void start(ServerContext context) {
                throw new IllegalStateException("port 2775 in use");
            }

            @Override
            public void stop(Duration timeout) {
                events.add("broken stop");
            }
        };
        assertThatThrownBy(() -> SmsgateServer.start(config(), List.of(new Recording("a"), broken)))
                .hasMessage("component broken: start failed (port 2775 in use)");
        assertThat(events).containsExactly("a start", "a stop");
    }
}
