package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.webhook.WebhookConfig;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.MoTraffic;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
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
