package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonText} writes strings that a JSON parser reads back as they were, the way Jackson writes them. */
class JsonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "order-1", "quote \" inside", "back\\slash", "line\nbreak", "tab\tand\rreturn",
        "bell\u0007 nul\u0000 unit\u001f", "form\ffeed\bback", "caf\u00e9 \uD83D\uDE00", "</script>", "\u007f"})
    void readsBackAsWritten(String value) {
        String text = JsonText.member(new StringBuilder("{"), "client_reference", value).append('}').toString();

        assertThat(new JsonObject(text).getString("client_reference")).isEqualTo(value);
        assertThat(text).isEqualTo(new JsonObject().put("client_reference", value).encode());
    }
}
