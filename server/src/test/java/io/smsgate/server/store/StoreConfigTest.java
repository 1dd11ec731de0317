package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreConfigTest {

    @Test
    void defaultsAreEmbeddedDurableAndBounded() {
        assertThat(StoreConfig.DEFAULTS).isEqualTo(new StoreConfig(Optional.empty(), "postgres", "", 8, Path.of("data"),
                0, true));
        assertThat(JournalConfig.DEFAULTS).isEqualTo(new JournalConfig(1000, Duration.ofNanos(200_000), 50_000));
        assertThat(RetentionConfig.DEFAULTS).isEqualTo(new RetentionConfig(30, 7, 3, 3, 14));
    }

    @Test
    void passwordsNeverReachToString() {
        StoreConfig config = new StoreConfig(Optional.of("jdbc:postgresql://db:5432/smsgate?password=s3cret"),
                "smsgate", "s3cret", 8, Path.of("data"), 0, true);

        assertThat(config.toString()).doesNotContain("s3cret").contains("password=***")
                .contains("jdbc:postgresql://db:5432/smsgate?***");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        pool too small      | 1   | 0     | store.pool-size: 1 (expected: 2..200)
        port out of range   | 8   | 70000 | store.embedded.port: 70000 (expected: 0..65535)
        """)
    void storeConfigNamesTheBadKey(String caseName, int poolSize, int port, String message) {
        assertThatThrownBy(() -> new StoreConfig(Optional.empty(), "postgres", "", poolSize, Path.of("data"), port,
                true)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aJdbcUrlMustBePostgresql() {
        assertThatThrownBy(() -> StoreConfig.DEFAULTS.withJdbcUrl("jdbc:mysql://db/x"))
                .hasMessage("store.jdbc-url: jdbc:mysql://db/x (expected: jdbc:postgresql:…)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no rows             | 0    | 200     | 1000 | store.journal.max-batch-rows: 0 (expected: 1..10000)
        delay over a second | 100  | 2000000 | 1000 | store.journal.max-batch-delay: PT2S (expected: 0..1s)
        queue below a batch | 1000 | 200     | 999  | store.journal.queue-capacity: 999 (expected: >= store.journal.max-batch-rows 1000)
        """)
    void journalConfigNamesTheBadKey(String caseName, int rows, long delayMicros, int capacity, String message) {
        assertThatThrownBy(() -> new JournalConfig(rows, Duration.ofNanos(delayMicros * 1000), capacity))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no days kept          | 0  | 7 | 1 | 1  | 14   | store.retention.days: 0 (expected: 1..3660)
        no partitions ahead   | 30 | 0 | 1 | 1  | 14   | store.retention.partitions-ahead: 0 (expected: 1..366)
        orphans outlive rows  | 3  | 7 | 5 | 1  | 14   | store.retention.orphan-days: 5 (expected: 1..3, store.retention.days)
        no webhook days       | 30 | 7 | 3 | 0  | 14   | store.retention.webhook-days: 0 (expected: 1..30, store.retention.days)
        webhooks outlive rows | 30 | 7 | 3 | 31 | 14   | store.retention.webhook-days: 31 (expected: 1..30, store.retention.days)
        no dead-letter days   | 30 | 7 | 3 | 3  | 0    | store.retention.dead-letter-days: 0 (expected: 1..3660)
        dead letters forever  | 30 | 7 | 3 | 3  | 3661 | store.retention.dead-letter-days: 3661 (expected: 1..3660)
        """)
    void retentionConfigNamesTheBadKey(String caseName, int days, int ahead, int orphanDays, int webhookDays,
                                       int deadLetterDays, String message) {
        assertThatThrownBy(() -> new RetentionConfig(days, ahead, orphanDays, webhookDays, deadLetterDays))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
