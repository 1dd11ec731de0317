package io.smsgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.session.SessionConfig;
import io.smsgate.protocol.smpp.session.WindowConfig;
import io.smsgate.routing.HealthConfig;
import io.smsgate.routing.SenderType;
import io.smsgate.server.api.ApiConfig;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.carrier.CarrierEntry;
import io.smsgate.server.carrier.CarrierProfile;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.carrier.MoReassemblyConfig;
import io.smsgate.server.carrier.StatusClass;
import io.smsgate.server.compliance.KeywordSet;
import io.smsgate.server.compliance.OptOutScope;
import io.smsgate.server.compliance.QuietHoursRule;
import io.smsgate.server.http.AdminHttpConfig;
import io.smsgate.server.metrics.MetricsConfig;
import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.store.JournalConfig;
import io.smsgate.server.store.RetentionConfig;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.server.upstream.BruteForceConfig;
import io.smsgate.server.upstream.NotifierConfig;
import io.smsgate.server.upstream.PasswordHasher;
import io.smsgate.server.upstream.SubmitPolicy;
import io.smsgate.server.upstream.UpstreamConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.scenario.ScenarioYaml;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** config/smsgate.yaml is the defaults, every key in it is commented and mapped, and every file in config/ parses. */
class SmsgateYamlTest {

    private static final Path CONFIG = Path.of("..", "config");
    private static final Path SMSGATE_YAML = CONFIG.resolve("smsgate.yaml");
    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)(?:- )?([a-z0-9][a-z0-9-]*):(\\s.*)?$");
    private static final Pattern COMMENTED_KEY_LINE = Pattern.compile("^(\\s*)#\\s?(\\s*(?:- )?[a-z0-9][a-z0-9-]*:(\\s.*)?)$");

    @Test
    void smsgateYamlIsExactlyTheDefaults() {
        assertThat(ConfigLoader.load(SMSGATE_YAML, SmsgateConfig.class, Map.of())).isEqualTo(SmsgateConfig.DEFAULTS);
    }

    @Test
    void defaultsArePinned() {
        SmsgateConfig defaults = SmsgateConfig.DEFAULTS;
        assertThat(defaults.node()).isEqualTo(new NodeConfig(0, Path.of("data"), Duration.ofSeconds(30)));
        assertThat(defaults.store().jdbcUrl()).isEmpty();
        assertThat(defaults.store().user()).isEqualTo("postgres");
        assertThat(defaults.store().password()).isEmpty();
        assertThat(defaults.store().poolSize()).isEqualTo(8);
        assertThat(defaults.store().embedded()).isEqualTo(new StoreSection.EmbeddedStore(0, true));
        assertThat(defaults.store().journal()).isEqualTo(new JournalConfig(1000, Duration.ofNanos(200_000), 50_000));
        assertThat(defaults.store().retention()).isEqualTo(new RetentionConfig(30, 7, 3, 3, 14));
        assertThat(defaults.admin()).isEqualTo(new AdminHttpConfig("127.0.0.1", 8081, Optional.empty(),
                DataSize.ofKibibytes(64)));
        assertThat(defaults.metrics()).isEqualTo(new MetricsConfig(true, true, Map.of()));
        assertThat(defaults.carriers()).isEmpty();
        assertThat(defaults.routes()).isEmpty();
        assertThat(defaults.routing()).isEqualTo(new RoutingConfig("EUR", Map.of(), List.of(), Map.of(), Map.of(), "",
                Map.of(), Map.of(), Map.of(), new RoutingConfig.FailoverConfig(3, Duration.ofMinutes(10),
                        Duration.ofSeconds(30), true, Set.of(CommandStatus.ESME_RINVBNDSTS, CommandStatus.ESME_RSYSERR,
                        CommandStatus.ESME_RMSGQFUL, CommandStatus.ESME_RSUBMITFAIL, CommandStatus.ESME_RX_T_APPN,
                        CommandStatus.ESME_RUNKNOWNERR), Set.of()),
                new HealthConfig(Duration.ofSeconds(60), 12, 20, 0.5, 10, Duration.ofSeconds(30), 20, 3, 50)));
        assertThat(defaults.api()).isEqualTo(ApiConfig.DEFAULTS);
        assertThat(defaults.smpp().systemId()).isEqualTo("smsgate");
        assertThat(defaults.smpp().maxPduLength()).isEqualTo(DataSize.ofKibibytes(64));
        assertThat(defaults.smpp().session()).isEqualTo(new SmppSection.Session(100, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThat(defaults.smpp().bindFailureStatus()).isEqualTo(CommandStatus.ESME_RINVPASWD);
        assertThat(defaults.smpp().passwordHash()).isEqualTo(new PasswordHasher(19_456, 2, 1));
        assertThat(defaults.smpp().verifyThreads()).isEqualTo(2);
        assertThat(defaults.smpp().verifyQueue()).isEqualTo(64);
        assertThat(defaults.smpp().bruteForce()).isEqualTo(new BruteForceConfig(5, Duration.ofSeconds(1),
                Duration.ofMinutes(15), 10_000));
        assertThat(defaults.smpp().submit()).isEqualTo(new SubmitPolicy(Set.of(0, 1, 3, 4, 8, 240, 244),
                CommandStatus.ESME_RSUBMITFAIL, 65_535));
        assertThat(defaults.smpp().partTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.smpp().maxPartSets()).isEqualTo(10_000);
        assertThat(defaults.dispatch()).isEqualTo(new DispatchSection(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofHours(72)));
        assertThat(defaults.smpp().notifier()).isEqualTo(new NotifierConfig(Duration.ofSeconds(1), 100,
                Duration.ofSeconds(5), Duration.ofMinutes(10), 10_000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        poll interval zero        | smpp: {notifier: {poll-interval: 0s}}                  | smpp.notifier.poll-interval: PT0S (expected: > 0)
        batch zero                | smpp: {notifier: {batch: 0}}                           | smpp.notifier.batch: 0 (expected: >= 1)
        retry max below base      | smpp: {notifier: {retry-base: 1m, retry-max: 10s}}     | smpp.notifier.retry-max: PT10S (expected: >= retry-base PT1M)
        memory queue negative     | smpp: {notifier: {memory-queue: -1}}                   | smpp.notifier.memory-queue: -1 (expected: >= 0)
        """)
    void aBadNotifierValueFailsNamingTheKey(String caseName, String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test.yaml", SmsgateConfig.class, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        system id too long        | smpp: {system-id: a-very-long-name}                   | smpp.system-id: 'a-very-long-name' (expected: 1..15 printable ASCII characters without spaces)
        system id with a space    | smpp: {system-id: 'sms gate'}                          | smpp.system-id: 'sms gate' (expected: 1..15 printable ASCII characters without spaces)
        pdu length below header   | smpp: {max-pdu-length: 15B}                            | smpp.max-pdu-length: 15B (expected: 16B..1MiB)
        pdu length above limit    | smpp: {max-pdu-length: 2MiB}                           | smpp.max-pdu-length: 2097152B (expected: 16B..1MiB)
        inbound pending zero      | smpp: {session: {max-inbound-pending: 0}}              | smpp.session.max-inbound-pending: 0 (expected: 1..65536)
        enquire link over a day   | smpp: {session: {enquire-link-interval: 2d}}           | smpp.session.enquire-link-interval: PT48H (expected: 0..1d, 0 = off)
        session init zero         | smpp: {session: {session-init-timeout: 0s}}            | smpp.session.session-init-timeout: PT0S (expected: > 0 and <= 1d)
        response timeout zero     | smpp: {session: {response-timeout: 0s}}                | smpp.session.response-timeout: PT0S (expected: > 0 and <= 1d)
        bind failure is success   | smpp: {bind-failure-status: ESME_ROK}                  | smpp.bind-failure-status: ESME_ROK (expected: an error status)
        bind failure unknown name | smpp: {bind-failure-status: ESME_NOPE}                 | smpp.bind-failure-status: ESME_NOPE (expected: an ESME_R* name or 0x hex)
        hash memory too small     | smpp: {password-hash: {memory-kib: 7}}                 | smpp.password-hash.memory-kib: 7 (expected: 8..1048576, at least 8 × parallelism)
        hash memory unverifiable  | smpp: {password-hash: {memory-kib: 2097152}}           | smpp.password-hash.memory-kib: 2097152 (expected: 8..1048576, at least 8 × parallelism)
        hash iterations zero      | smpp: {password-hash: {iterations: 0}}                 | smpp.password-hash.iterations: 0 (expected: 1..16)
        hash parallelism 17       | smpp: {password-hash: {parallelism: 17}}               | smpp.password-hash.parallelism: 17 (expected: 1..16)
        verify threads zero       | smpp: {verify-threads: 0}                              | smpp.verify-threads: 0 (expected: 1..64)
        verify queue zero         | smpp: {verify-queue: 0}                                | smpp.verify-queue: 0 (expected: 1..1000000)
        free failures negative    | smpp: {brute-force: {free-failures: -1}}               | smpp.brute-force.free-failures: -1 (expected: >= 0)
        base lockout zero         | smpp: {brute-force: {base-lockout: 0s}}                | smpp.brute-force.base-lockout: PT0S (expected: > 0)
        max lockout below base    | smpp: {brute-force: {base-lockout: 1m, max-lockout: 1s}} | smpp.brute-force.max-lockout: PT1S (expected: >= base-lockout PT1M)
        max tracked zero          | smpp: {brute-force: {max-tracked: 0}}                  | smpp.brute-force.max-tracked: 0 (expected: >= 1)
        no data coding            | smpp: {submit: {data-codings: []}}                     | smpp.submit.data-codings: [] (expected: at least one data_coding)
        data coding above a byte  | smpp: {submit: {data-codings: [0, 256]}}               | smpp.submit.data-codings: 256 (expected: 0..255 each)
        invalid dcs is success    | smpp: {submit: {invalid-dcs-on34: ESME_ROK}}           | smpp.submit.invalid-dcs-on34: ESME_ROK (expected: an error)
        message octets zero       | smpp: {submit: {max-message-octets: 0}}                | smpp.submit.max-message-octets: 0 (expected: 1..65535)
        part timeout too short    | smpp: {part-timeout: 500ms}                            | smpp.part-timeout: PT0.5S (expected: 1s..1d)
        part sets zero            | smpp: {max-part-sets: 0}                               | smpp.max-part-sets: 0 (expected: 1..1000000)
        store threads zero        | smpp: {store-threads: 0}                               | smpp.store-threads: 0 (expected: 1..64)
        store queue zero          | smpp: {store-queue: 0}                                 | smpp.store-queue: 0 (expected: 1..1000000)
        """)
    void aBadSmppValueFailsNamingTheKey(String caseName, String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test.yaml", SmsgateConfig.class, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        reroute delay zero        | dispatch: {reroute-delay: 0s}                          | dispatch.reroute-delay: PT0S (expected: 1ms..1h)
        probe interval too long   | dispatch: {probe-interval: 2h}                         | dispatch.probe-interval: PT2H (expected: 1ms..1h)
        outbox expiry too short   | dispatch: {outbox-expiry: 30s}                         | dispatch.outbox-expiry: PT30S (expected: 1m..366d)
        unknown dispatch key      | dispatch: {max-route-wait: 1m}                         | dispatch.max-route-wait: unknown key (expected: one of outbox-expiry, probe-interval, reroute-delay)
        """)
    void aBadDispatchValueFailsNamingTheKey(String caseName, String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test.yaml", SmsgateConfig.class, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        carrier bind window       | carriers: [{id: a, host: h, port: 1, binds: [{window: 0}]}]          | carriers[0].binds[0].window: 0 (expected: 1..10000)
        carrier reconnect jitter  | carriers: [{id: a, host: h, port: 1, reconnect: {jitter: 2}}]        | carriers[0].reconnect.jitter: 2.0 (expected: 0..1)
        carrier rate decrease     | carriers: [{id: a, host: h, port: 1, rate: {decrease: 1.5}}]         | carriers[0].rate.decrease: 1.5 (expected: between 0 and 1)
        carrier inactivity        | carriers: [{id: a, host: h, port: 1, binds: [{inactivity-timeout: 30s}]}] | carriers[0].binds[0].inactivity-timeout: PT30S (expected: 0 = off, or above enquire-link-interval PT30S and <= 1d)
        carrier connect timeout   | carriers: [{id: a, host: h, port: 1, binds: [{connect-timeout: 0s}]}] | carriers[0].binds[0].connect-timeout: PT0S (expected: > 0 and <= 1d)
        carrier unbind timeout    | carriers: [{id: a, host: h, port: 1, binds: [{unbind-timeout: 2d}]}]  | carriers[0].binds[0].unbind-timeout: PT48H (expected: > 0 and <= 1d)
        carrier inbound pending   | carriers: [{id: a, host: h, port: 1, binds: [{max-inbound-pending: 0}]}] | carriers[0].binds[0].max-inbound-pending: 0 (expected: 1..65536)
        carrier mo timeout        | carriers: [{id: a, host: h, port: 1, mo-reassembly: {timeout: 500ms}}] | carriers[0].mo-reassembly.timeout: PT0.5S (expected: 1s..1d)
        carrier mo messages       | carriers: [{id: a, host: h, port: 1, mo-reassembly: {max-messages: 0}}] | carriers[0].mo-reassembly.max-messages: 0 (expected: 1..1000000)
        carrier mo octets         | carriers: [{id: a, host: h, port: 1, mo-reassembly: {max-octets: 512B}}] | carriers[0].mo-reassembly.max-octets: 512B (expected: 1KiB..1GiB)
        carrier mo parts          | carriers: [{id: a, host: h, port: 1, mo-reassembly: {max-parts: 256}}] | carriers[0].mo-reassembly.max-parts: 256 (expected: 2..255)
        carrier pdu length        | carriers: [{id: a, host: h, port: 1, max-pdu-length: 2MiB}]            | carriers[0].max-pdu-length: 2097152B (expected: 16B..1MiB)
        account allowlist         | smpp: {accounts: [{system-id: a, password: p, bind-types: [trx], max-binds: 1, allowlist: [nope], tps-limit: 1, deliver-window: 1, receipt-format: SMPP34}]} | smpp.accounts[0].allowlist: 'nope' (expected: an IPv4 or IPv6 address/prefix such as 10.0.0.0/8)
        account receipt format    | smpp: {accounts: [{system-id: a, password: p, bind-types: [trx], max-binds: 1, allowlist: [], tps-limit: 1, deliver-window: 1, receipt-format: X}]} | smpp.accounts[0].receipt-format: 'X' (expected: SMPP34, SMPP34_SECONDS or YYYY)
        account max binds         | smpp: {accounts: [{system-id: a, password: p, bind-types: [trx], max-binds: 0, allowlist: [], tps-limit: 1, deliver-window: 1, receipt-format: SMPP34}]} | smpp.accounts[0].max-binds: 0 (expected: >= 1)
        account deliver window    | smpp: {accounts: [{system-id: a, password: p, bind-types: [trx], max-binds: 1, allowlist: [], tps-limit: 1, deliver-window: 70000, receipt-format: SMPP34}]} | smpp.accounts[0].deliver-window: 70000 (expected: 1..65536)
        account password too long | smpp: {accounts: [{system-id: a, password: ninechars, bind-types: [trx], max-binds: 1, allowlist: [], tps-limit: 1, deliver-window: 1, receipt-format: SMPP34}]} | smpp.accounts[0].password: 9 characters (expected: 1..8)
        quiet hours zone          | compliance: {quiet-hours: [{zone: Mars/Base, start: '21:00', end: '08:00'}]} | compliance.quiet-hours[0].zone: 'Mars/Base' (expected: a region id such as Europe/London)
        fetch allowlist           | fetch: {allowlist: [10.0.0.0/8, nope]}                               | fetch.allowlist[1]: 'nope' (expected: an IPv4 or IPv6 address/prefix such as 10.20.0.0/16)
        """)
    void aBadValueInAListElementNamesItsIndex(String caseName, String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test.yaml", SmsgateConfig.class, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml: " + message);
    }

    @Test
    void environmentOverridesTheNewSmppAndDispatchKeys() {
        SmsgateConfig config = ConfigLoader.load(SMSGATE_YAML, SmsgateConfig.class, Map.of(
                "SMSGATE__SMPP__BRUTE_FORCE__FREE_FAILURES", "2", "SMSGATE__SMPP__SESSION__RESPONSE_TIMEOUT", "5s",
                "SMSGATE__SMPP__SUBMIT__DATA_CODINGS__1", "3", "SMSGATE__DISPATCH__OUTBOX_EXPIRY", "1d"));
        assertThat(config.smpp().bruteForce().freeFailures()).isEqualTo(2);
        assertThat(config.smpp().session().responseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.smpp().submit().dataCodings()).containsExactlyInAnyOrder(0, 3, 4, 8, 240, 244);
        assertThat(config.dispatch().outboxExpiry()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> ConfigLoader.load(SMSGATE_YAML, SmsgateConfig.class,
                Map.of("SMSGATE__SMPP__VERIFY_THREADS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(SMSGATE_YAML + ": smpp.verify-threads: 0 (expected: 1..64) "
                        + "[from environment variable SMSGATE__SMPP__VERIFY_THREADS]");
    }

    @Test
    void theCommentedCarrierIsEveryCarrierKeyAtItsDefault() throws IOException {
        SmsgateConfig config = ConfigLoader.parse(uncomment(Files.readString(SMSGATE_YAML)), "uncommented",
                SmsgateConfig.class, Map.of());
        CarrierEntry d = CarrierEntry.DEFAULTS;
        // Every key of the example is written out at its default, but for what has none and one example status.
        assertThat(config.carriers()).containsExactly(new CarrierEntry("carrier-a", "smsc.example.net", 2775,
                "smsgate", "secret", d.systemType(), d.interfaceVersion(), d.tls(), d.binds(), d.reconnect(), d.rate(),
                Map.of("0x400", StatusClass.TEMPORARY), d.inFlight(), d.profile(), d.queueCapacity(), d.retryDelay(),
                d.maxTemporaryRetries(), d.maxConnectionResets(), d.maxPduLength(), d.moReassembly()));
    }

    @Test
    void carrierDefaultsArePinned() {
        assertThat(BindConfig.DEFAULTS).isEqualTo(new BindConfig(BindType.TRX, 10, 100, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofSeconds(5), 5_000));
        assertThat(CarrierEntry.DEFAULTS.maxPduLength()).isEqualTo(DataSize.ofKibibytes(64));
        assertThat(CarrierEntry.DEFAULTS.moReassembly()).isEqualTo(new MoReassemblyConfig(Duration.ofMinutes(5),
                10_000, DataSize.ofMebibytes(16), 255));
    }

    @Test
    void environmentOverridesTheCarrierSessionAndMoKeys() {
        SmsgateConfig config = ConfigLoader.parse("carriers: [{id: a, host: h, port: 1, binds: [{type: trx}]}]",
                "test.yaml", SmsgateConfig.class, Map.of("SMSGATE__CARRIERS__0__BINDS__0__INACTIVITY_TIMEOUT", "2m",
                        "SMSGATE__CARRIERS__0__BINDS__0__MAX_INBOUND_PENDING", "700",
                        "SMSGATE__CARRIERS__0__MO_REASSEMBLY__MAX_PARTS", "16",
                        "SMSGATE__CARRIERS__0__MAX_PDU_LENGTH", "8KiB"));
        CarrierEntry carrier = config.carriers().get(0);
        assertThat(carrier.binds().get(0).inactivityTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(carrier.binds().get(0).maxInboundPending()).isEqualTo(700);
        assertThat(carrier.moReassembly().maxParts()).isEqualTo(16);
        assertThat(carrier.maxPduLength()).isEqualTo(DataSize.ofKibibytes(8));
        assertThatThrownBy(() -> ConfigLoader.parse("carriers: [{id: a, host: h, port: 1}]", "test.yaml",
                SmsgateConfig.class, Map.of("SMSGATE__CARRIERS__0__MO_REASSEMBLY__MAX_MESSAGES", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml: carriers[0].mo-reassembly.max-messages: 0 (expected: 1..1000000) "
                        + "[from environment variable SMSGATE__CARRIERS__0__MO_REASSEMBLY__MAX_MESSAGES]");
    }

    /** The file's defaults are the running server's: the section builds the records the server had built alone. */
    @Test
    void theSmppAndDispatchDefaultsAreTheServersOwn() {
        UpstreamConfig built = SmppSection.DEFAULTS.upstreamConfig();
        UpstreamConfig own = UpstreamConfig.of(new InetSocketAddress("0.0.0.0", 2775));
        assertThat(built).isEqualTo(own);
        assertThat(built.session()).isEqualTo(SessionConfig.DEFAULTS);
        assertThat(built.limits()).isEqualTo(PduLimits.DEFAULTS);
        assertThat(SmsgateConfig.DEFAULTS.smpp().storeThreads()).isEqualTo(2);
        assertThat(SmsgateConfig.DEFAULTS.smpp().storeQueue()).isEqualTo(10_000);
        assertThat(SmsgateConfig.DEFAULTS.dispatchConfig()).isEqualTo(DispatchConfig.DEFAULTS);
    }

    @Test
    void theSessionWindowTakesTheLargestDeliverWindowAndTheConfiguredTimers() {
        SmppSection smpp = ConfigLoader.parse("""
                smpp:
                  max-pdu-length: 4KiB
                  session: {max-inbound-pending: 500, response-timeout: 7s, inactivity-timeout: 0}
                  accounts:
                    - {system-id: a, password: p, bind-types: [trx], max-binds: 1, allowlist: [], tps-limit: 1,
                       deliver-window: 40, receipt-format: SMPP34}
                    - {system-id: b, password: p, bind-types: [trx], max-binds: 1, allowlist: [], tps-limit: 1,
                       deliver-window: 4, receipt-format: SMPP34}
                """, "test.yaml", SmsgateConfig.class, Map.of()).smpp();
        UpstreamConfig config = smpp.upstreamConfig();
        assertThat(config.session().window()).isEqualTo(new WindowConfig(40, Duration.ofSeconds(7)));
        assertThat(config.session().maxInboundPending()).isEqualTo(500);
        assertThat(config.session().inactivityTimeout()).isZero();
        assertThat(config.limits().maxPduLength()).isEqualTo(4096);
    }

    @Test
    void theDispatcherWaitsForARouteAsLongAsTheRouter() {
        SmsgateConfig config = ConfigLoader.parse(
                "routing: {failover: {max-route-wait: 0}}\ndispatch: {reroute-delay: 1s}", "test.yaml",
                SmsgateConfig.class, Map.of());
        assertThat(config.dispatchConfig()).isEqualTo(new DispatchConfig(Duration.ofSeconds(1), Duration.ZERO,
                DispatchConfig.DEFAULTS.outboxExpiry(), DispatchConfig.DEFAULTS.probeInterval()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown base currency     | routing: {base-currency: euro}                                                | routing.base-currency: 'euro' (expected: ISO 4217 code like EUR)
        card without carrier      | routing: {rate-cards: [{lines: {'44': '0.01'}}]}                             | routing.rate-cards[0].carrier: '' (expected: a configured carrier id)
        card price not a number   | routing: {rate-cards: [{carrier: a, lines: {'44': cheap}}]}                  | routing.rate-cards[0].lines.44: 'cheap' (expected: a decimal number like 0.0125)
        card price too precise    | routing: {rate-cards: [{carrier: a, lines: {'44': '0.0000001'}}]}            | routing.rate-cards[0].lines.44: 0.0000001 (expected: >= 0 with at most 6 decimals)
        card ends before it starts| routing: {rate-cards: [{carrier: a, effective-to: '1969-01-01T00:00:00Z', lines: {'1': '1'}}]} | routing.rate-cards[0].effective-to: 1969-01-01T00:00:00Z (expected: after 1970-01-01T00:00:00Z)
        card date not an instant  | routing: {rate-cards: [{carrier: a, effective-from: tomorrow, lines: {'1': '1'}}]} | routing.rate-cards[0].effective-from: 'tomorrow' (expected: an ISO-8601 instant like 2026-01-01T00:00:00Z)
        account names no policy   | routing: {accounts: {acme: gold}}                                              | routing.accounts.acme: 'gold' (expected: a policy in routing.policies: [])
        pinned without carrier    | routing: {policies: {p: {type: pinned}}}                                       | routing.policies.p.carriers: [] (expected: exactly one carrier)
        weight zero               | routing: {policies: {p: {type: weighted, weights: {a: 0}}}}                     | routing.policies.p.weights.a: 0 (expected: >= 1)
        quality floor above one   | routing: {policies: {p: {min-delivered-ratio: 1.5}}}                            | routing.policies.p.min-delivered-ratio: 1.5 (expected: 0..1)
        ported number not digits  | routing: {portability: {'+4477': 234-10}}                                       | routing.portability.+4477 (key): '+4477' (expected: 1-15 digits)
        network not MCC-MNC       | routing: {number-ranges: {'4477': vodafone}}                                    | routing.number-ranges.4477: 'vodafone' (expected: MCC-MNC like 234-15)
        max-routes zero           | routing: {failover: {max-routes: 0}}                                            | routing.failover.max-routes: 0 (expected: 1..16)
        routes beside rate cards  | carriers: [{id: a, host: h, port: 1}]\\nroutes: {'44': [a]}\\nrouting: {rate-cards: [{carrier: a, lines: {'44': '0.01'}}]} | routes: [44] (expected: {} when routing.rate-cards is set; give those carriers rate cards instead)
        """)
    void aBadRoutingValueFailsNamingTheKey(String caseName, String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml.replace("\\n", "\n"), "test.yaml", SmsgateConfig.class,
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> everyKey() {
        return Stream.of(
                key("node.id", "node: {id: 7}", c -> c.node().id(), 7),
                key("node.data-path", "node: {data-path: /var/lib/smsgate}", c -> c.node().dataPath(),
                        Path.of("/var/lib/smsgate")),
                key("node.shutdown-timeout", "node: {shutdown-timeout: 2m}", c -> c.node().shutdownTimeout(),
                        Duration.ofMinutes(2)),
                key("store.jdbc-url", "store: {jdbc-url: 'jdbc:postgresql://db:5432/sms'}", c -> c.store().jdbcUrl(),
                        Optional.of("jdbc:postgresql://db:5432/sms")),
                key("store.user", "store: {user: smsgate}", c -> c.store().user(), "smsgate"),
                key("store.password", "store: {password: s3cret}", c -> c.store().password(), "s3cret"),
                key("store.pool-size", "store: {pool-size: 20}", c -> c.store().poolSize(), 20),
                key("store.embedded.port", "store: {embedded: {port: 5499}}", c -> c.store().embedded().port(), 5499),
                key("store.embedded.durable", "store: {embedded: {durable: false}}",
                        c -> c.store().embedded().durable(), false),
                key("store.journal.max-batch-rows", "store: {journal: {max-batch-rows: 10}}",
                        c -> c.store().journal().maxBatchRows(), 10),
                key("store.journal.max-batch-delay", "store: {journal: {max-batch-delay: 2ms}}",
                        c -> c.store().journal().maxBatchDelay(), Duration.ofMillis(2)),
                key("store.journal.queue-capacity", "store: {journal: {queue-capacity: 2000}}",
                        c -> c.store().journal().queueCapacity(), 2000),
                key("store.retention.days", "store: {retention: {days: 90}}", c -> c.store().retention().days(), 90),
                key("store.retention.partitions-ahead", "store: {retention: {partitions-ahead: 3}}",
                        c -> c.store().retention().partitionsAhead(), 3),
                key("store.retention.orphan-days", "store: {retention: {orphan-days: 1}}",
                        c -> c.store().retention().orphanDays(), 1),
                key("store.retention.webhook-days", "store: {retention: {webhook-days: 7}}",
                        c -> c.store().retention().webhookDays(), 7),
                key("store.retention.dead-letter-days", "store: {retention: {dead-letter-days: 60}}",
                        c -> c.store().retention().deadLetterDays(), 60),
                key("admin.bind-address", "admin: {bind-address: 0.0.0.0}", c -> c.admin().bindAddress(), "0.0.0.0"),
                key("admin.port", "admin: {port: 9091}", c -> c.admin().port(), 9091),
                key("admin.tls", "admin: {tls: {cert-path: a.crt, key-path: a.key}}", c -> c.admin().tls(),
                        Optional.of(new AdminHttpConfig.Tls(Path.of("a.crt"), Path.of("a.key")))),
                key("admin.max-request-size", "admin: {max-request-size: 1MiB}", c -> c.admin().maxRequestSize(),
                        DataSize.ofMebibytes(1)),
                key("metrics.jvm", "metrics: {jvm: false}", c -> c.metrics().jvm(), false),
                key("metrics.percentile-histograms", "metrics: {percentile-histograms: false}",
                        c -> c.metrics().percentileHistograms(), false),
                key("metrics.common-tags", "metrics: {common-tags: {region: eu-west}}", c -> c.metrics().commonTags(),
                        Map.of("region", "eu-west")),
                key("carriers", "carriers: [{id: a, host: smsc.example.net, port: 2775, binds: [{window: 50}]}]",
                        c -> c.carriers().stream().findFirst(), Optional.of(new CarrierEntry("a", "smsc.example.net", 2775, "", "", "", "3.4",
                                CarrierEntry.Tls.DEFAULTS, List.of(BindConfig.DEFAULTS.withWindow(50)),
                                CarrierEntry.DEFAULTS.reconnect(), CarrierEntry.DEFAULTS.rate(), Map.of(),
                                CarrierEntry.DEFAULTS.inFlight(), "default", 10_000, Duration.ofSeconds(1), 3, 3,
                                DataSize.ofKibibytes(64), MoReassemblyConfig.DEFAULTS))),
                key("routes", "carriers: [{id: a, host: h, port: 1}]\nroutes: {'44': [a]}", c -> c.routes(),
                        Map.of("44", List.of("a"))),
                key("smpp.bind-address", "smpp: {bind-address: 127.0.0.1}", c -> c.smpp().bindAddress(), "127.0.0.1"),
                key("smpp.port", "smpp: {port: 2776}", c -> c.smpp().port(), 2776),
                key("smpp.tls-port", "smpp: {tls-port: 3551}", c -> c.smpp().tlsPort(), 3551),
                key("smpp.tls", "smpp: {tls: {cert-path: s.crt, key-path: s.key}}", c -> c.smpp().tls(),
                        Optional.of(new SmppSection.Tls(Path.of("s.crt"), Path.of("s.key")))),
                key("smpp.accounts", "smpp: {accounts: [{system-id: acme, password: pw, bind-types: [trx, trx], "
                        + "max-binds: 2, "
                        + "allowlist: [10.0.0.0/8], tps-limit: 50, deliver-window: 5, "
                        + "receipt-format: YYYY}]}", c -> c.smpp().accounts(),
                        List.of(new AccountConfig("acme", "pw", Set.of(BindType.TRX), 2,
                                List.of("10.0.0.0/8"), 50, 5, "YYYY"))),
                key("smpp.system-id", "smpp: {system-id: gw1}", c -> c.smpp().systemId(), "gw1"),
                key("smpp.max-pdu-length", "smpp: {max-pdu-length: 128KiB}", c -> c.smpp().maxPduLength(),
                        DataSize.ofKibibytes(128)),
                key("smpp.session.max-inbound-pending", "smpp: {session: {max-inbound-pending: 1000}}",
                        c -> c.smpp().session().maxInboundPending(), 1000),
                key("smpp.session.enquire-link-interval", "smpp: {session: {enquire-link-interval: 0}}",
                        c -> c.smpp().session().enquireLinkInterval(), Duration.ZERO),
                key("smpp.session.inactivity-timeout", "smpp: {session: {inactivity-timeout: 1m}}",
                        c -> c.smpp().session().inactivityTimeout(), Duration.ofMinutes(1)),
                key("smpp.session.session-init-timeout", "smpp: {session: {session-init-timeout: 5s}}",
                        c -> c.smpp().session().sessionInitTimeout(), Duration.ofSeconds(5)),
                key("smpp.session.unbind-timeout", "smpp: {session: {unbind-timeout: 2s}}",
                        c -> c.smpp().session().unbindTimeout(), Duration.ofSeconds(2)),
                key("smpp.session.response-timeout", "smpp: {session: {response-timeout: 10s}}",
                        c -> c.smpp().session().responseTimeout(), Duration.ofSeconds(10)),
                key("smpp.bind-failure-status", "smpp: {bind-failure-status: ESME_RBINDFAIL}",
                        c -> c.smpp().bindFailureStatus(), CommandStatus.ESME_RBINDFAIL),
                key("smpp.password-hash.memory-kib", "smpp: {password-hash: {memory-kib: 65536}}",
                        c -> c.smpp().passwordHash().memoryKib(), 65_536),
                key("smpp.password-hash.iterations", "smpp: {password-hash: {iterations: 3}}",
                        c -> c.smpp().passwordHash().iterations(), 3),
                key("smpp.password-hash.parallelism", "smpp: {password-hash: {parallelism: 2}}",
                        c -> c.smpp().passwordHash().parallelism(), 2),
                key("smpp.verify-threads", "smpp: {verify-threads: 4}", c -> c.smpp().verifyThreads(), 4),
                key("smpp.verify-queue", "smpp: {verify-queue: 256}", c -> c.smpp().verifyQueue(), 256),
                key("smpp.brute-force.free-failures", "smpp: {brute-force: {free-failures: 0}}",
                        c -> c.smpp().bruteForce().freeFailures(), 0),
                key("smpp.brute-force.base-lockout", "smpp: {brute-force: {base-lockout: 2s}}",
                        c -> c.smpp().bruteForce().baseLockout(), Duration.ofSeconds(2)),
                key("smpp.brute-force.max-lockout", "smpp: {brute-force: {max-lockout: 1h}}",
                        c -> c.smpp().bruteForce().maxLockout(), Duration.ofHours(1)),
                key("smpp.brute-force.max-tracked", "smpp: {brute-force: {max-tracked: 100}}",
                        c -> c.smpp().bruteForce().maxTracked(), 100),
                key("smpp.submit.data-codings", "smpp: {submit: {data-codings: [0, 8]}}",
                        c -> c.smpp().submit().dataCodings(), Set.of(0, 8)),
                key("smpp.submit.invalid-dcs-on34", "smpp: {submit: {invalid-dcs-on34: ESME_RSYSERR}}",
                        c -> c.smpp().submit().invalidDcsOn34(), CommandStatus.ESME_RSYSERR),
                key("smpp.submit.max-message-octets", "smpp: {submit: {max-message-octets: 1600}}",
                        c -> c.smpp().submit().maxMessageOctets(), 1600),
                key("smpp.part-timeout", "smpp: {part-timeout: 1m}", c -> c.smpp().partTimeout(),
                        Duration.ofMinutes(1)),
                key("smpp.max-part-sets", "smpp: {max-part-sets: 500}", c -> c.smpp().maxPartSets(), 500),
                key("smpp.store-threads", "smpp: {store-threads: 4}", c -> c.smpp().storeThreads(), 4),
                key("smpp.store-queue", "smpp: {store-queue: 100}", c -> c.smpp().storeQueue(), 100),
                key("dispatch.reroute-delay", "dispatch: {reroute-delay: 500ms}", c -> c.dispatch().rerouteDelay(),
                        Duration.ofMillis(500)),
                key("dispatch.probe-interval", "dispatch: {probe-interval: 5s}", c -> c.dispatch().probeInterval(),
                        Duration.ofSeconds(5)),
                key("dispatch.outbox-expiry", "dispatch: {outbox-expiry: 24h}", c -> c.dispatch().outboxExpiry(),
                        Duration.ofHours(24)),
                key("smpp.notifier.poll-interval", "smpp: {notifier: {poll-interval: 200ms}}",
                        c -> c.smpp().notifier().pollInterval(), Duration.ofMillis(200)),
                key("smpp.notifier.batch", "smpp: {notifier: {batch: 500}}", c -> c.smpp().notifier().batch(), 500),
                key("smpp.notifier.retry-base", "smpp: {notifier: {retry-base: 1s}}",
                        c -> c.smpp().notifier().retryBase(), Duration.ofSeconds(1)),
                key("smpp.notifier.retry-max", "smpp: {notifier: {retry-max: 1h}}",
                        c -> c.smpp().notifier().retryMax(), Duration.ofHours(1)),
                key("smpp.notifier.memory-queue", "smpp: {notifier: {memory-queue: 0}}",
                        c -> c.smpp().notifier().memoryQueue(), 0),
                key("routing.base-currency", "routing: {base-currency: USD}", c -> c.routing().baseCurrency(), "USD"),
                key("routing.exchange-rates", "routing: {exchange-rates: {USD: 0.92}}",
                        c -> c.routing().exchangeRates(), Map.of("USD", "0.92")),
                key("routing.rate-cards", "routing: {rate-cards: [{carrier: a, currency: GBP, "
                        + "effective-from: '2026-03-01T00:00:00Z', effective-to: '2026-04-01T00:00:00Z', "
                        + "deck: rates/a.csv, deck-zone: Europe/London, lines: {'44': '0.0123'}}]}",
                        c -> c.routing().rateCards(), List.of(new RoutingConfig.RateCardConfig("a", "GBP",
                                "2026-03-01T00:00:00Z", Optional.of("2026-04-01T00:00:00Z"),
                                Optional.of(Path.of("rates/a.csv")), "Europe/London", Map.of("44", "0.0123")))),
                key("routing.policies", "routing: {policies: {retail: {type: priority, carriers: [a, b], "
                        + "blocked: ['999'], pinned: {'33': b}, sell-prices: {'44': '0.05'}, sell-currency: GBP, "
                        + "failover: {max-routes: 2}}}}",
                        c -> c.routing().policies(), Map.of("retail", new RoutingConfig.PolicyConfig(
                                RoutingConfig.PolicyType.PRIORITY, List.of("a", "b"), Map.of(), Optional.empty(),
                                Optional.empty(), "0", List.of("999"), Map.of("33", "b"), Map.of("44", "0.05"), "GBP",
                                Optional.of(new RoutingConfig.FailoverConfig(2,
                                        RoutingConfig.FailoverConfig.DEFAULTS.maxRouteWait(),
                                        RoutingConfig.FailoverConfig.DEFAULTS.responseTimeout(), true,
                                        RoutingConfig.FailoverConfig.DEFAULTS.routeFailureStatuses(), Set.of()))))),
                key("routing.accounts", "routing: {policies: {retail: {}}, accounts: {acme: retail}}",
                        c -> c.routing().accounts(), Map.of("acme", "retail")),
                key("routing.default-policy", "routing: {policies: {retail: {}}, default-policy: retail}",
                        c -> c.routing().defaultPolicy(), "retail"),
                key("routing.senders", "routing: {senders: {a: [short-code, long-number]}}",
                        c -> c.routing().senders(), Map.of("a", Set.of(SenderType.SHORT_CODE, SenderType.LONG_NUMBER))),
                key("routing.number-ranges", "routing: {number-ranges: {'44770': 234-15}}",
                        c -> c.routing().numberRanges(), Map.of("44770", "234-15")),
                key("routing.portability", "routing: {portability: {'447700900123': 234-10}}",
                        c -> c.routing().portability(), Map.of("447700900123", "234-10")),
                key("routing.failover.max-routes", "routing: {failover: {max-routes: 5}}",
                        c -> c.routing().failover().maxRoutes(), 5),
                key("routing.failover.max-route-wait", "routing: {failover: {max-route-wait: 1m}}",
                        c -> c.routing().failover().maxRouteWait(), Duration.ofMinutes(1)),
                key("routing.failover.response-timeout", "routing: {failover: {response-timeout: 10s}}",
                        c -> c.routing().failover().responseTimeout(), Duration.ofSeconds(10)),
                key("routing.failover.failover-on-timeout", "routing: {failover: {failover-on-timeout: false}}",
                        c -> c.routing().failover().failoverOnTimeout(), false),
                key("routing.failover.route-failure-statuses",
                        "routing: {failover: {route-failure-statuses: [ESME_RSYSERR, '0x00000400']}}",
                        c -> c.routing().failover().routeFailureStatuses(),
                        Set.of(CommandStatus.ESME_RSYSERR, CommandStatus.of(0x400))),
                key("routing.failover.receipt-error-codes", "routing: {failover: {receipt-error-codes: ['001']}}",
                        c -> c.routing().failover().receiptErrorCodes(), Set.of("001")),
                key("routing.health.window", "routing: {health: {window: 2m}}", c -> c.routing().health().window(),
                        Duration.ofMinutes(2)),
                key("routing.health.buckets", "routing: {health: {buckets: 6}}", c -> c.routing().health().buckets(),
                        6),
                key("routing.health.min-submits", "routing: {health: {min-submits: 5}}",
                        c -> c.routing().health().minSubmits(), 5),
                key("routing.health.failure-ratio", "routing: {health: {failure-ratio: 0.25}}",
                        c -> c.routing().health().failureRatio(), 0.25),
                key("routing.health.consecutive-failures", "routing: {health: {consecutive-failures: 3}}",
                        c -> c.routing().health().consecutiveFailures(), 3),
                key("routing.health.open-duration", "routing: {health: {open-duration: 5s}}",
                        c -> c.routing().health().openDuration(), Duration.ofSeconds(5)),
                key("routing.health.probe-one-in", "routing: {health: {probe-one-in: 4}}",
                        c -> c.routing().health().probeOneIn(), 4),
                key("routing.health.probe-successes-to-close", "routing: {health: {probe-successes-to-close: 1}}",
                        c -> c.routing().health().probeSuccessesToClose(), 1),
                key("routing.health.min-receipts", "routing: {health: {min-receipts: 10}}",
                        c -> c.routing().health().minReceipts(), 10),
                key("api.enabled", "api: {enabled: false}", c -> c.api().enabled(), false),
                key("api.bind-address", "api: {bind-address: 127.0.0.1}", c -> c.api().bindAddress(), "127.0.0.1"),
                key("api.port", "api: {port: 8443}", c -> c.api().port(), 8443),
                key("api.tls", "api: {tls: {cert-path: h.crt, key-path: h.key}}", c -> c.api().tls(),
                        Optional.of(new ApiConfig.Tls(Path.of("h.crt"), Path.of("h.key")))),
                key("api.max-body-size", "api: {max-body-size: 1MiB}", c -> c.api().maxBodySize(),
                        DataSize.ofMebibytes(1)),
                key("api.per-key-rate", "api: {per-key-rate: 50}", c -> c.api().perKeyRate(), 50),
                key("api.per-account-rate", "api: {per-account-rate: 60}", c -> c.api().perAccountRate(), 60),
                key("api.idempotency-ttl", "api: {idempotency-ttl: 2h}", c -> c.api().idempotencyTtl(),
                        Duration.ofHours(2)),
                key("api.key-cache-ttl", "api: {key-cache-ttl: 1s}", c -> c.api().keyCacheTtl(),
                        Duration.ofSeconds(1)),
                key("api.worker-threads", "api: {worker-threads: 8}", c -> c.api().workerThreads(), 8),
                key("api.worker-queue", "api: {worker-queue: 50}", c -> c.api().workerQueue(), 50),
                key("api.key-pepper", "api: {key-pepper: 0123456789abcdef0123}", c -> c.api().keyPepper(),
                        Optional.of("0123456789abcdef0123")),
                key("fetch.connect-timeout", "fetch: {connect-timeout: 3s}", c -> c.fetch().connectTimeout(),
                        Duration.ofSeconds(3)),
                key("fetch.total-timeout", "fetch: {total-timeout: 20s}", c -> c.fetch().totalTimeout(),
                        Duration.ofSeconds(20)),
                key("fetch.max-response-size", "fetch: {max-response-size: 1MiB}", c -> c.fetch().maxResponseSize(),
                        DataSize.ofMebibytes(1)),
                key("fetch.max-redirects", "fetch: {max-redirects: 0}", c -> c.fetch().maxRedirects(), 0),
                key("fetch.max-connections-per-endpoint", "fetch: {max-connections-per-endpoint: 64}",
                        c -> c.fetch().maxConnectionsPerEndpoint(), 64),
                key("fetch.allowlist", "fetch: {allowlist: [10.20.0.0/16]}", c -> c.fetch().allowlist(),
                        List.of("10.20.0.0/16")),
                key("webhooks.poll-interval", "webhooks: {poll-interval: 1s}", c -> c.webhooks().pollInterval(),
                        Duration.ofSeconds(1)),
                key("webhooks.batch", "webhooks: {batch: 50}", c -> c.webhooks().batch(), 50),
                key("webhooks.max-concurrency-per-endpoint", "webhooks: {max-concurrency-per-endpoint: 4}",
                        c -> c.webhooks().maxConcurrencyPerEndpoint(), 4),
                key("webhooks.retry-base", "webhooks: {retry-base: 1s}", c -> c.webhooks().retryBase(),
                        Duration.ofSeconds(1)),
                key("webhooks.retry-max", "webhooks: {retry-max: 2h}", c -> c.webhooks().retryMax(),
                        Duration.ofHours(2)),
                key("webhooks.retry-horizon", "webhooks: {retry-horizon: 48h}", c -> c.webhooks().retryHorizon(),
                        Duration.ofHours(48)),
                key("webhooks.breaker-failures", "webhooks: {breaker-failures: 3}",
                        c -> c.webhooks().breakerFailures(), 3),
                key("webhooks.breaker-open", "webhooks: {breaker-open: 1m}", c -> c.webhooks().breakerOpen(),
                        Duration.ofMinutes(1)),
                key("webhooks.lease", "webhooks: {lease: 5m}", c -> c.webhooks().lease(), Duration.ofMinutes(5)),
                key("webhooks.rotation-overlap", "webhooks: {rotation-overlap: 1h}",
                        c -> c.webhooks().rotationOverlap(), Duration.ofHours(1)),
                key("webhooks.master-key", "webhooks: {master-key: " + "A".repeat(43) + "=}",
                        c -> c.webhooks().masterKey(), "A".repeat(43) + "="),
                key("compliance.opt-out-scope", "compliance: {opt-out-scope: account}",
                        c -> c.compliance().optOutScope(), OptOutScope.ACCOUNT),
                key("compliance.smpp-status", "compliance: {smpp-status: \"0x00000400\"}",
                        c -> c.compliance().smppStatus(), CommandStatus.of(0x400)),
                key("compliance.refresh-interval", "compliance: {refresh-interval: 5s}",
                        c -> c.compliance().refreshInterval(), Duration.ofSeconds(5)),
                key("compliance.languages", "compliance: {languages: {es: {stop: [BAJA], stop-all: [], start: [ALTA],"
                                + " help: [AYUDA], stop-reply: Baja, start-reply: '', help-reply: Ayuda}}}",
                        c -> c.compliance().languages(), Map.of("es", new KeywordSet(List.of("BAJA"), List.of(),
                                List.of("ALTA"), List.of("AYUDA"), "Baja", "", "Ayuda"))),
                key("compliance.quiet-hours", "compliance: {quiet-hours: [{account: acme, prefixes: ['44'],"
                                + " zone: Europe/London, start: '21:00', end: '08:00'}]}",
                        c -> c.compliance().quietHours(), List.of(new QuietHoursRule("acme", List.of("44"),
                                "Europe/London", "21:00", "08:00"))));
    }

    private static Arguments key(String key, String yaml, Function<SmsgateConfig, Object> read, Object expected) {
        return Arguments.of(key, yaml, read, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKey")
    void everyKeyMapsToItsComponent(String key, String yaml, Function<SmsgateConfig, Object> read, Object expected) {
        SmsgateConfig config = ConfigLoader.parse(yaml, "test.yaml", SmsgateConfig.class, Map.of());
        assertThat(read.apply(config)).isEqualTo(expected).isNotEqualTo(read.apply(SmsgateConfig.DEFAULTS));
    }

    @Test
    void theKeyTableCoversEveryComponent() {
        List<String> tabled = everyKey().map(arguments -> (String) arguments.get()[0]).toList();
        assertThat(tabled).containsExactlyInAnyOrderElementsOf(leafKeys(SmsgateConfig.class, ""));
    }

    @Test
    void smsgateYamlNamesEveryKeyIncludingTheCommentedOptionalOnes() throws IOException {
        JsonNode uncommented = new ObjectMapper(new YAMLFactory()).readTree(uncomment(Files.readString(SMSGATE_YAML)));
        for (String key : leafKeys(SmsgateConfig.class, "")) {
            JsonNode node = uncommented;
            for (String level : key.split("\\.")) {
                node = node.path(level);
            }
            assertThat(node.isMissingNode()).as("%s in %s", key, SMSGATE_YAML).isFalse();
        }
        // The commented-out examples are valid too.
        ConfigLoader.parse(uncomment(Files.readString(SMSGATE_YAML)), "uncommented", SmsgateConfig.class, Map.of());
    }

    @Test
    void everyKeyInSmsgateYamlHasAComment() throws IOException {
        List<String> lines = Files.readAllLines(SMSGATE_YAML);
        List<String> uncommented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String content = COMMENTED_KEY_LINE.matcher(line).matches()
                    ? COMMENTED_KEY_LINE.matcher(line).replaceFirst("$1$2") : line;
            if (KEY_LINE.matcher(content).matches() && !hasComment(lines, i, content)) {
                uncommented.add((i + 1) + ": " + line);
            }
        }
        assertThat(uncommented).isEmpty();
    }

    @Test
    void environmentOverridesTheFile() {
        SmsgateConfig config = ConfigLoader.load(SMSGATE_YAML, SmsgateConfig.class, Map.of(
                "SMSGATE__STORE__POOL_SIZE", "16", "SMSGATE__ADMIN__TLS__CERT_PATH", "a.crt",
                "SMSGATE__ADMIN__TLS__KEY_PATH", "a.key", "SMSGATE__STORE__JDBC_URL", "jdbc:postgresql://db/sms"));
        assertThat(config.store().poolSize()).isEqualTo(16);
        assertThat(config.store().jdbcUrl()).contains("jdbc:postgresql://db/sms");
        assertThat(config.admin().tls()).contains(new AdminHttpConfig.Tls(Path.of("a.crt"), Path.of("a.key")));
    }

    @Test
    void aBadValueFailsNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(SMSGATE_YAML, SmsgateConfig.class,
                Map.of("SMSGATE__STORE__JOURNAL__MAX_BATCH_ROWS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(SMSGATE_YAML + ": store.journal.max-batch-rows: 0 (expected: 1..10000) "
                        + "[from environment variable SMSGATE__STORE__JOURNAL__MAX_BATCH_ROWS]");
    }

    @Test
    void environmentOverridesTheRetentionKeys() {
        SmsgateConfig config = ConfigLoader.load(SMSGATE_YAML, SmsgateConfig.class, Map.of(
                "SMSGATE__STORE__RETENTION__WEBHOOK_DAYS", "1", "SMSGATE__STORE__RETENTION__DEAD_LETTER_DAYS", "90"));
        assertThat(config.store().retention().webhookDays()).isEqualTo(1);
        assertThat(config.store().retention().deadLetterDays()).isEqualTo(90);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        webhook days zero                | SMSGATE__STORE__RETENTION__WEBHOOK_DAYS     | 0   | store.retention.webhook-days: 0 (expected: 1..30, store.retention.days)
        webhook events outlive messages  | SMSGATE__STORE__RETENTION__WEBHOOK_DAYS     | 31  | store.retention.webhook-days: 31 (expected: 1..30, store.retention.days)
        dead letters zero                | SMSGATE__STORE__RETENTION__DEAD_LETTER_DAYS | 0   | store.retention.dead-letter-days: 0 (expected: 1..3660)
        dead letters not a number        | SMSGATE__STORE__RETENTION__DEAD_LETTER_DAYS | two | store.retention.dead-letter-days
        """)
    void aBadRetentionValueFailsNamingTheKey(String caseName, String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(SMSGATE_YAML, SmsgateConfig.class, Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SMSGATE_YAML + ": " + message)
                .hasMessageContaining("[from environment variable " + variable + "]");
    }

    @Test
    void theStorePasswordIsMaskedInToString() {
        SmsgateConfig config = ConfigLoader.parse("store: {password: hunter2}", "test.yaml", SmsgateConfig.class,
                Map.of());
        assertThat(config.toString()).doesNotContain("hunter2").contains("password=***");
    }

    @Test
    void everyFileUnderConfigParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CONFIG)) {
            files = walk.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".md")).sorted()
                    .toList();
        }
        assertThat(files).contains(SMSGATE_YAML);
        for (Path file : files) {
            Path relative = CONFIG.relativize(file);
            if (relative.equals(Path.of("smsgate.yaml"))) {
                ConfigLoader.load(file, SmsgateConfig.class, Map.of());
            } else if (relative.startsWith("carriers") || relative.startsWith(Path.of("examples", "carriers"))) {
                ConfigLoader.load(file, CarrierProfile.class, Map.of());
            } else if (relative.startsWith("scenarios")) {
                ScenarioYaml.read(file);
            } else if (relative.startsWith("examples") && relative.getFileName().toString().startsWith("simulator-")) {
                SmscConfig.read(file);
            } else if (relative.startsWith("examples") && relative.getFileName().toString().startsWith("smsgate-")) {
                ConfigLoader.load(file, SmsgateConfig.class, Map.of());
            } else {
                throw new AssertionError(file + ": no parser knows this file; add it to this test");
            }
        }
    }

    private static boolean hasComment(List<String> lines, int index, String content) {
        if (content.contains(" # ")) {
            return true;
        }
        for (int i = index - 1; i >= 0; i--) {
            String previous = lines.get(i).trim();
            if (previous.isEmpty()) {
                return false;
            }
            return previous.startsWith("#") && !COMMENTED_KEY_LINE.matcher(lines.get(i)).matches();
        }
        return false;
    }

    // Turns "  # tls:" and "  #   cert-path: …" into keys, so commented-out optional keys count as documented; a
    // commented list element ("  # - id: a") under "carriers: []" fills that list.
    private static String uncomment(String yaml) {
        List<String> out = new ArrayList<>();
        for (String line : yaml.split("\n", -1)) {
            var matcher = COMMENTED_KEY_LINE.matcher(line);
            if (matcher.matches()) {
                String key = matcher.replaceFirst("$1$2");
                int last = out.size() - 1;
                if (key.trim().startsWith("- ") && last >= 0 && out.get(last).endsWith(": []")) {
                    out.set(last, out.get(last).substring(0, out.get(last).length() - " []".length()));
                }
                out.add(key);
            } else if (!line.trim().startsWith("#")) {
                out.add(line);
            }
        }
        return String.join("\n", out) + "\n";
    }

    /** Dotted keys of every scalar, list, map and optional component below {@code type}. */
    private static List<String> leafKeys(Class<?> type, String prefix) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = RecordBinder.join(prefix, RecordBinder.key(component.getName()));
            Class<?> raw = component.getType();
            if (raw.isRecord() && raw != DataSize.class && raw != CommandStatus.class) {
                keys.addAll(leafKeys(raw, key));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }
}
