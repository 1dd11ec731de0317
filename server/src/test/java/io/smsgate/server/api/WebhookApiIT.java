package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.server.http.Problem;
import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.webhook.WebhookConfig;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The webhook endpoints inside the HTTP API: in the one contract at /v1/openapi.json, behind the same API keys,
 * validated against that contract, answering problem+json.
 */
class WebhookApiIT {

    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        api = ApiFixture.start("webhook_api_it", ApiConfig.DEFAULTS, RoutingConfig.DEFAULTS,
                WebhookConfig.DEFAULTS.withMasterKey(Base64.getEncoder().encodeToString(masterKey)));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void contractServesTheWebhookPathsAndSchemas() throws Exception {
        JsonObject contract = new JsonObject(api.get("/v1/openapi.json", "").body());

        assertThat(contract.getJsonObject("paths").fieldNames()).contains("/v1/messages", "/v1/webhooks/settings",
                "/v1/webhooks/dead-letters", "/v1/webhooks/dead-letters/{event_id}/replay",
                "/v1/webhooks/dead-letters/replay", "/v1/webhooks/secret/rotate");
        assertThat(contract.getJsonObject("components").getJsonObject("schemas").fieldNames())
                .contains("SendMessage", "WebhookSettings", "WebhookDeadLetterPage");
    }

    @Test
    void settingsAndRotationWorkWithAnApiKey() throws Exception {
        String key = api.key("acme", "webhooks");

        HttpResponse<String> settings = api.put("/v1/webhooks/settings", key,
                "{\"mo_url\": \"https://example.com/mo\", \"failover_url\": null}");
        HttpResponse<String> rotated = api.post("/v1/webhooks/secret/rotate", key, "", "");
        HttpResponse<String> letters = api.get("/v1/webhooks/dead-letters?limit=10", key);

        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        assertThat(new JsonObject(settings.body()).getString("mo_url")).isEqualTo("https://example.com/mo");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        assertThat(new JsonObject(rotated.body()).getString("secret")).startsWith("whsec_");
        assertThat(rotated.headers().firstValue("cache-control")).contains("no-store");
        assertThat(letters.statusCode()).as(letters.body()).isEqualTo(200);
        assertThat(new JsonObject(letters.body()).getJsonArray("data")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no API key                  | GET  | /v1/webhooks/dead-letters                 |                          | false | 401 | unauthorized
        limit above the contract's  | GET  | /v1/webhooks/dead-letters?limit=501       |                          | true  | 400 | invalid_field
        event id not evt_ digits    | POST | /v1/webhooks/dead-letters/42/replay       |                          | true  | 400 | invalid_field
        unknown dead letter         | POST | /v1/webhooks/dead-letters/evt_42/replay   |                          | true  | 404 | dead_letter_not_found
        unknown settings member     | PUT  | /v1/webhooks/settings                     | {"mo":"https://a.b/c"}   | true  | 400 | unknown_field
        settings url of wrong type  | PUT  | /v1/webhooks/settings                     | {"mo_url": 7}            | true  | 400 | invalid_field
        settings body not JSON      | PUT  | /v1/webhooks/settings                     | {"mo_url":               | true  | 400 | malformed_json
        """)
    void badWebhookRequestsAreProblems(String caseName, String method, String path, String body,
                                       boolean authenticated, int status, String code) throws Exception {
        String key = authenticated ? api.key("acme", caseName) : "";
        HttpResponse<String> response = switch (method) {
            case "GET" -> api.get(path, key);
            case "PUT" -> api.put(path, key, body);
            default -> api.post(path, key, body == null ? "" : "application/json", body == null ? "" : body);
        };

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);
        assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
    }

    @Test
    void webhookEndpointsSayWhenDeliveryIsOff() throws Exception {
        try (ApiFixture off = ApiFixture.start("webhook_api_off_it", ApiConfig.DEFAULTS)) {
            HttpResponse<String> response = off.get("/v1/webhooks/dead-letters", off.key("acme", "off"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(new JsonObject(response.body()).getString("code")).isEqualTo("webhooks_off");
        }
    }
}
