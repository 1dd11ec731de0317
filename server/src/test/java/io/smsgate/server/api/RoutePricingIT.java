package io.smsgate.server.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.smsgate.routing.HealthConfig;
import io.smsgate.server.gateway.CloudhopperEsme;
import io.smsgate.server.http.Problem;
import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.webhook.WebhookConfig;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The price the route plan charges, in the 202 answer and the preview, from rate cards in config (carrier "sim":
 * 44 at 0.0123 EUR, 49 at 0.05 EUR); and the router's refusals as problem+json before anything is stored.
 */
class RoutePricingIT {

    static final RoutingConfig ROUTING = routing("0.0123");

    /** The rate cards above with 44 at {@code uk} EUR a segment. */
    static RoutingConfig routing(String uk) {
        return new RoutingConfig("EUR", Map.of(),
            List.of(new RoutingConfig.RateCardConfig("sim", "EUR", "1970-01-01T00:00:00Z", Optional.empty(),
                    Optional.empty(), "UTC", Map.of("44", uk, "49", "0.05"))),
            Map.of("retail", new RoutingConfig.PolicyConfig(RoutingConfig.PolicyType.LEAST_COST, List.of(), Map.of(),
                    Optional.empty(), Optional.empty(), "0", List.of("4479"), Map.of(), Map.of("49", "0.01"), "EUR",
                    Optional.empty())),
            Map.of("acme", "retail"), "", Map.of(), Map.of(), Map.of(), RoutingConfig.FailoverConfig.DEFAULTS,
            HealthConfig.DEFAULTS);
    }

    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.start("route_pricing_it", ApiConfig.DEFAULTS, ROUTING, WebhookConfig.DEFAULTS);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.gateway.dispatcher().orElseThrow().connector("sim")
                .map(connector -> connector.boundBinds() > 0).orElse(false));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void acceptedAnswerCarriesTheRoutePriceOfEverySegment() throws Exception {
        String key = api.key("acme", "price");

        HttpResponse<String> one = api.send(key, """
                {"to": "+447700900123", "from": "ACME", "text": "one segment"}""");
        HttpResponse<String> two = api.send(key, "{\"to\": \"+447700900124\", \"from\": \"ACME\", \"text\": \""
                + "x".repeat(200) + "\"}");

        assertThat(one.statusCode()).as(one.body()).isEqualTo(202);
        assertThat(new JsonObject(one.body()).getJsonObject("price"))
                .isEqualTo(new JsonObject().put("amount", "0.0123").put("currency", "EUR"));
        assertThat(two.statusCode()).as(two.body()).isEqualTo(202);
        assertThat(new JsonObject(two.body()).getInteger("segments")).isEqualTo(2);
        assertThat(new JsonObject(two.body()).getJsonObject("price"))
                .isEqualTo(new JsonObject().put("amount", "0.0246").put("currency", "EUR"));
    }

    @Test
    void previewCarriesTheRoutePriceWhenToIsGiven() throws Exception {
        String key = api.key("acme", "preview");

        HttpResponse<String> priced = api.post("/v1/messages/preview", key, "application/json", """
                {"to": "+447700900123", "from": "ACME", "text": "hello"}""");
        HttpResponse<String> unpriced = api.post("/v1/messages/preview", key, "application/json", """
                {"text": "hello"}""");

        assertThat(priced.statusCode()).as(priced.body()).isEqualTo(200);
        assertThat(new JsonObject(priced.body()).getJsonObject("price"))
                .isEqualTo(new JsonObject().put("amount", "0.0123").put("currency", "EUR"));
        assertThat(unpriced.statusCode()).as(unpriced.body()).isEqualTo(200);
        assertThat(new JsonObject(unpriced.body()).containsKey("price")).isFalse();
    }

    @Test
    void recordsShowThePriceQuotedAtAcceptAfterTheRatesChange() throws Exception {
        String key = api.key("acme", "stored price");
        String before = new JsonObject(api.send(key, """
                {"to": "+447700900131", "from": "ACME", "text": "quoted at the old rate"}""").body()).getString("id");
        HttpResponse<String> after;
        try {
            api.gateway.routing().orElseThrow().reload(routing("0.02"));
            after = api.send(key, """
                    {"to": "+447700900132", "from": "ACME", "text": "quoted at the new rate"}""");
        } finally {
            api.gateway.routing().orElseThrow().reload(ROUTING);
        }
        String afterId = new JsonObject(after.body()).getString("id");
        assertThat(new JsonObject(after.body()).getJsonObject("price"))
                .isEqualTo(new JsonObject().put("amount", "0.02").put("currency", "EUR"));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(key, before).equals("delivered")
                && status(key, afterId).equals("delivered"));

        JsonObject old = new JsonObject(api.get("/v1/messages/" + before, key).body());
        JsonObject current = new JsonObject(api.get("/v1/messages/" + afterId, key).body());
        JsonObject listed = new JsonObject(api.get("/v1/messages?to=447700900131", key).body())
                .getJsonArray("messages").getJsonObject(0);
        String csv = api.get("/v1/messages/export?since=" + Instant.now().minusSeconds(600) + "&until="
                + Instant.now().plusSeconds(60), key).body();

        assertThat(old.getJsonObject("cost"))
                .isEqualTo(new JsonObject().put("amount", "0.0123").put("currency", "EUR"));
        assertThat(current.getJsonObject("cost"))
                .isEqualTo(new JsonObject().put("amount", "0.02").put("currency", "EUR"));
        assertThat(listed.getString("id")).isEqualTo(before);
        assertThat(listed.getJsonObject("cost")).isEqualTo(old.getJsonObject("cost"));
        assertThat(csv.lines()).anySatisfy(line -> assertThat(line).startsWith(before).endsWith(",0.0123,EUR"))
                .anySatisfy(line -> assertThat(line).startsWith(afterId).endsWith(",0.02,EUR"));
    }

    @Test
    void smppSubmissionStoresItsRoutePriceAtAccept() throws Exception {
        String key = api.key("acme", "smpp price");
        SubmitSmResp resp;
        try (CloudhopperEsme esme = new CloudhopperEsme()) {
            SmppSession session = esme.bind(SmppBindType.TRANSCEIVER, "acme", "secret1",
                    api.gateway.smppAddress().orElseThrow().getPort(), new CloudhopperEsme.Inbox());
            resp = session.submit(CloudhopperEsme.submit("447700900133", "x".repeat(200).getBytes(US_ASCII), 0),
                    10_000);
            session.unbind(5_000);
        }

        assertThat(resp.getCommandStatus()).isZero();
        JsonObject record = new JsonObject(api.get("/v1/messages/" + resp.getMessageId(), key).body());
        assertThat(record.getInteger("segments")).isEqualTo(2);
        assertThat(record.getJsonObject("cost")).isEqualTo(new JsonObject().put("amount", "0.0246")
                .put("currency", "EUR"));
    }

    @Test
    void aHeldMessageRefusedAtReleaseCostsNothing() throws Exception {
        String key = api.key("acme", "held price");
        HttpResponse<String> sent = api.send(key, "{\"to\": \"+447700900134\", \"from\": \"ACME\", \"text\": \"later\","
                + " \"send_at\": \"" + Instant.now().plusSeconds(8) + "\"}");
        String id = new JsonObject(sent.body()).getString("id");
        assertThat(new JsonObject(sent.body()).getJsonObject("price"))
                .isEqualTo(new JsonObject().put("amount", "0.0123").put("currency", "EUR"));

        assertThat(api.post("/v1/opt-outs/import", key, "text/csv", "447700900134\n").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(key, id).equals("rejected"));
        assertThat(new JsonObject(api.get("/v1/messages/" + id, key).body()).getJsonObject("cost"))
                .isEqualTo(new JsonObject().put("amount", "0").put("currency", "EUR"));
    }

    private static String status(String key, String id) throws Exception {
        return new JsonObject(api.get("/v1/messages/" + id, key).body()).getString("status");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no carrier rates the destination | acme  | +33612345678  | 422 | no_route        | to
        destination blocked by policy    | acme  | +447912345678 | 403 | blocked         | to
        every route above the sell price | acme  | +4915112345678| 403 | above_price     | to
        account without a policy         | other | +447700900123 | 403 | unknown_account |
        """)
    void routerRefusalIsAProblemAndNothingIsStored(String caseName, String account, String to, int status,
                                                   String code, String field) throws Exception {
        String key = api.key(account, "refused " + code);
        long before = api.count("SELECT count(*) FROM message");

        HttpResponse<String> sent = api.send(key, "{\"to\": \"" + to + "\", \"from\": \"ACME\", \"text\": \"hi\"}");
        HttpResponse<String> preview = api.post("/v1/messages/preview", key, "application/json",
                "{\"to\": \"" + to + "\", \"text\": \"hi\"}");

        for (HttpResponse<String> response : List.of(sent, preview)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertThat(response.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);
            JsonObject problem = new JsonObject(response.body());
            assertThat(problem.getString("code")).isEqualTo(code);
            assertThat(problem.getString("type")).isEqualTo("urn:smsgate:problem:" + code);
            assertThat(problem.getString("field")).isEqualTo(field);
        }
        assertThat(api.count("SELECT count(*) FROM message")).isEqualTo(before);
    }
}
