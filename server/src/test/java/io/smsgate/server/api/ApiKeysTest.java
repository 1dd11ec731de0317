package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiKeysTest {

    private static final String SECRET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

    @Test
    void parsesOurTokenIntoKeyIdAndSecret() {
        Optional<ApiKeys.Token> token = ApiKeys.parse("sk_0123456789abcdef." + SECRET);

        assertThat(token).contains(new ApiKeys.Token("0123456789abcdef", SECRET));
        assertThat(token.get().toString()).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        other prefix          | pk_0123456789abcdef.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ
        upper-case key id     | sk_0123456789ABCDEF.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ
        no dot                | sk_0123456789abcdef_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ
        secret too short      | sk_0123456789abcdef.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP
        secret too long       | sk_0123456789abcdef.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR
        not hex               | sk_0123456789abcdeg.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ
        empty                 | ''
        """)
    void refusesWhatCannotBeOurToken(String caseName, String token) {
        assertThat(ApiKeys.parse(token)).isEmpty();
    }

    @Test
    void printedKeysNeverShowSecretsOrHashes() {
        ApiKey key = new ApiKey("0123456789abcdef", "acme", "prod", Instant.EPOCH, Optional.empty());
        CreatedKey created = new CreatedKey(key, "sk_0123456789abcdef." + SECRET);
        ApiKeys.StoredKey stored = new ApiKeys.StoredKey("0123456789abcdef", "acme",
                OctetString.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));

        assertThat(created.toString()).doesNotContain(SECRET).contains("token=***");
        assertThat(stored.toString()).doesNotContain("00112233").contains("secretHash=***");
    }
}
