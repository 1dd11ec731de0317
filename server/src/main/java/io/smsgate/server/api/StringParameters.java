package io.smsgate.server.api;

import io.vertx.core.json.Json;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;

/**
 * Keeps a path or query value of a {@code type: string} parameter the text the client sent (OpenAPI 3.1 §4.8.12.4:
 * a primitive's simple or form serialisation is the value itself).
 *
 * <p>Vert.x OpenAPI 5.0 parses a value that is not all word characters as JSON before it checks the schema: an
 * E.164 number "+447700900123" (or " 447700900123", an unencoded '+' after form decoding) became the JSON number
 * 447700900123 and was refused as "not a string". Handed to it as a JSON string literal it decodes to the text
 * itself, which the contract's pattern then checks.
 */
final class StringParameters {

    private static final String WORD_CHARACTERS = "\\w+";

    private StringParameters() {
    }

    /** {@code value} for validation against {@code parameter}: as it is, unless a string that Vert.x would parse. */
    static RequestParameter asText(Parameter parameter, RequestParameter value) {
        if (value == null || parameter.getSchemaType() != SchemaType.STRING
                || !(value.get() instanceof String text) || text.matches(WORD_CHARACTERS)) {
            return value;
        }
        String literal = Json.encode(text);
        return () -> literal;
    }
}
