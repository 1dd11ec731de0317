package io.smsgate.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.simulator.MessageStoreConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.behaviour.BehaviourYaml;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.config.ConfigNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioYamlTest {
    private static final Path SCENARIOS = Path.of("..", "config", "scenarios");
    private static final Path EXAMPLES = Path.of("..", "config", "examples");

    static Stream<Path> shippedScenarios() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void shipsTheScenariosTheIssueAsksFor() throws IOException {
        assertThat(shippedScenarios().map(file -> file.getFileName().toString()))
                .contains("steady-load.yaml", "burst.yaml", "carrier-outage-failover.yaml",
                        "throttling-carrier.yaml", "slow-receipts.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedScenarios")
    void everyShippedScenarioParses(Path file) {
        Scenario scenario = ScenarioYaml.read(file);
        assertThat(scenario.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
        assertThat(scenario.phases()).isNotEmpty();
        assertThat(scenario.assertions()).isNotEmpty();
    }

    @Test
    void theShippedCarrierExampleParses() {
        SmscConfig config = SmscConfig.read(EXAMPLES.resolve("simulator-carriers.yaml"));
        assertThat(config.carriers()).extracting(SimulatedCarrier::name)
                .containsExactly("carrier-a", "carrier-b", "carrier-tls");
        assertThat(config.carriers()).extracting(SimulatedCarrier::port).containsExactly(2776, 2777, 3776);
        assertThat(config.carriers()).extracting(SimulatedCarrier::tls)
                .containsExactly(Optional.empty(), Optional.empty(), Optional.of(new CarrierTls.SelfSigned()));
        assertThat(config.controlPort()).isEqualTo(8776);
        assertThat(config.counters().duplicateCapacity()).isEqualTo(1 << 20);
        assertThat(config.store()).isEqualTo(new MessageStoreConfig(1 << 20, Duration.ofMinutes(10)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        absent      | '{}'                                              | Optional.empty
        off         | 'tls: false'                                      | Optional.empty
        self-signed | 'tls: self-signed'                                | Optional[SelfSigned[]]
        true        | 'tls: true'                                       | Optional[SelfSigned[]]
        pem         | 'tls: {certificate: c.pem, key: k.pem}'           | Optional[Pem[certificate=c.pem, privateKey=k.pem]]
        pkcs12      | 'tls: {pkcs12: s.p12, password: hush}'            | Optional[Pkcs12[keyStore=s.p12, password=***]]
        """)
    void readsEachTlsForm(String caseName, String yaml, String expected) {
        assertThat(ScenarioYaml.tls(ConfigNode.parse(yaml, "").get("tls")).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown word      | 'tls: yes-please'                                  | tls: "yes-please" (expected: self-signed
        pkcs12 and pem    | 'tls: {pkcs12: s.p12, certificate: c.pem}'         | tls.pkcs12: "s.p12" (expected: either pkcs12
        pem without key   | 'tls: {certificate: c.pem}'                        | tls.key: missing
        password with pem | 'tls: {certificate: c.pem, key: k, password: x}'   | tls.password: "x" (expected: password only with pkcs12
        unknown key       | 'tls: {cert: c.pem}'                               | tls.cert: unknown key
        """)
    void rejectsABadTlsNamingTheKey(String caseName, String yaml, String messageStart) {
        assertThatThrownBy(() -> ScenarioYaml.tls(ConfigNode.parse(yaml, "").get("tls")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(messageStart);
    }

    @Test
    void readsTheOutageScenarioCompletely() {
        Scenario scenario = ScenarioYaml.read(SCENARIOS.resolve("carrier-outage-failover.yaml"));
        assertThat(scenario.carriers()).hasSize(2);
        SystemUnderTest sut = scenario.systemUnderTest();
        assertThat(sut.host()).isEqualTo("127.0.0.1");
        assertThat(sut.port()).isEqualTo(2775);
        assertThat(sut.carrier()).isEmpty();
        assertThat(sut.bindType()).isEqualTo(SystemUnderTest.BindType.TRANSCEIVER);
        assertThat(sut.toString()).contains("password=***").doesNotContain("secret");
        assertThat(scenario.events()).extracting(TimedEvent::at).containsExactly(Duration.ofSeconds(10),
                Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(40));
        assertThat(scenario.receiptWait()).isEqualTo(Duration.ofSeconds(120));
        assertThat(scenario.assertions()).containsExactly(new ScenarioAssertion.NothingLost(),
                new ScenarioAssertion.DoubledReceiptsAtMost(0), new ScenarioAssertion.DuplicatesAtMost(50),
                new ScenarioAssertion.AllReceiptsWithin(Duration.ofSeconds(120)));

        // Replaying the events in order gives carrier A silent, then recovered.
        SimulatedCarrier carrierA = scenario.carrier("carrier-a").orElseThrow();
        CarrierBehaviour silent = BehaviourYaml.parse(scenario.events().get(0).patch(), carrierA.behaviour());
        assertThat(silent.faults().silent()).isTrue();
        assertThat(silent.responseLatency()).isEqualTo(carrierA.behaviour().responseLatency());
        CarrierBehaviour recovered = BehaviourYaml.parse(scenario.events().get(3).patch(), silent);
        assertThat(recovered).isEqualTo(carrierA.behaviour());
    }

    @Test
    void pinsTheDefaultsOfAMinimalScenario() {
        Scenario scenario = parse("""
                name: minimal
                system-under-test: {system-id: me}
                phases: [{duration: 5s}]
                """);
        assertThat(scenario.description()).isEmpty();
        assertThat(scenario.carriers()).isEmpty();
        assertThat(scenario.systemUnderTest()).isEqualTo(new SystemUnderTest("127.0.0.1", 2775, Optional.empty(),
                "me", "", SystemUnderTest.BindType.TRANSCEIVER, 1, 10, Duration.ofSeconds(30)));
        assertThat(scenario.phases()).containsExactly(new LoadPhase("phase", Duration.ofSeconds(5), 0.0,
                MessageMix.DEFAULTS));
        assertThat(scenario.phases().get(0).closedLoop()).isTrue();
        assertThat(scenario.receiptWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(scenario.events()).isEmpty();
        assertThat(scenario.assertions()).isEmpty();
    }

    @Test
    void readsEveryMixKeyAndAssertion() {
        Scenario scenario = parse("""
                name: all-keys
                system-under-test: {host: 10.0.0.1, port: 2775, system-id: me, password: pw, bind-type: transmitter,
                                    binds: 3, window: 7, response-timeout: 5s}
                phases:
                  - name: p
                    duration: 1m
                    rate: 250.5
                    mix: {gsm7: 1, ucs2: 2, multipart: 3, registered-delivery: 50%, source: "ACME",
                          destinations: ["+1555"], destination-length: 11}
                assertions:
                  - nothing-lost: true
                  - duplicates-at-most: 2
                  - doubled-receipts-at-most: 3
                  - unanswered-at-most: 4
                  - p99-submit-response-at-most: 50ms
                  - p99-receipt-at-most: 2s
                  - all-receipts-within: 30s
                  - accepted-at-least: 0.95
                """);
        assertThat(scenario.systemUnderTest()).isEqualTo(new SystemUnderTest("10.0.0.1", 2775, Optional.empty(),
                "me", "pw", SystemUnderTest.BindType.TRANSMITTER, 3, 7, Duration.ofSeconds(5)));
        assertThat(scenario.phases().get(0)).isEqualTo(new LoadPhase("p", Duration.ofMinutes(1), 250.5,
                new MessageMix(1, 2, 3, 0.5, "ACME", List.of("+1555"), 11)));
        assertThat(scenario.assertions()).extracting(ScenarioAssertion::key).containsExactly(
                "nothing-lost: true", "duplicates-at-most: 2", "doubled-receipts-at-most: 3",
                "unanswered-at-most: 4", "p99-submit-response-at-most: 50ms", "p99-receipt-at-most: 2s",
                "all-receipts-within: 30s", "accepted-at-least: 0.95");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        event for an unknown carrier | 'events: [{at: 1s, carrier: nope, behaviour: {faults: {silent: true}}}]' | events[0].carrier: "nope"
        event with a bad patch       | 'events: [{at: 1s, carrier: a, behaviour: {faults: {slow-down: 0}}}]'   | events[0].behaviour.faults: faults.slow-down: 0.0
        event after the run          | 'events: [{at: 1h, carrier: a, behaviour: {faults: {silent: true}}}]'   | events[0].at: "1h"
        unknown assertion            | 'assertions: [{p95-at-most: 5ms}]'                                      | assertions[0].p95-at-most: unknown assertion
        negative duplicate limit     | 'assertions: [{duplicates-at-most: -1}]'                                | assertions[0].duplicates-at-most: "-1"
        nothing-lost false           | 'assertions: [{nothing-lost: false}]'                                   | assertions[0].nothing-lost: "false"
        typo at the top level        | 'phase: []'                                                             | phase: unknown key
        a key given twice            | 'receipt-wait: 9s'                                                      | receipt-wait: duplicate key (line 6)
        a nested key given twice     | 'assertions: [{nothing-lost: true, nothing-lost: true}]'                | assertions[0].nothing-lost: duplicate key
        """)
    void rejectsBadScenariosNamingTheKeyPath(String caseName, String extra, String messageStart) {
        String yaml = """
                name: bad
                carriers: [{name: a, port: 0, accounts: [{system-id: x, password: y}]}]
                system-under-test: {carrier: a, system-id: x, password: y}
                phases: [{duration: 10s, rate: 5}]
                receipt-wait: 5s
                """ + extra;
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(messageStart);
    }

    @Test
    void aWarmUpPhaseAfterAMeasuredOneIsRefused() {
        assertThatThrownBy(() -> parse("""
                name: bad
                carriers: [{name: a, port: 0, accounts: [{system-id: x, password: y}]}]
                system-under-test: {carrier: a, system-id: x, password: y}
                phases: [{duration: 1s}, {duration: 1s, warm-up: true}]
                """)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("phases[1].warm-up: true after a measured phase");
    }

    @Test
    void aSystemUnderTestNamingACarrierMayNotAlsoGiveAPort() {
        assertThatThrownBy(() -> parse("""
                name: bad
                carriers: [{name: a, accounts: [{system-id: x}]}]
                system-under-test: {carrier: a, port: 2775, system-id: x}
                phases: [{duration: 1s}]
                """)).hasMessageStartingWith("system-under-test.carrier: \"a\" (expected: either carrier or host/port");
    }

    @Test
    void accountPasswordsAreMaskedAndBoundedBySmpp() {
        assertThat(new Account("acme", "secret").toString()).isEqualTo("Account[systemId=acme, password=***]");
        assertThatThrownBy(() -> new Account("acme", "ninechars")).hasMessage("password: 9 characters (expected: <= 8)");
    }

    private static Scenario parse(String yaml) {
        return ScenarioYaml.parse(ConfigNode.parse(yaml, ""));
    }
}
