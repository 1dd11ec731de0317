package io.smsgate.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigNodeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        nanoseconds          | 500ns  | 500
        microseconds         | 250us  | 250000
        milliseconds         | 250ms  | 250000000
        seconds              | 5s     | 5000000000
        fractional seconds   | 1.5s   | 1500000000
        minutes              | 2m     | 120000000000
        hours                | 1h     | 3600000000000
        days                 | 1d     | 86400000000000
        zero                 | 0s     | 0
        """)
    void readsDurationsWithUnits(String caseName, String text, long nanos) {
        ConfigNode node = ConfigNode.parse("delay: " + text, "");
        assertThat(node.duration("delay", Duration.ZERO)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no unit        | 5
        unknown unit   | 5 parsecs
        negative       | -5s
        words          | soon
        """)
    void rejectsDurationsWithoutAUnitNamingTheKeyPath(String caseName, String text) {
        ConfigNode node = ConfigNode.parse("receipts:\n  delay: \"" + text + "\"", "carriers[0]");
        assertThatThrownBy(() -> node.get("receipts").duration("delay", Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("carriers[0].receipts.delay: \"" + text + "\"")
                .hasMessageContaining("expected: a duration with a unit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        top-level key         | 'seed: 1\\nseed: 2'                                             | seed: duplicate key (line 2)
        nested mapping        | 'behaviour:\\n  window-limit: 5\\n  window-limit: 6'            | behaviour.window-limit: duplicate key (line 3)
        inside a list element | 'carriers:\\n  - name: a\\n    port: 1\\n    port: 2'           | carriers[0].port: duplicate key (line 4)
        flow mapping          | 'faults: {silent: true, silent: false}'                        | faults.silent: duplicate key (line 1)
        """)
    void rejectsDuplicateKeysNamingTheKeyPathAndLine(String caseName, String yaml, String message) {
        assertThatThrownBy(() -> ConfigNode.parse(yaml.replace("\\n", "\n"), ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void rejectsUnknownKeysNamingTheKeyAndTheAllowedOnes() {
        ConfigNode node = ConfigNode.parse("throttle:\n  tps-per-bnd: 5", "");
        assertThatThrownBy(() -> node.get("throttle").requireKeys(Set.of("tps-per-bind", "burst")))
                .hasMessage("throttle.tps-per-bnd: unknown key (expected one of: [burst, tps-per-bind])");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        decimal number | 88              | 88
        hex string     | '"0x58"'        | 88
        name           | ESME_RTHROTTLED | 88
        vendor code    | '"0x0400"'      | 1024
        """)
    void readsCommandStatusAsNumberHexOrName(String caseName, String text, int expected) {
        ConfigNode node = ConfigNode.parse("status: " + text, "");
        assertThat(node.commandStatus("status", 0)).isEqualTo(expected);
    }

    @Test
    void rejectsAnUnknownStatusName() {
        ConfigNode node = ConfigNode.parse("status: ESME_RNOPE", "errors[0]");
        assertThatThrownBy(() -> node.commandStatus("status", 0))
                .hasMessageStartingWith("errors[0].status: \"ESME_RNOPE\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        number     | 0.25    | 0.25
        percentage | '"25%"' | 0.25
        zero       | 0       | 0.0
        one        | 1       | 1.0
        """)
    void readsFractionsAsNumbersOrPercentages(String caseName, String text, double expected) {
        assertThat(ConfigNode.parse("f: " + text, "").fraction("f", 0.5)).isEqualTo(expected);
    }

    @Test
    void rejectsFractionsAboveOne() {
        assertThatThrownBy(() -> ConfigNode.parse("f: 1.5", "x").fraction("f", 0))
                .hasMessage("x.f: \"1.5\" (expected: between 0 and 1)");
    }

    @Test
    void mergesPatchesKeyByKeyButReplacesALatencyDistributionWhole() {
        ConfigNode base = ConfigNode.parse("""
                response-latency: {distribution: uniform, min: 1ms, max: 5ms}
                faults: {silent: false, slow-down: 2}
                """, "");
        ConfigNode merged = base.mergedWith(ConfigNode.parse("""
                response-latency: {distribution: fixed, value: 3ms}
                faults: {silent: true}
                """, ""));
        assertThat(merged.get("response-latency").has("min")).isFalse();
        assertThat(merged.get("faults").bool("silent", false)).isTrue();
        assertThat(merged.get("faults").doubleValue("slow-down", 1)).isEqualTo(2.0);
    }

    @Test
    void reportsInvalidYamlWithThePath() {
        assertThatThrownBy(() -> ConfigNode.parse("a: [unclosed", "scenario.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("scenario.yaml: not valid YAML");
    }
}
