package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smsgate.server.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP send API against the running server (JDK HttpClient, real sockets, embedded PostgreSQL, a simulated
 * carrier): send, the carrier gets it, the timeline shows the receipt; idempotent retries; records; numbers; keys.
 */
class SendApiIT {

    static final int PER_KEY_RATE = 50;
    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.start("send_api_it", ApiConfig.DEFAULTS.withRates(PER_KEY_RATE, 100_000));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void sentMessageIsAcceptedAfterCommitReachesTheCarrierAndItsTimelineShowsTheReceipt() throws Exception {
        String key = api.key("acme", "timeline");
        long before = api.simulator.carrier("sim").orElseThrow().counters().snapshot().messagesReceived();

        HttpResponse<String> sent = api.send(key, """
                {"to": "+447700900123", "from": "ACME", "text": "Your code is 1234",
                 "client_reference": "order-77", "status_callback": "https://example.com/status"}""");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonObject accepted = new JsonObject(sent.body());
        String id = accepted.getString("id");
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(accepted.getString("encoding")).isEqualTo("gsm7");
        assertThat(accepted.getInteger("segments")).isEqualTo(1);
        assertThat(accepted.getString("status")).isEqualTo("queued");
        assertThat(accepted.getString("to")).isEqualTo("+447700900123");
        // Accepted means stored: the row is there the moment the 202 is.
        assertThat(api.count("SELECT count(*) FROM message WHERE message_id = x'" + id + "'::bigint"
                + " AND status_callback = 'https://example.com/status' AND client_ref = 'order-77'")).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.simulator.carrier("sim").orElseThrow().counters().snapshot().messagesReceived() > before);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                new JsonObject(api.get("/v1/messages/" + id, key).body()).getString("status").equals("delivered"));

        JsonObject message = new JsonObject(api.get("/v1/messages/" + id, key).body());
        assertThat(message.getString("client_reference")).isEqualTo("order-77");
        assertThat(message.getString("carrier")).isEqualTo("sim");
        assertThat(message.getInteger("segments")).isEqualTo(1);
        JsonArray events = message.getJsonArray("events");
        List<String> states = new ArrayList<>();
        events.forEach(e -> states.add(((JsonObject) e).getString("status")));
        assertThat(states).startsWith("queued").contains("submitted").endsWith("delivered");
        JsonObject submitted = events.stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("status").equals("submitted")).findFirst().orElseThrow();
        assertThat(submitted.getString("carrier")).isEqualTo("sim");
        assertThat(submitted.getString("carrier_message_id")).isNotBlank();
        JsonObject receipt = events.getJsonObject(events.size() - 1);
        assertThat(receipt.getString("receipt_stat")).isEqualTo("DELIVRD");
    }

    @Test
    void idempotentRetryReplaysTheFirstAnswerAndStoresOneMessageAndAnotherBodyIs422() throws Exception {
        String key = api.key("acme", "idempotency");
        String body = """
                {"to": "+447700900124", "from": "ACME", "text": "only once"}""";
        String sameInOtherOrder = """
                {"text": "only once", "from": "ACME",   "to": "+447700900124"}""";

        HttpResponse<String> first = api.send(key, body, "Idempotency-Key", "retry-1");
        HttpResponse<String> again = api.send(key, sameInOtherOrder, "Idempotency-Key", "retry-1");
        HttpResponse<String> other = api.send(key, body.replace("only once", "twice"), "Idempotency-Key", "retry-1");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(api.count("SELECT count(*) FROM message WHERE dest_addr = '447700900124'")).isEqualTo(1);
        assertProblem(other, 422, "idempotency_key_reused", "Idempotency-Key");
    }

    @Test
    void aStoreFailureWhileCommittingIs503WithRetryAfterAndARetryWithTheSameKeyIsAccepted() throws Exception {
        String key = api.key("acme", "store-failure");
        String body = """
                {"to": "+447700900911", "from": "ACME", "text": "after the outage"}""";
        // A send first, so that the accept lane holds a connection to lose.
        assertThat(api.send(key, body.replace("after the outage", "before the outage")).statusCode()).isEqualTo(202);
        // The Journal's backends now; the state lane may open a new one at once for receipts still coming in.
        String pids = api.text("SELECT string_agg(pid::text, ',') FROM pg_stat_activity"
                + " WHERE application_name = 'smsgate-journal' AND datname = current_database()");
        api.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN (" + pids + ")");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.count("SELECT count(*) FROM pg_stat_activity WHERE pid IN (" + pids + ")") == 0);

        HttpResponse<String> failed = api.send(key, body, "Idempotency-Key", "outage-1");
        HttpResponse<String> retried = api.send(key, body, "Idempotency-Key", "outage-1");

        assertProblem(failed, 503, "store_unavailable", null);
        assertThat(failed.headers().firstValue("retry-after")).contains("1");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(api.count("SELECT count(*) FROM message WHERE dest_addr = '447700900911'")).isEqualTo(2);
    }

    @Test
    void theSameIdempotencyKeyOfAnotherAccountIsItsOwn() throws Exception {
        String body = """
                {"to": "+447700900125", "from": "ACME", "text": "per account"}""";
        HttpResponse<String> acme = api.send(api.key("acme", "idem-acme"), body, "Idempotency-Key", "shared");
        HttpResponse<String> other = api.send(api.key("other", "idem-other"), body, "Idempotency-Key", "shared");

        assertThat(acme.statusCode()).isEqualTo(202);
        assertThat(other.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(other.body()).getString("id")).isNotEqualTo(new JsonObject(acme.body()).getString("id"));
    }

    @Test
    void unicodeTextIsSentAsUcs2InSeveralSegmentsAndSmartEncodingKeepsQuotesGsm7() throws Exception {
        String key = api.key("acme", "encodings");
        HttpResponse<String> ucs2 = api.send(key, new JsonObject().put("to", "+447700900126").put("from", "ACME")
                .put("text", "Grüße 🚀 ".repeat(12)).encode());
        HttpResponse<String> smart = api.send(key, new JsonObject().put("to", "+447700900126").put("from", "ACME")
                .put("text", "It\u2019s \u201Cdone\u201D").put("smart_encoding", true).encode());

        assertThat(new JsonObject(ucs2.body()).getString("encoding")).isEqualTo("ucs2");
        assertThat(new JsonObject(ucs2.body()).getInteger("segments")).isEqualTo(2);
        JsonObject smartAnswer = new JsonObject(smart.body());
        assertThat(smartAnswer.getString("encoding")).isEqualTo("gsm7");
        assertThat(smartAnswer.getJsonArray("replaced_characters")).hasSize(3);
    }

    @Test
    void mediaIsRefusedUntilMmsLands() throws Exception {
        HttpResponse<String> response = api.send(api.key("acme", "media"), """
                {"to": "+447700900127", "from": "ACME", "text": "look", "media": ["https://example.com/a.jpg"]}""");

        assertProblem(response, 422, "media_unsupported", "media");
    }

    @Test
    void previewShowsEncodingSegmentsAndReplacementsWithoutSending() throws Exception {
        String key = api.key("acme", "preview");
        long stored = api.count("SELECT count(*) FROM message");

        HttpResponse<String> response = api.post("/v1/messages/preview", key, "application/json",
                new JsonObject().put("text", "Price \u2014 \u201Cfree\u201D\u2026").put("smart_encoding", true)
                        .encode());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject preview = new JsonObject(response.body());
        assertThat(preview.getString("encoding")).isEqualTo("gsm7");
        assertThat(preview.getInteger("segments")).isEqualTo(1);
        assertThat(preview.getInteger("units_per_segment")).isEqualTo(160);
        assertThat(preview.getJsonArray("replaced_characters").stream().map(JsonObject.class::cast)
                .map(r -> r.getString("character"))).containsExactlyInAnyOrder("\u2014", "\u201C", "\u201D", "\u2026");
        assertThat(api.count("SELECT count(*) FROM message")).isEqualTo(stored);
    }

    @Test
    void listFiltersByRecipientAndPagesWithACursorAndExportStreamsCsv() throws Exception {
        String key = api.key("acme", "records");
        Instant since = Instant.now().minusSeconds(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> sent = api.send(key, new JsonObject().put("to", "+447700900200").put("from", "12345")
                    .put("text", "page " + i).put("client_reference", i == 0 ? "=cmd" : "ref-" + i).encode());
            ids.add(new JsonObject(sent.body()).getString("id"));
        }

        HttpResponse<String> firstPage = api.get("/v1/messages?to=447700900200&limit=3", key);
        assertThat(firstPage.statusCode()).as(firstPage.body()).isEqualTo(200);
        JsonObject first = new JsonObject(firstPage.body());
        String cursor = first.getString("next_cursor");
        JsonObject second = new JsonObject(api.get("/v1/messages?to=447700900200&limit=3&cursor=" + cursor, key)
                .body());

        List<String> listed = new ArrayList<>();
        first.getJsonArray("messages").forEach(m -> listed.add(((JsonObject) m).getString("id")));
        second.getJsonArray("messages").forEach(m -> listed.add(((JsonObject) m).getString("id")));
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(second.containsKey("next_cursor")).isFalse();
        assertThat(first.getJsonArray("messages").getJsonObject(0).getString("from")).isEqualTo("12345");

        HttpResponse<String> csv = api.get("/v1/messages/export?since=" + since + "&until="
                + Instant.now().plusSeconds(1), key);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(Csv.HEADER.strip());
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(ids.get(0)).contains(",'=cmd,"));
        assertThat(lines.stream().filter(line -> line.contains("+447700900200"))).hasSize(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        digits only                      | 447700900210  | 12345
        plus encoded as %2B              | %2B447700900210 | %2B12345
        plus unencoded (a space in form) | +447700900210 | +12345
        space encoded as %20             | %20447700900210 | %2012345
        """)
    void listFiltersByAnE164NumberWrittenWithOrWithoutItsPlus(String caseName, String to, String from)
            throws Exception {
        String key = api.key("acme", "plus " + caseName);
        String id = new JsonObject(api.send(key, """
                {"to": "+447700900210", "from": "12345", "text": "plus"}""").body()).getString("id");

        HttpResponse<String> byTo = api.get("/v1/messages?to=" + to + "&limit=500", key);
        HttpResponse<String> byFrom = api.get("/v1/messages?from=" + from + "&to=" + to + "&limit=500", key);

        for (HttpResponse<String> response : List.of(byTo, byFrom)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonArray messages = new JsonObject(response.body()).getJsonArray("messages");
            assertThat(messages).isNotEmpty();
            assertThat(messages.stream().map(m -> ((JsonObject) m).getString("id"))).contains(id);
            assertThat(messages.stream().map(m -> ((JsonObject) m).getString("to"))).containsOnly("+447700900210");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        plus in the path as is  | +
        plus encoded as %2B     | %2B
        digits only             | ''
        """)
    void numberPathTakesAnE164NumberWithOrWithoutItsPlus(String caseName, String plus) throws Exception {
        api.execute("INSERT INTO number (number, system_id) VALUES ('447700900902', 'acme') ON CONFLICT DO NOTHING");
        String key = api.key("acme", "number path " + caseName);

        HttpResponse<String> set = api.put("/v1/numbers/" + plus + "447700900902", key,
                "{\"mo_callback_url\": \"https://example.com/mo/" + caseName.length() + "\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(new JsonObject(set.body())).isEqualTo(new JsonObject().put("number", "447700900902")
                .put("mo_callback_url", "https://example.com/mo/" + caseName.length()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        two plus signs        | /v1/numbers/++447700900902      | number
        letters after a plus  | /v1/numbers/+44abc              | number
        plus inside the query | /v1/messages?to=44%2B7700900210 | to
        two leading spaces    | /v1/messages?to=%20+447700900210 | to
        """)
    void aNumberWithAPlusAnywhereButFirstIsRefusedNamingItsParameter(String caseName, String path, String field)
            throws Exception {
        String key = api.key("acme", "bad plus " + caseName);

        HttpResponse<String> response = path.startsWith("/v1/numbers")
                ? api.put(path, key, "{\"mo_callback_url\": null}") : api.get(path, key);

        assertProblem(response, 400, "invalid_field", field);
    }

    @Test
    void anotherAccountsMessageIsNotFound() throws Exception {
        HttpResponse<String> sent = api.send(api.key("acme", "owner"), """
                {"to": "+447700900128", "from": "ACME", "text": "mine"}""");
        String id = new JsonObject(sent.body()).getString("id");

        HttpResponse<String> response = api.get("/v1/messages/" + id, api.key("other", "stranger"));

        assertProblem(response, 404, "not_found", null);
    }

    @Test
    void numbersListTheAccountsNumbersAndPutSetsTheMoCallback() throws Exception {
        api.execute("INSERT INTO number (number, system_id) VALUES ('447700900900', 'acme'), ('447700900901', 'other')"
                + " ON CONFLICT DO NOTHING");
        String key = api.key("acme", "numbers");

        HttpResponse<String> set = api.put("/v1/numbers/447700900900", key,
                "{\"mo_callback_url\": \"https://example.com/mo\"}");
        HttpResponse<String> foreign = api.put("/v1/numbers/447700900901", key,
                "{\"mo_callback_url\": \"https://example.com/mo\"}");
        JsonObject list = new JsonObject(api.get("/v1/numbers", key).body());

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(new JsonObject(set.body()).getString("mo_callback_url")).isEqualTo("https://example.com/mo");
        assertProblem(foreign, 404, "not_found", null);
        assertThat(list.getJsonArray("numbers")).containsExactly(new JsonObject().put("number", "447700900900")
                .put("mo_callback_url", "https://example.com/mo"));
        HttpResponse<String> cleared = api.put("/v1/numbers/447700900900", key, "{\"mo_callback_url\": null}");
        assertThat(new JsonObject(cleared.body()).getValue("mo_callback_url")).isNull();
    }

    @Test
    void contractIsServedWithoutAuthentication() throws Exception {
        HttpResponse<String> response = api.get("/v1/openapi.json", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject contract = new JsonObject(response.body());
        assertThat(contract.getString("openapi")).isEqualTo("3.1.0");
        assertThat(contract.getJsonObject("paths").fieldNames()).contains("/v1/messages", "/v1/messages/{id}",
                "/v1/messages/preview", "/v1/messages/export", "/v1/numbers", "/v1/numbers/{number}");
    }

    @Test
    void revokedKeyIsRefusedAtOnce() throws Exception {
        CreatedKey created = api.keys().create("acme", "to-revoke");
        String body = """
                {"to": "+447700900129", "from": "ACME", "text": "hi"}""";
        assertThat(api.send(created.token(), body).statusCode()).isEqualTo(202);

        api.keys().revoke("acme", created.key().keyId());

        await().atMost(Duration.ofSeconds(15)).until(() -> api.send(created.token(), body).statusCode() == 401);
        assertThat(api.keys().list("acme")).filteredOn(k -> k.keyId().equals(created.key().keyId()))
                .singleElement().satisfies(k -> assertThat(k.revoked()).isTrue());
    }

    @Test
    void overThePerKeyRateRequestsGet429WithRetryAfter() throws Exception {
        String key = api.key("acme", "burst");
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < PER_KEY_RATE * 3; i++) {
            responses.add(api.http.sendAsync(java.net.http.HttpRequest.newBuilder(api.base.resolve("/v1/numbers"))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> done = responses.stream().map(CompletableFuture::join).toList();

        assertThat(done).anySatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        HttpResponse<String> limited = done.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertProblem(limited, 429, "rate_limited", null);
        assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, 2));
    }

    static void assertProblem(HttpResponse<String> response, int status, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("code")).as(response.body()).isEqualTo(code);
        assertThat(problem.getString("type")).isEqualTo("urn:smsgate:problem:" + code);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.getString("field")).as(response.body()).isEqualTo(field);
    }
}
