package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract stays the one truth: for a table of good and bad POST /v1/messages requests, {@link InlineValidation}
 * (public Vert.x OpenAPI pieces on the event loop, with and without {@link SendMessageCheck}) answers exactly as
 * Vert.x OpenAPI's own {@link RequestValidator} does: the same validated body, or the same exception, type, message
 * and schema output.
 */
class InlineValidationTest {

    private static final String JSON = "application/json";
    private static final String PLAIN = "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \"hi\"";
    private static final String EMOJI = "\uD83D\uDE00";

    private static Vertx vertx;
    private static OpenAPIContract contract;
    private static RequestValidator vertxValidator;
    private static Operation send;

    @BeforeAll
    static void contract() throws Exception {
        vertx = Vertx.vertx();
        contract = OpenAPIContract.from(vertx, ApiServer.forRequestValidation(ApiServer.contract()))
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        vertxValidator = RequestValidator.create(vertx, contract);
        send = contract.operation(SendMessageCheck.OPERATION);
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    static Stream<Arguments> goodBodies() {
        return Stream.of(
                Arguments.of("minimal", PLAIN + "}"),
                Arguments.of("to without +", "{\"to\": \"447700900123\", \"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("to of 6 digits", "{\"to\": \"+123456\", \"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("to of 15 digits", "{\"to\": \"123456789012345\", \"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("short code sender", "{\"to\": \"+447700900123\", \"from\": \"123\", \"text\": \"hi\"}"),
                Arguments.of("number sender", "{\"to\": \"+447700900123\", \"from\": \"+447700900999\", "
                        + "\"text\": \"x\"}"),
                Arguments.of("sender of 11 with space", "{\"to\": \"+447700900123\", \"from\": \"ACME & Co.X\", "
                        + "\"text\": \"hi\"}"),
                Arguments.of("every member without a format", PLAIN + ", \"media\": [], \"validity_period\": 3600, "
                        + "\"client_reference\": \"order-1\", \"smart_encoding\": true}"),
                Arguments.of("validity 60", PLAIN + ", \"validity_period\": 60}"),
                Arguments.of("validity 604800", PLAIN + ", \"validity_period\": 604800}"),
                Arguments.of("1600 emoji (3200 UTF-16 units)", "{\"to\": \"+447700900123\", \"from\": \"ACME\", "
                        + "\"text\": \"" + EMOJI.repeat(1600) + "\"}"),
                Arguments.of("1600 characters", "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \""
                        + "a".repeat(1600) + "\"}"),
                Arguments.of("client reference of 128", PLAIN + ", \"client_reference\": \"" + "r".repeat(128) + "\"}"),
                Arguments.of("media of urls", PLAIN + ", \"media\": [\"https://example.com/a.jpg\", \"\"]}"),
                Arguments.of("members in another order", "{\"text\": \"hi\", \"from\": \"ACME\", "
                        + "\"to\": \"+447700900123\"}"));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("to missing", "{\"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("text missing", "{\"to\": \"+447700900123\", \"from\": \"ACME\"}"),
                Arguments.of("unknown member", PLAIN + ", \"priority\": 1}"),
                Arguments.of("to starting with 0", "{\"to\": \"0447700900123\", \"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("to of 5 digits", "{\"to\": \"12345\", \"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("to of 16 digits", "{\"to\": \"1234567890123456\", \"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("to as a number", "{\"to\": 447700900123, \"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("to null", "{\"to\": null, \"from\": \"ACME\", \"text\": \"hi\"}"),
                Arguments.of("sender of 12", "{\"to\": \"+447700900123\", \"from\": \"ACMEACMEACME\", "
                        + "\"text\": \"hi\"}"),
                Arguments.of("sender with !", "{\"to\": \"+447700900123\", \"from\": \"ACME!\", \"text\": \"hi\"}"),
                Arguments.of("empty text", "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \"\"}"),
                Arguments.of("1601 characters", "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \""
                        + "a".repeat(1601) + "\"}"),
                Arguments.of("1601 emoji", "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": \""
                        + EMOJI.repeat(1601) + "\"}"),
                Arguments.of("text as an array", "{\"to\": \"+447700900123\", \"from\": \"ACME\", \"text\": [\"hi\"]}"),
                Arguments.of("validity 59", PLAIN + ", \"validity_period\": 59}"),
                Arguments.of("validity 604801", PLAIN + ", \"validity_period\": 604801}"),
                Arguments.of("validity as a string", PLAIN + ", \"validity_period\": \"60\"}"),
                Arguments.of("validity with a fraction", PLAIN + ", \"validity_period\": 60.5}"),
                Arguments.of("validity beyond a long", PLAIN + ", \"validity_period\": 99999999999999999999}"),
                Arguments.of("smart_encoding as a string", PLAIN + ", \"smart_encoding\": \"true\"}"),
                Arguments.of("media not an array", PLAIN + ", \"media\": \"https://example.com/a.jpg\"}"),
                Arguments.of("media of numbers", PLAIN + ", \"media\": [1]}"),
                Arguments.of("media url of 2049", PLAIN + ", \"media\": [\"" + "m".repeat(2049) + "\"]}"),
                Arguments.of("empty client reference", PLAIN + ", \"client_reference\": \"\"}"),
                Arguments.of("client reference of 129", PLAIN + ", \"client_reference\": \"" + "r".repeat(129) + "\"}"),
                Arguments.of("status_callback ftp", PLAIN + ", \"status_callback\": \"ftp://example.com/\"}"),
                Arguments.of("status_callback a number", PLAIN + ", \"status_callback\": 1}"),
                Arguments.of("send_at a number", PLAIN + ", \"send_at\": 1}"),
                Arguments.of("an array", "[]"),
                Arguments.of("a string", "\"hello\""),
                Arguments.of("null", "null"),
                Arguments.of("ten members", PLAIN + ", \"media\": [], \"validity_period\": 3600, \"send_at\": "
                        + "\"2026-11-21T10:00:00Z\", \"status_callback\": \"https://example.com/cb\", "
                        + "\"client_reference\": \"order-1\", \"smart_encoding\": true, \"extra\": 1}"));
    }

    // Bodies the hand check leaves to the contract validator, whatever it decides.
    static Stream<Arguments> leftToTheContract() {
        return Stream.of(
                Arguments.of("validity 60.0", PLAIN + ", \"validity_period\": 60.0}"),
                Arguments.of("send_at", PLAIN + ", \"send_at\": \"2026-11-21T10:00:00Z\"}"),
                Arguments.of("send_at not a time", PLAIN + ", \"send_at\": \"tomorrow\"}"),
                Arguments.of("status_callback", PLAIN + ", \"status_callback\": \"https://example.com/cb\"}"),
                Arguments.of("status_callback not a uri", PLAIN + ", \"status_callback\": \"https://exa mple.com/\"}"),
                Arguments.of("to with a trailing newline", "{\"to\": \"+447700900123\\n\", \"from\": \"ACME\", "
                        + "\"text\": \"hi\"}"),
                Arguments.of("every member", PLAIN + ", \"media\": [], \"validity_period\": 3600, \"send_at\": "
                        + "\"2026-11-21T10:00:00Z\", \"status_callback\": \"https://example.com/cb\", "
                        + "\"client_reference\": \"order-1\", \"smart_encoding\": true}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodBodies")
    void handCheckAcceptsWhatTheContractAccepts(String name, String body) {
        assertThat(contractAccepts(body)).as("contract").isTrue();
        assertThat(new SendMessageCheck().test(Json.decodeValue(body))).as("hand check").isTrue();
        assertSameAnswer(request(JSON, body, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void handCheckRefusesWhatTheContractRefuses(String name, String body) {
        assertThat(contractAccepts(body)).as("contract").isFalse();
        assertThat(new SendMessageCheck().test(Json.decodeValue(body))).as("hand check").isFalse();
        assertSameAnswer(request(JSON, body, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftToTheContract")
    void whatTheHandCheckLeavesGetsTheContractsAnswer(String name, String body) {
        assertThat(new SendMessageCheck().test(Json.decodeValue(body))).as("hand check").isFalse();
        assertSameAnswer(request(JSON, body, Optional.empty()));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed json", JSON, "{\"to\": ", Optional.empty()),
                Arguments.of("empty body", JSON, "", Optional.empty()),
                Arguments.of("text/plain", "text/plain", PLAIN + "}", Optional.empty()),
                Arguments.of("json with a charset", "application/json; charset=utf-8", PLAIN + "}", Optional.empty()),
                Arguments.of("idempotency key", JSON, PLAIN + "}", Optional.of("retry-1")),
                Arguments.of("idempotency key with a space", JSON, PLAIN + "}", Optional.of("retry 1")),
                Arguments.of("idempotency key of 256", JSON, PLAIN + "}", Optional.of("k".repeat(256))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void requestsAroundTheBodyGetTheContractsAnswer(String name, String contentType, String body,
                                                   Optional<String> idempotencyKey) {
        assertSameAnswer(request(contentType, body, idempotencyKey));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        exact                        | application/json
        with a charset               | application/json; charset=utf-8
        spaces around the parameter  | application/json ;  charset=utf-8
        leading space                | ' application/json'
        tab and newline inside       | 'application/\\tjson\\n'
        vertical tab and form feed   | 'application/json\\13\\f; charset=utf-8'
        a longer type                | application/jsonx
        another case                 | Application/JSON
        text/plain                   | text/plain
        text/csv                     | text/csv
        empty                        | ''
        only white space             | ' \\t\\r '
        """)
    void aContentTypeSelectsTheMediaTypeVertxSelects(String name, String contentType) {
        String value = contentType.translateEscapes();
        for (Operation operation : contract.operations()) {
            if (operation.getRequestBody() == null) {
                continue;
            }
            Optional<MediaType> ours = new InlineValidation.MediaTypes(operation.getRequestBody()).of(value)
                    .map(InlineValidation.MediaTypes.Declared::mediaType);
            assertThat(ours).as(operation.getOperationId())
                    .isEqualTo(Optional.ofNullable(operation.getRequestBody().determineContentType(value)));
        }
    }

    @Test
    void noContentTypeSelectsNoMediaType() {
        assertThat(new InlineValidation.MediaTypes(send.getRequestBody()).of(null)).isEmpty();
    }

    @Test
    void handCheckKnowsExactlyTheContractsMembersAndPatterns() {
        JsonObject schemas = ApiServer.contract().getJsonObject("components").getJsonObject("schemas");
        JsonObject sendMessage = schemas.getJsonObject("SendMessage");

        assertThat(sendMessage.getJsonObject("properties").fieldNames()).isEqualTo(SendMessageCheck.PROPERTIES);
        assertThat(sendMessage.getJsonArray("required").getList()).containsExactlyInAnyOrderElementsOf(
                SendMessageCheck.REQUIRED);
        assertThat(sendMessage.getBoolean("additionalProperties")).isFalse();
        assertThat(schemas.getJsonObject("Recipient").getString("pattern")).isEqualTo(SendMessageCheck.RECIPIENT);
        assertThat(schemas.getJsonObject("Sender").getString("pattern")).isEqualTo(SendMessageCheck.SENDER);
    }

    private static boolean contractAccepts(String body) {
        return contract.getSchemaRepository()
                .validator(send.getRequestBody().getContent().get(JSON).getSchema())
                .validate(Json.decodeValue(body)).getValid();
    }

    // Vert.x's validator, ours with the hand check, ours without: one answer.
    private static void assertSameAnswer(ValidatableRequest request) {
        String expected = answer(() -> vertxValidator.validate(request, SendMessageCheck.OPERATION)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        Map<String, Predicate<Object>> checks = Map.of(SendMessageCheck.OPERATION, new SendMessageCheck());
        String withCheck = answer(() -> new InlineValidation(contract, checks).validate(request, send,
                Optional.of(new SendMessageCheck())));
        String generic = answer(() -> new InlineValidation(contract, Map.of()).validate(request, send,
                Optional.empty()));

        assertThat(withCheck).isEqualTo(expected);
        assertThat(generic).isEqualTo(expected);
    }

    private static String answer(Validation validation) {
        try {
            ValidatedRequest validated = validation.run();
            return "valid body=" + validated.getBody().get() + " headers=" + values(validated.getHeaders());
        } catch (ExecutionException e) {
            return refusal(e.getCause());
        } catch (RuntimeException e) {
            return refusal(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String refusal(Throwable e) {
        String output = e instanceof SchemaValidationException schema && schema.getOutputUnit() != null
                ? " output=" + schema.getOutputUnit().toJson().encode() : "";
        String type = e instanceof ValidatorException validator ? " type=" + validator.type() : "";
        return "refused " + e.getClass().getName() + type + " message=" + e.getMessage() + output;
    }

    private static Map<String, Object> values(Map<String, RequestParameter> parameters) {
        Map<String, Object> values = new HashMap<>();
        parameters.forEach((name, parameter) -> values.put(name, parameter.get()));
        return values;
    }

    private static ValidatableRequest request(String contentType, String body, Optional<String> idempotencyKey) {
        return SendRequests.of(contentType, body, idempotencyKey);
    }

    @FunctionalInterface
    private interface Validation {
        ValidatedRequest run() throws Exception;
    }
}
