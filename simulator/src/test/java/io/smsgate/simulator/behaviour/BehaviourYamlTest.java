package io.smsgate.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.config.ConfigNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BehaviourYamlTest {
    /** Every behaviour key, each away from its default. */
    private static final String EVERY_KEY = """
                response-latency: {distribution: uniform, min: 2ms, max: 8ms}
                message-id: {base: hex, width: 16}
                throttle: {tps-per-bind: 50, tps-per-system-id: 120, burst: 5}
                window: {max-outstanding: 20}
                congestion-state: true
                errors:
                  - fraction: 0.1
                    destination-prefixes: ["+4477", "+4478"]
                    status: ESME_RSUBMITFAIL
                  - fraction: 2%
                    reply: generic-nack-without-sequence
                receipts:
                  enabled: true
                  delay: {distribution: log-normal, median: 2s, p99: 30s}
                  status-mix: {delivrd: 90, undeliv: 5, expired: 2, rejectd: 1, deleted: 1, unknown: 1, acceptd: 0}
                  enroute: 0.5
                  encoding: both
                  id-format: {base: decimal, width: 20}
                  date-format: 12
                  on-different-bind: true
                  before-response: 0.01
                  duplicate: 0.02
                  unknown-id: 0.03
                  redelivery: {retry-delay: 250ms, max-attempts: 3, queue-capacity: 50}
                mo:
                  rate: 5.5
                  source: "+4477#######"
                  destination: "5555"
                  text: "STOP"
                  encoding: ucs2
                  multipart: {fraction: 0.2, parts: 3, out-of-order: true}
                faults:
                  refuse-binds: ESME_RINVPASWD
                  ignore-binds: true
                  reset-after-requests: 100
                  silent: true
                  stop-answering-after: 7
                  slow-down: 3.5
                  unbind-after-submits: 50
                  malformed: {kind: invalid-command-id, fraction: 0.25}
                  enquire-link-storm: 200
                """;

    private static CarrierBehaviour parse(String yaml) {
        return BehaviourYaml.parse(ConfigNode.parse(yaml, "behaviour"), CarrierBehaviour.DEFAULTS);
    }

    @Test
    void pinsEveryDefault() {
        CarrierBehaviour defaults = parse("{}");
        assertThat(defaults).isEqualTo(CarrierBehaviour.DEFAULTS);
        assertThat(defaults.responseLatency()).isEqualTo(new LatencyModel.Fixed(Duration.ZERO));
        assertThat(defaults.messageId()).isEqualTo(new MessageIdFormat(MessageIdFormat.Base.DECIMAL, 0));
        assertThat(defaults.throttle()).isEqualTo(new Throttle(0, 0, 1));
        assertThat(defaults.windowLimit()).isZero();
        assertThat(defaults.congestionState()).isFalse();
        assertThat(defaults.errors()).isEmpty();
        assertThat(defaults.receipts()).isEqualTo(new ReceiptBehaviour(true, LatencyModel.ZERO,
                new StatusMix(Map.of(ReceiptStatus.DELIVRD, 1)), 0.0, ReceiptBehaviour.Encoding.TEXT,
                Optional.empty(), ReceiptBehaviour.DateFormat.TEN_DIGITS, false, 0.0, 0.0, 0.0));
        assertThat(defaults.receipts().redelivery()).isEqualTo(new Redelivery(Duration.ofSeconds(1), 5, 10_000));
        assertThat(defaults.mo().rate()).isZero();
        assertThat(defaults.faults()).isEqualTo(new Faults(OptionalInt.empty(), false, 0, false, 0, 1.0, 0,
                new Faults.Malformed(Faults.Malformed.Kind.COMMAND_LENGTH_TOO_SHORT, 0.0), 0.0));
    }

    @Test
    void mapsEveryKey() {
        CarrierBehaviour behaviour = parse(EVERY_KEY);
        assertThat(behaviour.responseLatency())
                .isEqualTo(new LatencyModel.Uniform(Duration.ofMillis(2), Duration.ofMillis(8)));
        assertThat(behaviour.messageId()).isEqualTo(new MessageIdFormat(MessageIdFormat.Base.HEX, 16));
        assertThat(behaviour.throttle()).isEqualTo(new Throttle(50, 120, 5));
        assertThat(behaviour.windowLimit()).isEqualTo(20);
        assertThat(behaviour.congestionState()).isTrue();
        assertThat(behaviour.errors()).containsExactly(
                new ErrorRule(0.1, List.of("+4477", "+4478"), 0x45, ErrorRule.Reply.RESPONSE),
                new ErrorRule(0.02, List.of(), 0x03, ErrorRule.Reply.GENERIC_NACK_WITHOUT_SEQUENCE));
        ReceiptBehaviour receipts = behaviour.receipts();
        assertThat(receipts.delay()).isEqualTo(
                LatencyModel.LogNormal.ofMedianAndP99(Duration.ofSeconds(2), Duration.ofSeconds(30)));
        assertThat(receipts.statusMix().weights()).containsEntry(ReceiptStatus.DELIVRD, 90)
                .containsEntry(ReceiptStatus.UNDELIV, 5).containsEntry(ReceiptStatus.EXPIRED, 2)
                .containsEntry(ReceiptStatus.REJECTD, 1).containsEntry(ReceiptStatus.DELETED, 1)
                .containsEntry(ReceiptStatus.UNKNOWN, 1).containsEntry(ReceiptStatus.ACCEPTD, 0);
        assertThat(receipts.enroute()).isEqualTo(0.5);
        assertThat(receipts.encoding()).isEqualTo(ReceiptBehaviour.Encoding.BOTH);
        assertThat(receipts.idFormat()).contains(new MessageIdFormat(MessageIdFormat.Base.DECIMAL, 20));
        assertThat(receipts.dateFormat()).isEqualTo(ReceiptBehaviour.DateFormat.TWELVE_DIGITS);
        assertThat(receipts.onDifferentBind()).isTrue();
        assertThat(receipts.beforeResponse()).isEqualTo(0.01);
        assertThat(receipts.duplicate()).isEqualTo(0.02);
        assertThat(receipts.unknownId()).isEqualTo(0.03);
        assertThat(receipts.redelivery()).isEqualTo(new Redelivery(Duration.ofMillis(250), 3, 50));
        assertThat(behaviour.mo()).isEqualTo(new MoTraffic(5.5, "+4477#######", "5555", "STOP",
                MoTraffic.Encoding.UCS2, 0.2, 3, true));
        assertThat(behaviour.faults()).isEqualTo(new Faults(OptionalInt.of(0x0E), true, 100, true, 7, 3.5, 50,
                new Faults.Malformed(Faults.Malformed.Kind.INVALID_COMMAND_ID, 0.25), 200));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        typo in a key            | throttle: {tps-per-bnd: 5}                                | behaviour.throttle.tps-per-bnd: unknown key
        negative window          | 'window: {max-outstanding: -1}'                           | behaviour.window.max-outstanding: "-1"
        unknown distribution     | 'response-latency: {distribution: gamma}'                 | behaviour.response-latency.distribution: "gamma"
        uniform max below min    | 'response-latency: {distribution: uniform, min: 5ms, max: 1ms}' | behaviour.response-latency: max: PT0.001S
        p99 below median         | 'receipts: {delay: {distribution: log-normal, median: 5s, p99: 1s}}' | behaviour.receipts.delay: p99: PT1S
        enroute in status mix    | 'receipts: {status-mix: {enroute: 5}}'                    | behaviour.receipts.status-mix.enroute: "5"
        unknown receipt state    | 'receipts: {status-mix: {delivered: 5}}'                  | behaviour.receipts.status-mix.delivered: unknown receipt state
        fraction above one       | 'receipts: {duplicate: 1.5}'                              | behaviour.receipts.duplicate: "1.5"
        bad date format          | 'receipts: {date-format: 14}'                             | behaviour.receipts.date-format: "14"
        zero redelivery attempts | 'receipts: {redelivery: {max-attempts: 0}}'               | behaviour.receipts.redelivery: receipts.redelivery.max-attempts: 0
        empty redelivery queue   | 'receipts: {redelivery: {queue-capacity: 0}}'             | behaviour.receipts.redelivery: receipts.redelivery.queue-capacity: 0
        retry delay over an hour | 'receipts: {redelivery: {retry-delay: 2h}}'               | behaviour.receipts.redelivery: receipts.redelivery.retry-delay: PT2H
        redelivery key typo      | 'receipts: {redelivery: {retries: 3}}'                    | behaviour.receipts.redelivery.retries: unknown key
        error without status     | 'errors: [{fraction: 0.5}]'                               | behaviour.errors[0].status: missing
        bad reply kind           | 'errors: [{status: 8, reply: shout}]'                     | behaviour.errors[0].reply: "shout"
        slow-down below one      | 'faults: {slow-down: 0.5}'                                | behaviour.faults: faults.slow-down: 0.5
        mo parts of one          | 'mo: {multipart: {parts: 1}}'                             | behaviour.mo: mo.multipart.parts: 1
        id width above 64        | 'message-id: {width: 65}'                                 | behaviour.message-id.width: "65"
        """)
    void rejectsBadValuesNamingTheKeyPath(String caseName, String yaml, String messageStart) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(messageStart);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        defaults        | {}
        every key       | EVERY_KEY
        fixed latency   | 'response-latency: 1500ns'
        log-normal      | 'response-latency: {distribution: log-normal, mu: 1.6, sigma: 0.5}'
        receipts off    | 'receipts: {enabled: false, id-format: same, date-format: 10}'
        nack rule       | 'errors: [{reply: generic-nack, status: 0}]'
        """)
    void aDocumentReadsBackAsTheSameBehaviour(String caseName, String yaml) {
        CarrierBehaviour behaviour = parse(yaml.equals("EVERY_KEY") ? EVERY_KEY : yaml);
        String json = io.smsgate.simulator.report.JsonReport.toJson(BehaviourYaml.document(behaviour));
        assertThat(parse(json)).isEqualTo(behaviour);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        seconds      | PT3S       | 3s
        milliseconds | PT0.25S    | 250ms
        microseconds | PT0.000015S | 15us
        nanoseconds  | PT0.0000015S | 1500ns
        zero         | PT0S       | 0ms
        """)
    void printsDurationsExactlyInTheLargestUnit(String caseName, Duration duration, String text) {
        assertThat(BehaviourYaml.durationText(duration)).isEqualTo(text);
    }

    @Test
    void readsLogNormalFromMuAndSigmaInLnMilliseconds() {
        CarrierBehaviour behaviour = parse("response-latency: {distribution: log-normal, mu: 0.0, sigma: 0.5}");
        assertThat(behaviour.responseLatency()).isEqualTo(new LatencyModel.LogNormal(Duration.ofMillis(1), 0.5));
    }

    @Test
    void readsAPlainDurationAsFixedLatency() {
        assertThat(parse("response-latency: 7ms").responseLatency())
                .isEqualTo(new LatencyModel.Fixed(Duration.ofMillis(7)));
    }

    @Test
    void refuseBindsCanBeTurnedOff() {
        CarrierBehaviour refusing = parse("faults: {refuse-binds: 0x0d}");
        assertThat(refusing.faults().refuseBinds()).hasValue(0x0D);
        CarrierBehaviour patched = BehaviourYaml.parse(ConfigNode.parse("faults: {refuse-binds: none}", "p"), refusing);
        assertThat(patched.faults().refuseBinds()).isEmpty();
    }

    @Test
    void aPatchChangesOnlyTheKeysItNames() {
        CarrierBehaviour base = parse("""
                response-latency: 5ms
                throttle: {tps-per-bind: 10}
                faults: {slow-down: 2}
                """);
        CarrierControl control = new CarrierControl("carrier-a", base);
        CarrierBehaviour patched = control.patch(ConfigNode.parse("faults: {silent: true}", "patch"));
        assertThat(patched.faults().silent()).isTrue();
        assertThat(patched.faults().slowDown()).isEqualTo(2.0);
        assertThat(patched.throttle().tpsPerBind()).isEqualTo(10);
        assertThat(patched.responseLatency()).isEqualTo(base.responseLatency());
        assertThat(control.current()).isSameAs(patched);
    }

    @Test
    void aBadPatchLeavesTheCurrentBehaviourInPlace() {
        CarrierControl control = new CarrierControl("carrier-a", CarrierBehaviour.DEFAULTS);
        assertThatThrownBy(() -> control.patch(ConfigNode.parse("faults: {slow-down: -1}", "patch")))
                .isInstanceOf(ConfigException.class);
        assertThat(control.current()).isSameAs(CarrierBehaviour.DEFAULTS);
    }
}
