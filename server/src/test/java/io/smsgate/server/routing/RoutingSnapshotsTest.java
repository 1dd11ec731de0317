package io.smsgate.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.routing.HealthBoard;
import io.smsgate.routing.HealthConfig;
import io.smsgate.routing.RateDeckCsv;
import io.smsgate.routing.RouteCandidate;
import io.smsgate.routing.RoutePlan;
import io.smsgate.routing.RouteRequest;
import io.smsgate.routing.Router;
import io.smsgate.routing.RoutingListener;
import io.smsgate.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing: section becomes the snapshot operators expect: prices, versions, policies, portability, decks. */
class RoutingSnapshotsTest {
    private static final Set<String> CARRIERS = Set.of("a", "b", "c");
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path directory;

    @Test
    void theCheaperCarrierComesFirstAndTheOtherIsTheFailover() {
        Router router = router("""
                rate-cards:
                  - {carrier: a, lines: {'44': '0.0100'}}
                  - {carrier: b, lines: {'44': '0.0080', '4477': '0.0200'}}
                """);
        assertThat(carriers(router.decide(request("acme", "447700900123", "ACME"), NOW))).containsExactly("a", "b");
        assertThat(carriers(router.decide(request("acme", "441134960000", "ACME"), NOW))).containsExactly("b", "a");
        RoutePlan.Routed plan = (RoutePlan.Routed) router.decide(request("acme", "441134960000", "ACME"), NOW);
        assertThat(plan.first().priceMicros()).isEqualTo(8_000);
        assertThat(plan.first().currency()).isEqualTo("EUR");
    }

    @Test
    void aCardVersionTakesOverAtItsEffectiveInstantAndCardsInOtherCurrenciesAreConverted() {
        Router router = router("""
                exchange-rates: {USD: '0.5'}
                rate-cards:
                  - {carrier: a, lines: {'33': '0.0100'}}
                  - {carrier: a, effective-from: '2026-07-01T00:00:00Z', lines: {'33': '0.0300'}}
                  - {carrier: b, currency: USD, lines: {'33': '0.0400'}}
                """);
        RouteRequest request = request("acme", "33612345678", "ACME");
        assertThat(carriers(router.decide(request, NOW))).containsExactly("a", "b");
        assertThat(carriers(router.decide(request, Instant.parse("2026-07-01T00:00:00Z")))).containsExactly("b", "a");
        RoutePlan.Routed later = (RoutePlan.Routed) router.decide(request, Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(later.first().priceMicros()).isEqualTo(40_000);
        assertThat(later.first().currency()).isEqualTo("USD");
        assertThat(later.first().costMicros()).isEqualTo(20_000);
    }

    @Test
    void policiesApplyPerAccount() {
        Router router = router("""
                rate-cards:
                  - {carrier: a, lines: {'44': '0.0100', '49': '0.0100'}}
                  - {carrier: b, lines: {'44': '0.0080', '49': '0.0500'}}
                  - {carrier: c, lines: {'44': '0.0090', '49': '0.0090'}}
                senders: {c: [short-code, long-number]}
                policies:
                  cheap: {}
                  loyal: {type: priority, carriers: [c, a], blocked: ['4479'], pinned: {'4470': b}}
                  margin: {sell-prices: {'49': '0.0095'}}
                accounts: {acme: loyal, shop: margin}
                default-policy: cheap
                """);
        assertThat(carriers(router.decide(request("other", "447700900123", "4412345"), NOW)))
                .containsExactly("b", "c", "a");
        assertThat(carriers(router.decide(request("other", "447700900123", "ACME"), NOW)))
                .as("c takes no alphanumeric sender").containsExactly("b", "a");
        assertThat(carriers(router.decide(request("acme", "447700900123", "4412345"), NOW))).containsExactly("c", "a");
        assertThat(carriers(router.decide(request("acme", "447012345678", "4412345"), NOW))).containsExactly("b");
        assertThat(router.decide(request("acme", "447912345678", "4412345"), NOW))
                .isEqualTo(new RoutePlan.Rejected(RoutePlan.Reason.BLOCKED, "destination blocked by policy loyal"));
        assertThat(carriers(router.decide(request("shop", "4915112345678", "4412345"), NOW))).containsExactly("c");
        assertThat(router.decide(request("shop", "4915112345678", "ACME"), NOW))
                .isEqualTo(new RoutePlan.Rejected(RoutePlan.Reason.ABOVE_PRICE,
                        "every route costs more than the sell price"));
    }

    @Test
    void aPortedNumberIsPricedAtItsNewNetwork() throws IOException {
        Files.writeString(directory.resolve("a.csv"), """
                mcc,mnc,country,network,rate
                234,15,GB,Vodafone,0.0100
                234,10,GB,O2,0.0300
                """);
        Router router = router("""
                rate-cards:
                  - {carrier: a, deck: a.csv}
                  - {carrier: b, lines: {'44': '0.0200'}}
                number-ranges: {'44770': 234-15}
                portability: {'447700900999': 234-10}
                """);
        assertThat(carriers(router.decide(request("acme", "447700900123", "ACME"), NOW))).containsExactly("a", "b");
        assertThat(carriers(router.decide(request("acme", "447700900999", "ACME"), NOW))).containsExactly("b", "a");
    }

    @Test
    void aDeckIsReadRelativeToTheConfigurationAndItsRejectedLinesAreReported() throws IOException {
        Files.createDirectories(directory.resolve("rates"));
        Files.writeString(directory.resolve("rates/b.csv"), """
                prefix,country,network,rate,effective date
                44,GB,,0.0070,2026-01-01
                4477,GB,mobile,not-a-price,2026-01-01
                """);
        RoutingSnapshots.Built built = RoutingSnapshots.build(config("""
                rate-cards:
                  - {carrier: a, lines: {'44': '0.0100'}}
                  - {carrier: b, deck: rates/b.csv}
                """), Map.of(), CARRIERS, directory, 1);
        assertThat(built.decks()).singleElement().satisfies(deck -> {
            assertThat(deck.carrier()).isEqualTo("b");
            assertThat(deck.dataLines()).isEqualTo(2);
            assertThat(deck.imported()).isEqualTo(1);
            assertThat(deck.rejected()).extracting(RateDeckCsv.RejectedLine::lineNumber).containsExactly(3L);
        });
        assertThat(built.snapshot().rateCount()).isEqualTo(2);
    }

    @Test
    void withoutRateCardsTheStaticRoutesApply() {
        RoutingSnapshots.Built built = RoutingSnapshots.build(RoutingConfig.DEFAULTS,
                Map.of("", List.of("b", "a")), CARRIERS, directory, 1);
        Router router = new Router(built.snapshot(), new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP),
                RoutingListener.NOOP);
        assertThat(carriers(router.decide(request("acme", "447700900123", "ACME"), NOW))).containsExactly("b", "a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        card of an unknown carrier | rate-cards: [{carrier: z, lines: {'44': '1'}}]                                      | routing.rate-cards[0].carrier: 'z' (expected: one of [a, b, c])
        deck missing               | rate-cards: [{carrier: a, deck: missing.csv}]                                       | routing.rate-cards[0].deck:
        priority of an unrated one | rate-cards: [{carrier: a, lines: {'44': '1'}}]\\npolicies: {p: {type: priority, carriers: [a, b]}} | routing.policies.p.carriers: 'b' (expected: one of [a])
        sender rule of a stranger  | rate-cards: [{carrier: a, lines: {'44': '1'}}]\\nsenders: {z: [short-code]}          | routing.senders.z (key): 'z' (expected: one of [a, b, c])
        """)
    void aBadReferenceFailsNamingTheKey(String caseName, String yaml, String message) {
        RoutingConfig config = config(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> RoutingSnapshots.build(config, Map.of(), CARRIERS, directory, 1))
                .hasMessageContaining(message);
    }

    @Test
    void reloadSwapsTheSnapshotAndABadOneChangesNothing() {
        RoutingConfig first = config("rate-cards: [{carrier: a, lines: {'44': '0.01'}}, "
                + "{carrier: b, lines: {'44': '0.02'}}]");
        try (RoutingRuntime runtime = RoutingRuntime.start(first, Map.of(), CARRIERS, directory, RoutingListener.NOOP,
                java.time.Clock.systemUTC())) {
            RouteRequest request = request("acme", "447700900123", "ACME");
            assertThat(carriers(runtime.router().decide(request, NOW))).containsExactly("a", "b");
            RoutingSnapshots.Built built = runtime.reload(config("rate-cards: [{carrier: a, lines: {'44': '0.03'}}, "
                    + "{carrier: b, lines: {'44': '0.02'}}]"));
            assertThat(built.snapshot().version()).isEqualTo(2);
            assertThat(carriers(runtime.router().decide(request, NOW))).containsExactly("b", "a");
            assertThatThrownBy(() -> runtime.reload(config("rate-cards: [{carrier: z, lines: {'44': '0.01'}}]")))
                    .hasMessageContaining("routing.rate-cards[0].carrier: 'z'");
            assertThat(runtime.router().snapshot()).isSameAs(built.snapshot());
        }
    }

    private Router router(String yaml) {
        RoutingSnapshots.Built built = RoutingSnapshots.build(config(yaml), Map.of(), CARRIERS, directory, 1);
        return new Router(built.snapshot(), new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP),
                RoutingListener.NOOP);
    }

    private static RoutingConfig config(String yaml) {
        return ConfigLoader.parse(yaml, "routing.yaml", RoutingConfig.class, Map.of());
    }

    private static RouteRequest request(String account, String destination, String sender) {
        return RouteRequest.of(account, destination, sender, 1);
    }

    private static List<String> carriers(RoutePlan plan) {
        assertThat(plan).isInstanceOf(RoutePlan.Routed.class);
        return ((RoutePlan.Routed) plan).candidates().stream().map(RouteCandidate::carrierId).toList();
    }
}
