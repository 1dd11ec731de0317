package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.protocol.dlr.MessageIdFormat;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.session.ClientConfig;
import io.smsgate.protocol.smpp.session.SessionConfig;
import io.smsgate.protocol.smpp.session.WindowConfig;
import io.smsgate.protocol.text.ReferenceWidth;
import io.smsgate.protocol.text.SegmentOptions;
import io.smsgate.server.config.ConfigException;
import io.smsgate.server.config.ConfigLoader;
import io.smsgate.server.config.DataSize;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.store.MultipartReceipts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The carriers: and routes: sections and config/carriers/*.yaml become the connectors' settings, or fail by key. */
class CarriersConfigTest {

    private static final Path PROFILES = Path.of("..", "config", "carriers");

    private static SmsgateConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", SmsgateConfig.class, Map.of());
    }

    @Test
    void aCarrierWithEveryKeyBecomesItsConnectorSettings() {
        SmsgateConfig config = parse("""
                carriers:
                  - id: carrier-a
                    host: smsc.example.net
                    port: 3550
                    system-id: smsgate
                    password: s3cret
                    system-type: VMA
                    interface-version: "5.0"
                    tls: {enabled: true}
                    binds:
                      - {type: tx, window: 50, tps: 200, response-timeout: 10s, connect-timeout: 3s,
                         inactivity-timeout: 2m, unbind-timeout: 1s, max-inbound-pending: 800}
                      - {type: rx}
                    reconnect: {initial: 2s, max: 1m, refused-initial: 1m, jitter: 0.5}
                    rate: {min-tps: 5, decrease: 0.7, increase-per-second: 20}
                    statuses: {0x400: temporary, ESME_RSUBMITFAIL: permanent, "20": route-failure}
                    in-flight: wait
                    profile: sar-latin1
                    queue-capacity: 500
                    retry-delay: 250ms
                    max-temporary-retries: 1
                    max-connection-resets: 2
                    max-pdu-length: 8KiB
                    mo-reassembly: {timeout: 30s, max-messages: 100, max-octets: 64KiB, max-parts: 10}
                routes:
                  "44": [carrier-a]
                """);

        CarrierConfig carrier = Carriers.configs(config.carriers(), CarrierProfiles.load(PROFILES)).get(0);

        assertThat(carrier.id()).isEqualTo("carrier-a");
        assertThat(carrier.port()).isEqualTo(3550);
        assertThat(carrier.interfaceVersion()).isEqualTo(InterfaceVersion.V50);
        assertThat(carrier.tls()).isTrue();
        assertThat(carrier.binds()).extracting(BindConfig::type).containsExactly(BindType.TX, BindType.RX);
        assertThat(carrier.binds().get(0).responseTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(carrier.binds().get(1)).isEqualTo(BindConfig.DEFAULTS.withType(BindType.RX));
        assertThat(carrier.reconnect()).isEqualTo(new ReconnectConfig(Duration.ofSeconds(2), Duration.ofMinutes(1),
                Duration.ofMinutes(1), 0.5));
        assertThat(carrier.rate()).isEqualTo(new RateConfig(5, 0.7, 20));
        assertThat(carrier.statuses().classify(0x400)).isEqualTo(StatusClass.TEMPORARY);
        assertThat(carrier.statuses().classify(CommandStatus.ESME_RSUBMITFAIL.code())).isEqualTo(StatusClass.PERMANENT);
        assertThat(carrier.statuses().classify(0x14)).isEqualTo(StatusClass.ROUTE_FAILURE);
        assertThat(carrier.statuses().classify(CommandStatus.ESME_RTHROTTLED.code())).isEqualTo(StatusClass.THROTTLED);
        assertThat(carrier.inFlight()).isEqualTo(InFlightPolicy.WAIT);
        assertThat(carrier.profile().concatenation()).isEqualTo(SegmentOptions.Concatenation.SAR);
        assertThat(carrier.queueCapacity()).isEqualTo(500);
        assertThat(carrier.retryDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(carrier.maxTemporaryRetries()).isEqualTo(1);
        assertThat(carrier.maxConnectionResets()).isEqualTo(2);
        assertThat(carrier.maxPduLength()).isEqualTo(8192);
        assertThat(carrier.moReassembly()).isEqualTo(new MoReassemblyConfig(Duration.ofSeconds(30), 100,
                DataSize.ofKibibytes(64), 10));
        ClientConfig tx = CarrierConnector.clientConfig(carrier, carrier.binds().get(0), Optional.empty());
        assertThat(tx.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(tx.limits()).isEqualTo(new PduLimits(8192));
        assertThat(tx.session().window()).isEqualTo(new WindowConfig(50, Duration.ofSeconds(10)));
        assertThat(tx.session().inactivityTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(tx.session().unbindTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tx.session().maxInboundPending()).isEqualTo(800);
        assertThat(tx.bind().systemType()).isEqualTo("VMA");
        assertThat(config.routes()).isEqualTo(Map.of("44", List.of("carrier-a")));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    /** Before the keys, a carrier bind ran with these values built into the connector; the defaults keep them. */
    @Test
    void theDefaultBindConnectsWithTheTimersTheConnectorHadBuiltIn() {
        CarrierConfig carrier = CarrierConfig.of("a", "smsc.example.net", 2775, "smsgate", "secret");

        ClientConfig client = CarrierConnector.clientConfig(carrier, BindConfig.DEFAULTS, Optional.empty());

        assertThat(client.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.limits()).isEqualTo(PduLimits.DEFAULTS);
        assertThat(client.session().inactivityTimeout()).isEqualTo(SessionConfig.DEFAULTS.inactivityTimeout());
        assertThat(client.session().maxInboundPending()).isEqualTo(5_000);
        assertThat(client.session().enquireLinkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(client.session().bindTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(client.session().window()).isEqualTo(new WindowConfig(10, Duration.ofSeconds(30)));
        assertThat(client.tls()).isEmpty();
    }

    @Test
    void theProfilesInConfigCarriersAreLoadedByName() {
        CarrierProfiles profiles = CarrierProfiles.load(PROFILES);

        assertThat(profiles.find("default")).contains(CarrierProfile.DEFAULTS);
        assertThat(profiles.find("sar-latin1")).contains(new CarrierProfile(SegmentOptions.Concatenation.SAR,
                ReferenceWidth.BITS_16, SegmentOptions.Gsm7Packing.UNPACKED, CarrierProfile.DataCodingZero.LATIN1,
                new MessageIdCorrelation(MessageIdFormat.DECIMAL, MessageIdFormat.HEX), MultipartReceipts.LAST_PART));
        assertThat(profiles.find("payload-packed")).contains(new CarrierProfile(
                SegmentOptions.Concatenation.MESSAGE_PAYLOAD, ReferenceWidth.BITS_8, SegmentOptions.Gsm7Packing.PACKED,
                CarrierProfile.DataCodingZero.GSM7, new MessageIdCorrelation(MessageIdFormat.HEX, MessageIdFormat.HEX),
                MultipartReceipts.FIRST_PART));
        assertThat(CarrierProfiles.load(Path.of("no", "such", "dir")).find("default"))
                .contains(CarrierProfile.DEFAULTS);
    }

    @Test
    void aProfileNobodyWroteFailsNamingTheCarrierKey() {
        SmsgateConfig config = parse("carriers: [{id: a, host: h, port: 1, profile: nowhere}]");

        assertThatThrownBy(() -> Carriers.configs(config.carriers(), CarrierProfiles.load(PROFILES)))
                .hasMessage("carriers[0].profile: 'nowhere' (expected: one of default, payload-packed, sar-latin1)");
    }

    @Test
    void aBadProfileFileFailsNamingFileAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("concatenation: smoke-signals", "x.yaml", CarrierProfile.class,
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.yaml: concatenation: smoke-signals (expected: one of udh, sar, message-payload)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing id          | carriers: [{host: h, port: 1}]                                  | carriers[0].id: '' (expected: 1-32 of a-z 0-9 _ -)
            missing host        | carriers: [{id: a, port: 1}]                                    | carriers[0].host: '' (expected: a host name or address)
            port out of range   | carriers: [{id: a, host: h, port: 70000}]                       | carriers[0].port: 70000 (expected: 1..65535)
            no transmitter      | carriers: [{id: a, host: h, port: 1, binds: [{type: rx}]}]       | carriers[0].binds: no TX or TRX (expected: at least one)
            window zero         | carriers: [{id: a, host: h, port: 1, binds: [{window: 0}]}]      | carriers[0].binds[0].window: 0 (expected: 1..10000)
            pdu length too small| carriers: [{id: a, host: h, port: 1, max-pdu-length: 15B}]     | carriers[0].max-pdu-length: 15B (expected: 16B..1MiB)
            interface version   | carriers: [{id: a, host: h, port: 1, interface-version: '4.0'}] | carriers[0].interface-version: '4.0' (expected: 3.4 or 5.0)
            status name         | carriers: [{id: a, host: h, port: 1, statuses: {ESME_NOPE: temporary}}] | carriers[0].statuses.ESME_NOPE: unknown command_status (expected: 0x… hex, decimal, or a name such as ESME_RTHROTTLED)
            success for error   | carriers: [{id: a, host: h, port: 1, statuses: {0x58: success}}] | carriers[0].statuses.0x00000058: SUCCESS (expected: only for 0)
            in-flight policy    | carriers: [{id: a, host: h, port: 1, in-flight: maybe}]          | carriers[0].in-flight: maybe (expected: one of resubmit, wait)
            duplicate id        | carriers: [{id: a, host: h, port: 1}, {id: a, host: g, port: 2}] | carriers[1].id: 'a' (expected: unique, it is defined twice)
            route to nobody     | {carriers: [{id: a, host: h, port: 1}], routes: {44: [b]}}     | routes.44: 'b' (expected: a configured carrier: a)
            route prefix        | {carriers: [{id: a, host: h, port: 1}], routes: {+44: [a]}}    | routes.+44: prefix (expected: 0-15 digits of the destination, '' for every destination)
            """)
    void badValuesFailNamingTheKey(String name, String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage("test.yaml: " + message);
    }

    @Test
    void environmentVariablesReachAListedCarrier() {
        SmsgateConfig config = ConfigLoader.parse("carriers: [{id: a, host: h, port: 1, password: x}]", "test.yaml",
                SmsgateConfig.class, Map.of("SMSGATE__CARRIERS__0__PASSWORD", "from-env"));

        assertThat(config.carriers().get(0).password()).isEqualTo("from-env");
        assertThat(Optional.of(config.carriers().get(0).toString())).hasValueSatisfying(text ->
                assertThat(text).doesNotContain("from-env"));
    }
}
