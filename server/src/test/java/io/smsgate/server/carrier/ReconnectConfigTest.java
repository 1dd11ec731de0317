package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReconnectConfigTest {

    private final ReconnectConfig config = new ReconnectConfig(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(30), 0.2);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        first failure            | 1  | false | 1000
        third failure doubles    | 3  | false | 4000
        capped at max            | 10 | false | 60000
        refused starts slow      | 1  | true  | 30000
        refused doubles to cap   | 3  | true  | 60000
        """)
    void backsOffExponentiallyToTheCap(String caseName, int failures, boolean refused, long millis) {
        assertThat(config.delayNanos(failures, refused, 0.0)).isEqualTo(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void jitterShortensTheDelayByAtMostItsFraction() {
        long full = config.delayNanos(2, false, 0.0);
        assertThat(config.delayNanos(2, false, 0.999)).isBetween((long) (full * 0.8), full);
    }

    @Test
    void refusesAMaxBelowTheStart() {
        assertThatThrownBy(() -> new ReconnectConfig(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 0.1)).hasMessageContaining("reconnect.max");
    }
}
