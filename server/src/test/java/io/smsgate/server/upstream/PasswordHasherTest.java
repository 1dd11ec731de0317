package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1);

    @Test
    void verifiesTheRightPasswordAndRefusesAWrongOne() {
        String hash = hasher.hash("secret1");

        assertThat(hasher.verify("secret1", hash)).isTrue();
        assertThat(hasher.verify("secret2", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void hashesCarryTheirParametersAndAFreshSalt() {
        String first = hasher.hash("secret1");
        String second = hasher.hash("secret1");

        assertThat(first).startsWith("$argon2id$v=19$m=64,t=1,p=1$").doesNotContain("secret1");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aHashMadeWithWeakerParametersStillVerifiesAndAsksForARehash() {
        String weak = hasher.hash("secret1");
        PasswordHasher stronger = new PasswordHasher(128, 2, 1);

        assertThat(stronger.verify("secret1", weak)).isTrue();
        assertThat(stronger.needsRehash(weak)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("secret1"))).isFalse();
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=64$x$y",
        "$argon2id$v=19$m=64,t=1,p=1$!!!$aGFzaGhhc2hoYXNoaGFzaA"})
    void anUnreadableOrHostileHashNeverVerifies(String encoded) {
        assertThat(hasher.verify("secret1", encoded)).isFalse();
        assertThat(hasher.needsRehash(encoded)).isTrue();
    }
}
