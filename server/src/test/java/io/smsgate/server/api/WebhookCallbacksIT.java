package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.webhook.WebhookConfig;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.MoTraffic;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end through the running server: POST /v1/messages with a status_callback, the simulated
 * carrier's receipt, signed status callbacks in order to a local receiver (the fetch allowlist admits
 * 127.0.0.1); a receiver that fails and recovers; and a carrier MO to a number with an MO callback URL.
 */
class WebhookCallbacksIT {

    static final WebhookConfig FAST_RETRIES = WebhookConfig.DEFAULTS
            .withRetries(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofHours(26))
            .withBreaker(1000, Duration.ofSeconds(30));
    static ApiFixture api;
    static String key;
    static String secret;

    @BeforeAll
    static void start() throws Exception {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        api = ApiFixture.start("webhook_callbacks_it", ApiConfig.DEFAULTS, RoutingConfig.DEFAULTS,
                FAST_RETRIES.withMasterKey(Base64.getEncoder().encodeToString(masterKey)));
        key = api.key("acme", "callbacks");
        HttpResponse<String> rotated = api.post("/v1/webhooks/secret/rotate", key, "", "");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        secret = new JsonObject(rotated.body()).getString("secret");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static String send(String callback, String text) throws Exception {
        HttpResponse<String> sent = api.send(key, "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \""
                + text + "\", \"status_callback\": \"" + callback + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return new JsonObject(sent.body()).getString("id");
    }

    private static List<String> statuses(List<CallbackReceiver.Received> requests) {
        return requests.stream().map(r -> new JsonObject(r.body()).getJsonObject("data").getString("status")).toList();
    }

    @Test
    void receiptBecomesSignedStatusCallbacksInOrder() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(n -> 204)) {
            String id = send(receiver.url("/status"), "callbacks in order");

            await().atMost(Duration.ofSeconds(30)).until(() -> statuses(receiver.accepted()).contains("DELIVERED"));

            List<CallbackReceiver.Received> callbacks = receiver.accepted();
            assertThat(statuses(callbacks)).containsExactly("SUBMITTED", "DELIVERED");
            for (CallbackReceiver.Received callback : callbacks) {
                assertThat(callback.signedWith(secret)).as(callback.body()).isTrue();
                JsonObject body = new JsonObject(callback.body());
                assertThat(body.getString("type")).isEqualTo("message.status");
                assertThat(body.getJsonObject("data").getString("message_id")).isEqualTo(id);
            }
            assertThat(callbacks.get(1).signedWith("whsec_" + Base64.getEncoder().encodeToString(new byte[32])))
                    .isFalse();
            assertThat(new JsonObject(callbacks.get(1).body()).getJsonObject("data").getString("receipt_stat"))
                    .isEqualTo("DELIVRD");
            assertThat(eventNumbers(callbacks)).isSorted();
        }
    }

    @Test
    void receiverThatFailsThenRecoversGetsEveryEventOncePerIdInOrder() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(n -> n <= 3 ? 500 : 200)) {
            String first = send(receiver.url("/flaky"), "flaky one");
            String second = send(receiver.url("/flaky"), "flaky two");

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 4);

            List<CallbackReceiver.Received> accepted = receiver.accepted();
            assertThat(accepted).extracting(CallbackReceiver.Received::id).doesNotHaveDuplicates();
            assertThat(receiver.requests).extracting(CallbackReceiver.Received::answered).contains(500);
            for (String id : List.of(first, second)) {
                List<CallbackReceiver.Received> ofMessage = accepted.stream().filter(r -> new JsonObject(r.body())
                        .getJsonObject("data").getString("message_id").equals(id)).toList();
                assertThat(statuses(ofMessage)).containsExactly("SUBMITTED", "DELIVERED");
                assertThat(eventNumbers(ofMessage)).isSorted();
                // In order also while failing: no event of a message is sent before the one ahead was accepted.
                List<String> sent = receiver.requests.stream().filter(r -> new JsonObject(r.body())
                        .getJsonObject("data").getString("message_id").equals(id))
                        .map(CallbackReceiver.Received::id).distinct().toList();
                assertThat(sent).containsExactlyElementsOf(ofMessage.stream().map(CallbackReceiver.Received::id)
                        .toList());
            }
        }
    }

    @Test
    void messageDetailShowsItsCallbacksWithAttemptsAndLastStatusOnlyToItsAccount() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(n -> n == 1 ? 500 : 204)) {
            String id = send(receiver.url("/detail"), "callbacks in the detail");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 2
                    && webhooks(detail(id, key)).stream().allMatch(w -> w.getString("state").equals("delivered")));

            JsonObject message = detail(id, key);
            assertMatchesContract(message);
            List<JsonObject> webhooks = webhooks(message);
            // One per status event, by id, with the ids the receiver was sent: the first failed once (500), then
            // was accepted on its second attempt.
            assertThat(webhooks).extracting(w -> w.getString("id"))
                    .containsExactlyElementsOf(receiver.accepted().stream().map(CallbackReceiver.Received::id)
                            .toList());
            assertThat(webhooks).extracting(w -> w.getString("status")).containsExactly("submitted", "delivered");
            assertThat(webhooks).extracting(w -> w.getInteger("attempts")).containsExactly(2, 1);
            assertThat(webhooks).extracting(w -> w.getInteger("last_status")).containsExactly(204, 204);
            for (JsonObject webhook : webhooks) {
                assertThat(webhook.getString("type")).isEqualTo("message.status");
                assertThat(webhook.getString("url")).isEqualTo(receiver.url("/detail"));
                assertThat(webhook.containsKey("settled_at")).as(webhook.encode()).isTrue();
                assertThat(webhook.containsKey("next_attempt_at")).as(webhook.encode()).isFalse();
                assertThat(webhook.containsKey("last_error")).as(webhook.encode()).isFalse();
            }
            assertThat(receiver.requests).extracting(CallbackReceiver.Received::answered).containsExactly(500, 204,
                    204);
            // Each attempt on record, oldest first: the first callback's 500 then 204, the second's 204.
            List<JsonObject> firstLog = attemptLog(webhooks.get(0));
            assertThat(firstLog).extracting(a -> a.getInteger("attempt")).containsExactly(1, 2);
            assertThat(firstLog).extracting(a -> a.getInteger("http_status")).containsExactly(500, 204);
            assertThat(firstLog).extracting(a -> a.getString("outcome")).containsExactly("retry", "delivered");
            assertThat(firstLog.get(0).getString("error")).isEqualTo("status 500");
            assertThat(firstLog.get(1).containsKey("error")).isFalse();
            assertThat(attemptLog(webhooks.get(1))).extracting(a -> a.getInteger("http_status")).containsExactly(204);
            for (JsonObject attempt : attemptLog(webhooks.get(0))) {
                assertThat(attempt.getString("url")).isEqualTo(receiver.url("/detail"));
                assertThat(attempt.getBoolean("failover")).isFalse();
                assertThat(attempt.getLong("duration_ms")).isNotNegative();
            }
            assertThat(Instant.parse(firstLog.get(0).getString("started_at")))
                    .isBefore(Instant.parse(firstLog.get(1).getString("started_at")));

            // Another account's event under the same message key (never delivered: dead) is not this account's.
            api.execute("INSERT INTO webhook_event (system_id, event_type, order_key, url, data, state, settled_at)"
                    + " VALUES ('other', 'message.status', 'msg:' || x'" + id + "'::bigint,"
                    + " 'http://127.0.0.1:9/other', '{\"status\": \"DELIVERED\"}', 'DEAD', now())");
            assertThat(webhooks(detail(id, key))).hasSize(2);
            HttpResponse<String> asOther = api.get("/v1/messages/" + id, api.key("other", "detail"));
            assertThat(asOther.statusCode()).as(asOther.body()).isEqualTo(404);
            assertThat(asOther.body()).doesNotContain("evt_");
        }
    }

    @Test
    void messageDetailWhileItsCallbackIsFailingShowsTheNextAttemptAndTheLastError() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(n -> 503)) {
            String id = send(receiver.url("/down"), "callback failing");
            await().atMost(Duration.ofSeconds(30)).until(() -> webhooks(detail(id, key)).stream()
                    .anyMatch(w -> w.getInteger("attempts") >= 2));

            JsonObject message = detail(id, key);
            assertMatchesContract(message);
            JsonObject first = webhooks(message).get(0);
            assertThat(first.getString("state")).isEqualTo("pending");
            assertThat(first.getInteger("last_status")).isEqualTo(503);
            assertThat(first.getString("last_error")).isNotBlank();
            assertThat(first.containsKey("next_attempt_at")).as(first.encode()).isTrue();
            assertThat(first.containsKey("settled_at")).as(first.encode()).isFalse();
        }
    }

    @Test
    void messageDetailWithoutCallbackHasNoWebhooks() throws Exception {
        HttpResponse<String> sent = api.send(key, "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": "
                + "\"no callback\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String id = new JsonObject(sent.body()).getString("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> detail(id, key).getString("status").equals("delivered"));

        JsonObject message = detail(id, key);
        assertMatchesContract(message);
        assertThat(message.getJsonArray("webhooks")).isEmpty();
    }

    @Test
    void attemptLogShowsTheFailoverUrlOnTheSecondAttempt() throws Exception {
        // Account "other" (its own secret and failover URL, so that the failover does not reach acme's tests).
        String otherKey = api.key("other", "failover");
        assertThat(api.post("/v1/webhooks/secret/rotate", otherKey, "", "").statusCode()).isEqualTo(201);
        try (CallbackReceiver primary = new CallbackReceiver(n -> 503);
             CallbackReceiver backup = new CallbackReceiver(n -> 204)) {
            HttpResponse<String> settings = api.put("/v1/webhooks/settings", otherKey,
                    "{\"failover_url\": \"" + backup.url("/backup") + "\"}");
            assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
            HttpResponse<String> sent = api.send(otherKey, "{\"to\": \"+447700900123\", \"from\": \"ACME\", "
                    + "\"text\": \"failover\", \"status_callback\": \"" + primary.url("/status") + "\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            String id = new JsonObject(sent.body()).getString("id");

            await().atMost(Duration.ofSeconds(30)).until(() -> webhooks(detail(id, otherKey)).size() == 2
                    && webhooks(detail(id, otherKey)).stream().allMatch(w -> w.getString("state").equals("delivered")));

            JsonObject message = detail(id, otherKey);
            assertMatchesContract(message);
            for (JsonObject webhook : webhooks(message)) {
                List<JsonObject> log = attemptLog(webhook);
                assertThat(log).extracting(a -> a.getString("url")).containsExactly(primary.url("/status"),
                        backup.url("/backup"));
                assertThat(log).extracting(a -> a.getBoolean("failover")).containsExactly(false, true);
                assertThat(log).extracting(a -> a.getInteger("http_status")).containsExactly(503, 204);
                assertThat(log).extracting(a -> a.getString("outcome")).containsExactly("retry", "delivered");
            }
        }
    }

    @Test
    void deadLetterListsItsAttemptsAndKeepsThemWhenReplayed() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(n -> n <= 2 ? 410 : 204)) {
            String id = send(receiver.url("/gone"), "dead then replayed");
            await().atMost(Duration.ofSeconds(30)).until(() -> webhooks(detail(id, key)).stream()
                    .filter(w -> w.getString("state").equals("dead")).count() == 2);

            HttpResponse<String> page = api.get("/v1/webhooks/dead-letters?limit=500", key);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertMatchesContract(new JsonObject(page.body()), "listWebhookDeadLetters");
            List<String> eventIds = webhooks(detail(id, key)).stream().map(w -> w.getString("id")).toList();
            List<JsonObject> letters = new JsonObject(page.body()).getJsonArray("data").stream()
                    .map(JsonObject.class::cast).filter(l -> eventIds.contains(l.getString("event_id"))).toList();
            assertThat(letters).hasSize(2).allSatisfy(letter -> {
                List<JsonObject> log = attemptLog(letter);
                assertThat(log).extracting(a -> a.getInteger("attempt")).containsExactly(1);
                assertThat(log).extracting(a -> a.getInteger("http_status")).containsExactly(410);
                assertThat(log).extracting(a -> a.getString("outcome")).containsExactly("dead");
            });

            HttpResponse<String> replay = api.post("/v1/webhooks/dead-letters/" + eventIds.get(0) + "/replay", key,
                    "", "");
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> webhooks(detail(id, key)).get(0).getString("state")
                    .equals("delivered"));

            JsonObject replayed = webhooks(detail(id, key)).get(0);
            assertThat(replayed.getInteger("attempts")).as("attempts since the replay").isEqualTo(1);
            assertThat(attemptLog(replayed)).extracting(a -> a.getInteger("attempt")).containsExactly(1, 2);
            assertThat(attemptLog(replayed)).extracting(a -> a.getString("outcome")).containsExactly("dead",
                    "delivered");
        }
    }

    private static List<JsonObject> attemptLog(JsonObject webhook) {
        return webhook.getJsonArray("attempt_log").stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject detail(String id, String token) throws Exception {
        HttpResponse<String> response = api.get("/v1/messages/" + id, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<JsonObject> webhooks(JsonObject message) {
        return message.getJsonArray("webhooks").stream().map(JsonObject.class::cast).toList();
    }

    // The answer as the OpenAPI document describes it (the operation's 200), checked by Vert.x OpenAPI's validator.
    private static void assertMatchesContract(JsonObject message) throws Exception {
        assertMatchesContract(message, "getMessage");
    }

    private static void assertMatchesContract(JsonObject answer, String operationId) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract contract = OpenAPIContract.from(vertx, ApiServer.forRequestValidation(ApiServer.contract()))
                    .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            ResponseValidator.create(vertx, contract)
                    .validate(ValidatableResponse.create(200, answer.toBuffer(), "application/json"), operationId)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close();
        }
    }

    @Test
    void carrierMoToANumberWithAnMoCallbackBecomesASignedCallback() throws Exception {
        String number = "4915799912345";
        api.execute("INSERT INTO number (number, system_id) VALUES ('" + number + "', 'acme')");
        try (CallbackReceiver receiver = new CallbackReceiver(n -> 200)) {
            HttpResponse<String> set = api.put("/v1/numbers/" + number, key,
                    "{\"mo_callback_url\": \"" + receiver.url("/mo") + "\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

            moTraffic(new MoTraffic(5, "+4477009#####", number, "hello from a handset", MoTraffic.Encoding.GSM7,
                    0.0, 2, false));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.accepted().isEmpty());
            } finally {
                moTraffic(MoTraffic.NONE);
            }

            CallbackReceiver.Received callback = receiver.accepted().get(0);
            assertThat(callback.path()).isEqualTo("/mo");
            assertThat(callback.signedWith(secret)).isTrue();
            JsonObject body = new JsonObject(callback.body());
            assertThat(body.getString("type")).isEqualTo("message.received");
            assertThat(body.getJsonObject("data").getString("to")).isEqualTo(number);
            assertThat(body.getJsonObject("data").getString("from")).startsWith("4477009");
            assertThat(body.getJsonObject("data").getString("text")).isEqualTo("hello from a handset");
        }
    }

    private static void moTraffic(MoTraffic mo) {
        api.simulator.carrier("sim").orElseThrow().control().update(b -> new CarrierBehaviour(b.responseLatency(),
                b.messageId(), b.throttle(), b.windowLimit(), b.congestionState(), b.errors(), b.receipts(), mo,
                b.faults()));
    }

    private static List<Long> eventNumbers(List<CallbackReceiver.Received> callbacks) {
        return callbacks.stream().map(r -> Long.parseLong(r.id().substring("evt_".length()))).toList();
    }
}
