package io.smsgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.smsgate.server.metrics.MetricsConfig;
import io.smsgate.server.metrics.PrometheusMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminHttpServerIT {

    private static final AdminHttpConfig LOOPBACK = AdminHttpConfig.DEFAULTS.withAddress("127.0.0.1", 0);

    private final Vertx vertx = Vertx.vertx();
    private final PrometheusMetrics metrics = PrometheusMetrics.create(MetricsConfig.DEFAULTS);
    private final HealthChecks checks = new HealthChecks();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AdminHttpServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        metrics.close();
    }

    private AdminHttpServer start() {
        server = AdminHttpServer.start(vertx, LOOPBACK, metrics, checks);
        return server;
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body).timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        start();
        metrics.registry().counter("smsgate.test.events").increment();
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains(PrometheusMetrics.CONTENT_TYPE);
        assertThat(response.body()).contains("# TYPE smsgate_test_events_total counter",
                "smsgate_test_events_total 1.0", "jvm_memory_used_bytes");
    }

    @Test
    void liveIsUpWhileTheProcessServes() throws Exception {
        start();
        HttpResponse<String> response = get("/health/live");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("up");
    }

    @Test
    void readyIs503UntilTheLifecycleSaysAccepting() throws Exception {
        start();
        checks.register("database", () -> HealthCheck.Result.UP);
        HttpResponse<String> before = get("/health/ready");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(before.body()).getJsonArray("failing").getList()).containsExactly("lifecycle");

        checks.accepting(true);
        HttpResponse<String> after = get("/health/ready");
        assertThat(after.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(after.body());
        assertThat(body.getString("status")).isEqualTo("ready");
        assertThat(body.getJsonArray("checks").size()).isEqualTo(2);
    }

    @Test
    void readyNamesEveryFailingCheckWithItsDetail() throws Exception {
        start();
        checks.accepting(true);
        checks.register("database", () -> HealthCheck.Result.down("connection refused"));
        checks.register("journal", () -> {
            throw new IllegalStateException("writer thread died");
        });
        checks.register("smpp.upstream", () -> HealthCheck.Result.UP);

        HttpResponse<String> response = get("/health/ready");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("status")).isEqualTo("not-ready");
        assertThat(body.getJsonArray("failing").getList()).containsExactly("database", "journal");
        assertThat(body.getJsonArray("checks").getJsonObject(1).getMap())
                .containsEntry("name", "database").containsEntry("status", "down")
                .containsEntry("detail", "connection refused");
        assertThat(body.getJsonArray("checks").getJsonObject(2).getString("detail"))
                .isEqualTo("IllegalStateException: writer thread died");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown path          | GET    | /admin         | 404 | Not Found
        unknown nested path   | GET    | /metrics/extra | 404 | Not Found
        POST on metrics       | POST   | /metrics       | 405 | Method Not Allowed
        DELETE on health      | DELETE | /health/ready  | 405 | Method Not Allowed
        """)
    void errorsAreProblemDetails(String caseName, String method, String path, int status, String title)
            throws Exception {
        start();
        HttpResponse<String> response = send(method, path, HttpRequest.BodyPublishers.noBody());
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getMap()).containsEntry("type", "about:blank").containsEntry("title", title)
                .containsEntry("status", status);
        assertThat(problem.getString("detail")).contains(path);
    }

    @Test
    void methodNotAllowedSaysWhatIs() throws Exception {
        start();
        assertThat(send("PUT", "/metrics", HttpRequest.BodyPublishers.noBody()).headers().firstValue("allow"))
                .contains("GET");
    }

    @Test
    void anOversizedRequestIsRefused() throws Exception {
        start();
        byte[] body = new byte[(int) AdminHttpConfig.DEFAULTS.maxRequestSize().bytes() + 1];
        HttpResponse<String> response = send("GET", "/health/live", HttpRequest.BodyPublishers.ofByteArray(body));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);
    }

    @Test
    void aPortInUseFailsStartNamingTheAddress() {
        start();
        AdminHttpConfig taken = AdminHttpConfig.DEFAULTS.withAddress("127.0.0.1", server.port());
        assertThatThrownBy(() -> AdminHttpServer.start(vertx, taken, metrics, checks))
                .hasMessageStartingWith("admin http: cannot listen on 127.0.0.1:" + server.port());
    }

    @Test
    void servesOverTlsFromPemFiles(@TempDir Path directory) throws Exception {
        X509Bundle certificate = new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1")
                .setIsCertificateAuthority(true).buildSelfSigned();
        Path cert = Files.writeString(directory.resolve("admin.crt"), certificate.getCertificatePEM());
        Path key = Files.writeString(directory.resolve("admin.key"), certificate.getPrivateKeyPEM());
        server = AdminHttpServer.start(vertx, LOOPBACK.withTls(new AdminHttpConfig.Tls(cert, key)), metrics, checks);

        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
        HttpClient tlsClient = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = tlsClient.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.port() + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession()).hasValueSatisfying(session ->
                assertThat(List.of("TLSv1.2", "TLSv1.3")).contains(session.getProtocol()));
    }

    @Test
    void healthCheckNamesAreUnique() {
        checks.register("database", () -> HealthCheck.Result.UP);
        assertThatThrownBy(() -> checks.register("database",
                () -> HealthCheck.Result.UP)).isInstanceOf(IllegalArgumentException.class);
    }
}
