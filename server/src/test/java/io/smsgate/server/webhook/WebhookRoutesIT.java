package io.smsgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookRoutesIT {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebhookFixture fixture;
    private WebhookDispatcher dispatcher;
    private HttpServer server;

    @BeforeEach
    void open(TestInfo test) throws Exception {
        fixture = new WebhookFixture("routes_" + test.getTestMethod().orElseThrow().getName());
        dispatcher = fixture.start(WebhookConfig.DEFAULTS);
        Router router = Router.router(fixture.vertx);
        // Stands in for the API server's key check.
        WebhookRoutes.mount(router, dispatcher, ctx -> Optional.ofNullable(ctx.request().getHeader("x-test-account")),
                Clock.systemUTC());
        server = fixture.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        fixture.close();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean authenticated)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + path)).method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10));
        if (authenticated) {
            request.header("x-test-account", WebhookFixture.ACCOUNT);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long deadLetter() throws Exception {
        long id = dispatcher.store().enqueue(WebhookFixture.ACCOUNT, "message.status", "msg:1",
                "http://127.0.0.1:1/", "{}", Instant.now());
        fixture.execute("UPDATE webhook_event SET state = 'DEAD', settled_at = now(), last_status = 410 "
                + "WHERE event_id = " + id);
        return id;
    }

    @Test
    void listsDeadLettersAndReplaysOne() throws Exception {
        long id = deadLetter();

        HttpResponse<String> list = send("GET", "/v1/webhooks/dead-letters", "", true);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonObject letter = new JsonObject(list.body()).getJsonArray("data").getJsonObject(0);
        assertThat(letter.getString("event_id")).isEqualTo("evt_" + id);
        assertThat(letter.getInteger("last_status")).isEqualTo(410);

        HttpResponse<String> replay = send("POST", "/v1/webhooks/dead-letters/evt_" + id + "/replay", "", true);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(replay.body()).getInteger("replayed")).isEqualTo(1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !fixture.text(
                "SELECT state FROM webhook_event WHERE event_id = " + id).equals("DEAD"));

        HttpResponse<String> again = send("POST", "/v1/webhooks/dead-letters/evt_" + id + "/replay", "", true);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("content-type")).contains("application/problem+json");
    }

    @Test
    void rotatesTheSecretAndShowsItOnce() throws Exception {
        HttpResponse<String> rotated = send("POST", "/v1/webhooks/secret/rotate", "", true);

        assertThat(rotated.statusCode()).isEqualTo(201);
        assertThat(new JsonObject(rotated.body()).getString("secret")).startsWith("whsec_");
        assertThat(rotated.headers().firstValue("cache-control")).contains("no-store");
        assertThat(fixture.text("SELECT count(*) FROM webhook_secret WHERE system_id = 'acme'")).isEqualTo("1");
    }

    @Test
    void setsTheMoAndFailoverUrls() throws Exception {
        HttpResponse<String> put = send("PUT", "/v1/webhooks/settings",
                "{\"mo_url\": \"https://hooks.example.com/mo\", \"failover_url\": null}", true);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(fixture.text("SELECT mo_url || '|' || coalesce(failover_url, '-') FROM webhook_account"))
                .isEqualTo("https://hooks.example.com/mo|-");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no api key              | GET  | /v1/webhooks/dead-letters                   |                                | false | 401 | unauthenticated
        limit out of range      | GET  | /v1/webhooks/dead-letters?limit=100000      |                                | true  | 400 | invalid_parameter
        limit not a number      | GET  | /v1/webhooks/dead-letters?limit=x           |                                | true  | 400 | invalid_parameter
        event id not ours       | POST | /v1/webhooks/dead-letters/123/replay        |                                | true  | 400 | invalid_event_id
        event id overflowing    | POST | /v1/webhooks/dead-letters/evt_99999999999999999999/replay | | true | 400 | invalid_event_id
        unknown dead letter     | POST | /v1/webhooks/dead-letters/evt_77/replay     |                                | true  | 404 | dead_letter_not_found
        settings not json       | PUT  | /v1/webhooks/settings                       | {oops                          | true  | 400 | malformed_json
        settings unknown field  | PUT  | /v1/webhooks/settings                       | {"x": 1}                       | true  | 400 | unknown_field
        settings url not http   | PUT  | /v1/webhooks/settings                       | {"mo_url": "ftp://a/b"}        | true  | 400 | invalid_url
        settings url wrong type | PUT  | /v1/webhooks/settings                       | {"failover_url": 7}            | true  | 400 | invalid_url
        """)
    void answersBadRequestsWithProblemDetails(String caseName, String method, String path, String body,
                                             boolean authenticated, int status, String code) throws Exception {
        HttpResponse<String> response = send(method, path, body == null ? "" : body, authenticated);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
    }
}
