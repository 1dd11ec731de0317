package io.smsgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    /** A section shaped like the ones other helpers add: nested records, lists, maps, enums, parsed scalars. */
    record Sample(Window window, List<Carrier> carriers, Map<String, Integer> weights, Optional<Duration> linger,
                  DataSize buffer, Mode mode, CommandStatus retryOn) {
        static final Sample DEFAULTS = new Sample(Window.DEFAULTS, List.of(), Map.of(), Optional.empty(),
                DataSize.ofKibibytes(64), Mode.ROUND_ROBIN, CommandStatus.ESME_RTHROTTLED);
    }

    record Window(int maxOutstanding, Duration responseTimeout) {
        static final Window DEFAULTS = new Window(10, Duration.ofSeconds(30));

        Window {
            if (maxOutstanding < 1) {
                throw new IllegalArgumentException("window.max-outstanding: " + maxOutstanding
                        + " (expected: >= 1)");
            }
        }
    }

    record Carrier(String name, int port, boolean tls) {
        static final Carrier DEFAULTS = new Carrier("unnamed", 2775, false);

        Carrier {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("carriers.port: " + port + " (expected: 1..65535)");
            }
        }
    }

    record Required(String host, int port) {
    }

    record WithRequired(List<Required> peers) {
    }

    enum Mode { ROUND_ROBIN, LEAST_LOADED }

    private static Sample parse(String yaml) {
        return parse(yaml, Map.of());
    }

    private static Sample parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "test.yaml", Sample.class, env);
    }

    @Test
    void anEmptyFileIsTheDefaults() {
        assertThat(parse("")).isEqualTo(Sample.DEFAULTS);
        assertThat(parse("# only a comment\n")).isEqualTo(Sample.DEFAULTS);
    }

    @Test
    void aMissingKeyInsideASectionKeepsItsDefault() {
        Sample sample = parse("window:\n  max-outstanding: 50\n");
        assertThat(sample.window()).isEqualTo(new Window(50, Duration.ofSeconds(30)));
    }

    @Test
    void bindsListsMapsEnumsOptionalsAndParsedScalars() {
        Sample sample = parse("""
                carriers:
                  - {name: a, port: 2776}
                  - {name: b, tls: true}
                weights: {a: 3, b: 1}
                linger: 250ms
                buffer: 4MiB
                mode: least-loaded
                retry-on: ESME_RMSGQFUL
                """);
        assertThat(sample.carriers()).containsExactly(new Carrier("a", 2776, false), new Carrier("b", 2775, true));
        assertThat(sample.weights()).containsExactly(Map.entry("a", 3), Map.entry("b", 1));
        assertThat(sample.linger()).contains(Duration.ofMillis(250));
        assertThat(sample.buffer()).isEqualTo(DataSize.ofMebibytes(4));
        assertThat(sample.mode()).isEqualTo(Mode.LEAST_LOADED);
        assertThat(sample.retryOn()).isEqualTo(CommandStatus.ESME_RMSGQFUL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        nanoseconds   | 500ns  | PT0.0000005S
        microseconds  | 200us  | PT0.0002S
        micro sign    | 200µs  | PT0.0002S
        milliseconds  | 500ms  | PT0.5S
        seconds       | 30s    | PT30S
        minutes       | 2m     | PT2M
        hours         | 1h     | PT1H
        days          | 1d     | PT24H
        bare zero     | 0      | PT0S
        """)
    void readsDurationsWithUnits(String caseName, String text, String expected) {
        assertThat(ConfigDurations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        plain bytes | 512    | 512
        bytes unit  | 512B   | 512
        kibibytes   | 64KiB  | 65536
        mebibytes   | 4MiB   | 4194304
        gibibytes   | 1GiB   | 1073741824
        """)
    void readsSizesWithBinaryUnits(String caseName, String text, long bytes) {
        assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
        assertThat(DataSize.parse(DataSize.parse(text).toString())).isEqualTo(DataSize.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        record refuses a value  | window: {max-outstanding: 0}       | test.yaml: window.max-outstanding: 0 (expected: >= 1)
        unknown key             | window: {max-outstandin: 5}        | test.yaml: window.max-outstandin: unknown key (expected: one of max-outstanding, response-timeout)
        unknown section         | smpp: {}                           | test.yaml: smpp: unknown key (expected: one of buffer, carriers, linger, mode, retry-on, weights, window)
        not an integer          | window: {max-outstanding: lots}    | test.yaml: window.max-outstanding: lots (expected: an integer)
        duration without unit   | window: {response-timeout: 30}     | test.yaml: window.response-timeout: 30 (expected: a duration such as 200us, 500ms, 30s, 2m, 1h, 1d)
        unknown duration unit   | linger: 5 parsecs                  | test.yaml: linger: 5 parsecs (expected: a duration such as 200us, 500ms, 30s, 2m, 1h, 1d)
        size with decimal unit  | buffer: 64KB                       | test.yaml: buffer: 64KB (expected: a size such as 512B, 64KiB, 4MiB, 1GiB)
        unknown enum value      | mode: random                       | test.yaml: mode: random (expected: one of round-robin, least-loaded)
        scalar factory refuses  | retry-on: ESME_RNOPE               | test.yaml: retry-on: ESME_RNOPE (expected: an ESME_R* name or 0x hex)
        list element refuses    | carriers: [{name: a, port: 0}]     | test.yaml: carriers[0].port: 0 (expected: 1..65535)
        list element unknown key| carriers: [{name: a, prot: 1}]     | test.yaml: carriers[0].prot: unknown key (expected: one of name, port, tls)
        mapping expected        | window: 5                          | test.yaml: window: 5 (expected: a mapping)
        list expected           | carriers: {name: a}                | test.yaml: carriers: {…} (expected: a list)
        null for a scalar       | window: {max-outstanding: null}    | test.yaml: window.max-outstanding: null (expected: an integer)
        duplicate key           | 'mode: round-robin\nmode: least-loaded' | test.yaml: not valid YAML (Duplicate field 'mode' at line 2)
        """)
    void aBadValueNamesTheDottedKeyAndTheExpectation(String caseName, String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aMissingRequiredKeyInAListElementIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("peers: [{host: a}]", "test.yaml", WithRequired.class, Map.of()))
                .hasMessage("test.yaml: peers[0].port: missing (expected: an integer)");
    }

    @Test
    void environmentVariablesOverrideKeysAtAnyDepth() {
        Sample sample = parse("carriers: [{name: a}, {name: b}]\n", Map.of(
                "SMSGATE__WINDOW__MAX_OUTSTANDING", "50",
                "SMSGATE__WINDOW__RESPONSE_TIMEOUT", "5s",
                "SMSGATE__CARRIERS__1__PORT", "2777",
                "SMSGATE__CARRIERS__1__TLS", "true",
                "SMSGATE__RETRY_ON", "0x00000400",
                "SMSGATE_HOME", "/opt/smsgate",
                "PATH", "/usr/bin"));
        assertThat(sample.window()).isEqualTo(new Window(50, Duration.ofSeconds(5)));
        assertThat(sample.carriers()).containsExactly(new Carrier("a", 2775, false), new Carrier("b", 2777, true));
        assertThat(sample.retryOn()).isEqualTo(CommandStatus.of(0x400));
    }

    @Test
    void anEmptyEnvironmentValueClearsAnOptionalKey() {
        assertThat(parse("linger: 1s\n", Map.of("SMSGATE__LINGER", "")).linger()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        refused by the record | SMSGATE__WINDOW__MAX_OUTSTANDING | 0     | test.yaml: window.max-outstanding: 0 (expected: >= 1) [from environment variable SMSGATE__WINDOW__MAX_OUTSTANDING]
        wrong type            | SMSGATE__WINDOW__MAX_OUTSTANDING | x     | test.yaml: window.max-outstanding: x (expected: an integer) [from environment variable SMSGATE__WINDOW__MAX_OUTSTANDING]
        unknown key           | SMSGATE__WINDOW__MAX_OUTSTANDNG  | 5     | test.yaml: window.max-outstandng: unknown key (expected: one of max-outstanding, response-timeout) [from environment variable SMSGATE__WINDOW__MAX_OUTSTANDNG]
        index beyond the list | SMSGATE__CARRIERS__3__PORT       | 1     | test.yaml: carriers[3]: no such list element (expected: an index into a list the file defines) [from environment variable SMSGATE__CARRIERS__3__PORT]
        lower case            | SMSGATE__window__max_outstanding | 5     | test.yaml: SMSGATE__window__max_outstanding: not a configuration key (expected: SMSGATE__ then upper-case key levels separated by __, e.g. SMSGATE__STORE__POOL_SIZE)
        """)
    void aBadEnvironmentOverrideNamesTheKeyAndTheVariable(String caseName, String variable, String value,
                                                          String message) {
        assertThatThrownBy(() -> parse("carriers: [{name: a}]\n", Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void loadNamesAMissingFile(@TempDir Path directory) {
        Path file = directory.resolve("absent.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file, Sample.class, Map.of()))
                .hasMessage(file + ": no such file");
    }

    @Test
    void loadReadsAFile(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("sample.yaml"), "mode: least-loaded\n");
        assertThat(ConfigLoader.load(file, Sample.class, Map.of()).mode()).isEqualTo(Mode.LEAST_LOADED);
    }

    @Test
    void keysAreTheComponentNamesInKebabCase() {
        assertThat(RecordBinder.key("maxOutstanding")).isEqualTo("max-outstanding");
        assertThat(RecordBinder.key("jdbcUrl")).isEqualTo("jdbc-url");
        assertThat(RecordBinder.key("port")).isEqualTo("port");
    }
}
