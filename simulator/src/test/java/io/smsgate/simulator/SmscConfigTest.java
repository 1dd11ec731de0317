package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.config.ConfigNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmscConfigTest {
    private static final String CARRIER = "carriers:\n  - {name: a, port: 0, accounts: [{system-id: s, password: p}]}\n";

    @Test
    void theStoreDefaultsWhenTheFileLeavesItOut() {
        assertThat(SmscConfig.parse(ConfigNode.parse(CARRIER, "")).store()).isEqualTo(MessageStoreConfig.DEFAULTS);
    }

    @Test
    void readsTheStoreKeys() {
        SmscConfig config = SmscConfig.parse(ConfigNode.parse(CARRIER
                + "store: {max-messages: 4096, retention: 90s}\n", ""));
        assertThat(config.store()).isEqualTo(new MessageStoreConfig(4096, Duration.ofSeconds(90)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not a power of two | 'store: {max-messages: 5000}'  | store.max-messages: 5000 (expected: a power of two
        zero retention     | 'store: {retention: 0s}'       | store.retention: PT0S (expected: > 0)
        unknown key        | 'store: {max-message: 4096}'   | store.max-message: unknown key
        """)
    void aBadStoreKeyFailsNamingIt(String caseName, String yaml, String message) {
        assertThatThrownBy(() -> SmscConfig.parse(ConfigNode.parse(CARRIER + yaml + "\n", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theFourPartConstructorKeepsTheDefaultStore() {
        SmscConfig config = SmscConfig.parse(ConfigNode.parse(CARRIER, ""));
        assertThat(new SmscConfig(config.carriers(), config.controlHost(), config.controlPort(), config.counters())
                .store()).isEqualTo(MessageStoreConfig.DEFAULTS);
    }
}
