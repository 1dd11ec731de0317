package io.smsgate.server.api;

import static io.smsgate.server.api.SendApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.server.config.DataSize;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad request gets RFC 9457 problem+json with the right status, a stable code and the field at fault, and
 * nothing is stored; never a 500. Authentication failures are 401 with a Bearer challenge.
 */
class RequestProblemsIT {

    static ApiFixture api;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.start("request_problems_it", ApiConfig.DEFAULTS.withRates(100_000, 100_000)
                .withMaxBodySize(DataSize.ofKibibytes(16)));
        key = api.key("acme", "problems");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        malformed JSON                | application/json | {"to": "+447700900123",                                              | 400 | malformed_json | 
        not JSON at all               | application/json | hello                                                                | 400 | malformed_json | 
        empty body                    | application/json | ``                                                                   | 400 | malformed_json | 
        array instead of object       | application/json | []                                                                   | 400 | invalid_field  | body
        number where a string goes    | application/json | {"to": 447700900123, "from": "ACME", "text": "x"}                    | 400 | invalid_field  | to
        null text                     | application/json | {"to": "+447700900123", "from": "ACME", "text": null}                | 400 | invalid_field  | text
        boolean as string             | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "smart_encoding": "yes"} | 400 | invalid_field | smart_encoding
        unknown member                | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "colour": "red"} | 400 | unknown_field  | colour
        missing text                  | application/json | {"to": "+447700900123", "from": "ACME"}                              | 400 | missing_field  | text
        recipient not a number        | application/json | {"to": "call me", "from": "ACME", "text": "x"}                       | 400 | invalid_field  | to
        sender id too long            | application/json | {"to": "+447700900123", "from": "ACME-SENDER-ID", "text": "x"}       | 400 | invalid_field  | from
        empty text                    | application/json | {"to": "+447700900123", "from": "ACME", "text": ""}                  | 400 | invalid_field  | text
        callback not http             | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "status_callback": "ftp://example.com/x"} | 400 | invalid_field | status_callback
        callback without host         | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "status_callback": "http://"} | 400 | invalid_field | status_callback
        callback with user info       | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "status_callback": "https://u:p@example.com/"} | 400 | invalid_field | status_callback
        send_at not a time            | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "send_at": "tomorrow"} | 400 | invalid_field | send_at
        validity too short            | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "validity_period": 10} | 400 | invalid_field | validity_period
        validity a fraction           | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "validity_period": 61.5} | 400 | invalid_field | validity_period
        validity beyond any number    | application/json | {"to": "+447700900123", "from": "ACME", "text": "x", "validity_period": 1e400} | 400 | invalid_field | validity_period
        text/plain                    | text/plain       | {"to": "+447700900123", "from": "ACME", "text": "x"}                 | 415 | unsupported_media_type | Content-Type
        form encoded                  | application/x-www-form-urlencoded | to=447700900123&from=ACME&text=x                    | 415 | unsupported_media_type | Content-Type
        """)
    void badSendBodiesAreProblemsAndStoreNothing(String caseName, String contentType, String body, int status,
                                                  String code, String field) throws Exception {
        long stored = api.count("SELECT count(*) FROM message");

        HttpResponse<String> response = api.post("/v1/messages", key, contentType, body == null ? "" : body);

        assertProblem(response, status, code, field);
        assertThat(api.count("SELECT count(*) FROM message")).isEqualTo(stored);
    }

    @Test
    void deeplyNestedJsonIsAProblemNotACrash() throws Exception {
        String nested = "{\"to\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        HttpResponse<String> response = api.post("/v1/messages", key, "application/json", nested);

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    }

    @Test
    void bodyOverTheConfiguredCapIs413() throws Exception {
        String text = "x".repeat(20 * 1024);

        HttpResponse<String> response = api.post("/v1/messages", key, "application/json",
                "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \"" + text + "\"}");

        assertProblem(response, 413, "body_too_large", null);
    }

    @Test
    void sendTooFarAheadIsAnInvalidSchedule() throws Exception {
        HttpResponse<String> response = api.send(key, "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \"x\","
                + " \"send_at\": \"" + Instant.now().plus(Duration.ofDays(40)) + "\"}");

        assertProblem(response, 422, "invalid_schedule", "send_at");
    }

    @Test
    void tooLongIdempotencyKeyIsAnInvalidHeader() throws Exception {
        HttpResponse<String> response = api.send(key, "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \"x\"}",
                "Idempotency-Key", "k".repeat(300));

        assertProblem(response, 400, "invalid_field", "Idempotency-Key");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        limit zero                | /v1/messages?limit=0                      | 400 | invalid_field | limit
        limit not a number        | /v1/messages?limit=many                   | 400 | invalid_field | limit
        since not a time          | /v1/messages?since=yesterday              | 400 | invalid_field | since
        since after until         | /v1/messages?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z | 400 | invalid_field | since
        unknown status            | /v1/messages?status=lost                  | 400 | invalid_field | status
        cursor not an id          | /v1/messages?cursor=zz                    | 400 | invalid_field | cursor
        message id not hex        | /v1/messages/not-an-id                    | 400 | invalid_field | id
        message never stored      | /v1/messages/0000000000000001             | 404 | not_found     |
        export without since      | /v1/messages/export?until=2026-01-01T00:00:00Z | 400 | missing_field | since
        no such resource          | /v1/nothing                               | 404 | not_found     |
        """)
    void badQueriesAreProblems(String caseName, String path, int status, String code, String field) throws Exception {
        assertProblem(api.get(path, key), status, code, field);
    }

    @Test
    void unsupportedMethodIs405() throws Exception {
        HttpResponse<String> response = api.http.send(HttpRequest.newBuilder(api.base.resolve("/v1/messages"))
                .header("Authorization", "Bearer " + key).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 405, "method_not_allowed", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no header           | ''
        basic scheme        | Basic YWNtZTpzZWNyZXQ=
        bearer without key  | Bearer
        not our token shape | Bearer abc.def
        unknown key id      | Bearer sk_0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        """)
    void requestsWithoutALiveKeyAre401WithABearerChallenge(String caseName, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base.resolve("/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \"x\"}"));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }

        HttpResponse<String> response = api.http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 401, "unauthorized", "Authorization");
        assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer realm=\"smsgate\"");
    }

    @Test
    void theRightKeyIdWithAWrongSecretIs401() throws Exception {
        String token = api.key("acme", "wrong-secret");
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(api.get("/v1/numbers", token).statusCode()).isEqualTo(200);
        assertProblem(api.get("/v1/numbers", forged), 401, "unauthorized", "Authorization");
    }

    @Test
    void aDisabledAccountsKeyIs401() throws Exception {
        String token = api.key("other", "disabled");
        api.execute("UPDATE account SET enabled = false WHERE system_id = 'other'");

        assertProblem(api.get("/v1/numbers", token), 401, "unauthorized", "Authorization");
    }

    @Test
    void keysAreStoredHashedNeverAsTheToken() {
        CreatedKey created = api.keys().create("acme", "hashed");

        String secret = created.token().substring(created.token().indexOf('.') + 1);
        assertThat(api.count("SELECT count(*) FROM api_key WHERE key_id = '" + created.key().keyId()
                + "' AND length(secret_hash) = 32 AND position('" + secret + "'::bytea in secret_hash) = 0"))
                .isEqualTo(1);
        assertThat(created.toString()).doesNotContain(secret);
    }
}
