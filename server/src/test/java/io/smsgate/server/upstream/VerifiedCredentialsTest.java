package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedCredentials credentials = new VerifiedCredentials(Duration.ofNanos(100), 2, now::get);

    @Test
    void nothingMatchesBeforeTheKdfSaidSo() {
        assertThat(credentials.matches("acme", "$argon2id$a", "secret")).isFalse();
    }

    @Test
    void aRememberedSuccessMatchesTheSamePasswordAgainstTheSameHashOnly() {
        credentials.remember("acme", "$argon2id$a", "secret");

        assertThat(credentials.matches("acme", "$argon2id$a", "secret")).isTrue();
        assertThat(credentials.matches("acme", "$argon2id$a", "secreT")).isFalse();
        assertThat(credentials.matches("acme", "$argon2id$b", "secret")).as("password changed").isFalse();
        assertThat(credentials.matches("other", "$argon2id$a", "secret")).isFalse();
    }

    @Test
    void aSuccessIsForgottenWhenItsTimeIsUp() {
        credentials.remember("acme", "$argon2id$a", "secret");

        now.addAndGet(99);
        assertThat(credentials.matches("acme", "$argon2id$a", "secret")).isTrue();
        now.addAndGet(1);
        assertThat(credentials.matches("acme", "$argon2id$a", "secret")).isFalse();
    }

    @Test
    void beyondItsCapacityNothingNewIsRememberedUntilEntriesExpire() {
        credentials.remember("a", "h", "p");
        credentials.remember("b", "h", "p");
        credentials.remember("c", "h", "p");
        assertThat(credentials.matches("c", "h", "p")).isFalse();

        now.addAndGet(100);
        credentials.remember("c", "h", "p");
        assertThat(credentials.matches("c", "h", "p")).isTrue();
    }

    @Test
    void refusesAZeroLifetime() {
        assertThatThrownBy(() -> new VerifiedCredentials(Duration.ZERO, 1, now::get))
                .hasMessage("ttl: PT0S (expected: > 0)");
    }
}
