package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RouterTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant NOW = T0.plus(Duration.ofDays(1));

    private final List<String> circuitEvents = new ArrayList<>();
    private final RoutingListener listener = new RoutingListener() {
        @Override
        public void circuitChanged(String carrierId, Optional<String> country, CircuitState from, CircuitState to,
                                   Instant at) {
            circuitEvents.add(carrierId + country.map(c -> "/" + c).orElse("") + " " + from + "->" + to);
        }
    };
    private final HealthBoard board = new HealthBoard(HealthConfig.DEFAULTS, listener);

    /** Three carriers pricing UK mobiles: cheap (0.010), mid (0.012), dear (0.020); dear grades tier 3. */
    static RoutingSnapshot.Builder ukSnapshot(AccountPolicy policy) {
        return RoutingSnapshot.builder()
                .carrier(Carrier.of("cheap"))
                .carrier(new Carrier("mid", EnumSet.of(SenderType.LONG_NUMBER, SenderType.SHORT_CODE)))
                .carrier(Carrier.of("dear"))
                .rateCard(RateCard.of("cheap", "EUR", T0, List.of(
                        RateLine.prefix("44", 30_000).withCountry("GB").withTier(1),
                        RateLine.prefix("447", 10_000).withCountry("GB").withTier(1))))
                .rateCard(RateCard.of("mid", "EUR", T0, List.of(RateLine.prefix("447", 12_000).withCountry("GB")
                        .withTier(2))))
                .rateCard(RateCard.of("dear", "EUR", T0, List.of(RateLine.prefix("4477", 20_000).withCountry("GB")
                        .withTier(3))))
                .policy("standard", policy)
                .account("acme", "standard");
    }

    private Router router(AccountPolicy policy) {
        return new Router(ukSnapshot(policy).build(), board, listener);
    }

    private static RouteRequest request(String destination) {
        return RouteRequest.of("acme", destination, "447700900001", 7);
    }

    private static List<String> carriers(RoutePlan plan) {
        assertThat(plan).isInstanceOf(RoutePlan.Routed.class);
        return ((RoutePlan.Routed) plan).candidates().stream().map(RouteCandidate::carrierId).toList();
    }

    private static RoutePlan.Reason reason(RoutePlan plan) {
        assertThat(plan).isInstanceOf(RoutePlan.Rejected.class);
        return ((RoutePlan.Rejected) plan).reason();
    }

    @Test
    void leastCostOrdersByPriceOfEachCarriersLongestPrefix() {
        RoutePlan plan = router(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)).decide(request("447712345678"), NOW);

        assertThat(plan).isEqualTo(new RoutePlan.Routed(List.of(
                new RouteCandidate("cheap", 10_000, "EUR", 10_000, RouteCandidate.Choice.LEAST_COST, "GB", 1),
                new RouteCandidate("mid", 12_000, "EUR", 12_000, RouteCandidate.Choice.LEAST_COST, "GB", 2),
                new RouteCandidate("dear", 20_000, "EUR", 20_000, RouteCandidate.Choice.LEAST_COST, "GB", 3)),
                FailoverPolicy.DEFAULTS));
    }

    @Test
    void planHoldsAtMostMaxRoutes() {
        AccountPolicy policy = AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST).withFailover(
                new FailoverPolicy(2, Duration.ofMinutes(1), Duration.ofSeconds(30), true, FailoverPolicy.ROUTE_FAILURES,
                        java.util.Set.of()));
        assertThat(carriers(router(policy).decide(request("447712345678"), NOW))).containsExactly("cheap", "mid");
    }

    @Test
    void qualityFloorSkipsLowTiers() {
        AccountPolicy policy = AccountPolicy.of(new RoutePolicy.LeastCost(
                new QualityFloor(OptionalInt.of(2), OptionalDouble.empty()), 0));
        assertThat(carriers(router(policy).decide(request("447712345678"), NOW))).containsExactly("mid", "dear");
    }

    @Test
    void failedDeliveryCostRanksAnUnreliableCheapRouteBelowAReliableOne() {
        Router router = router(AccountPolicy.of(new RoutePolicy.LeastCost(QualityFloor.NONE, 100_000)));
        for (int i = 0; i < 100; i++) { // cheap delivers 80%: 10_000 + 0.2 * 100_000 = 30_000 > mid's 12_000
            board.submitted("cheap", "GB", SubmitResult.ACCEPTED, Duration.ofMillis(20), NOW);
            board.receipt("cheap", "GB", i % 5 != 0, Duration.ofSeconds(3), NOW);
        }
        assertThat(carriers(router.decide(request("447712345678"), NOW))).containsExactly("mid", "dear", "cheap");
    }

    @Test
    void deliveredRatioFloorSkipsPoorCarriers() {
        Router router = router(AccountPolicy.of(new RoutePolicy.LeastCost(
                new QualityFloor(OptionalInt.empty(), OptionalDouble.of(0.9)), 0)));
        for (int i = 0; i < 100; i++) {
            board.receipt("cheap", "GB", i % 5 != 0, Duration.ofSeconds(3), NOW);
        }
        Explanation explanation = router.explain(request("447712345678"), NOW);
        assertThat(carriers(explanation.plan())).containsExactly("mid", "dear");
        assertThat(explanation.candidates()).filteredOn(c -> c.carrierId().equals("cheap"))
                .extracting(Explanation.CandidateExplanation::verdict).containsExactly(Explanation.Verdict.BELOW_QUALITY);
    }

    @Test
    void priorityKeepsTheListOrderAndOmitsUnlistedCarriers() {
        RoutePlan plan = router(AccountPolicy.of(new RoutePolicy.Priority(List.of("dear", "cheap"))))
                .decide(request("447712345678"), NOW);
        assertThat(carriers(plan)).containsExactly("dear", "cheap");
        assertThat(((RoutePlan.Routed) plan).first().choice()).isEqualTo(RouteCandidate.Choice.PRIORITY);
    }

    @Test
    void weightedSplitFollowsTheWeightsAndIsStablePerMessage() {
        Router router = router(AccountPolicy.of(new RoutePolicy.Weighted(List.of(
                new RoutePolicy.Share("cheap", 70), new RoutePolicy.Share("mid", 30)))));
        Map<String, Integer> firsts = new HashMap<>();
        for (long key = 0; key < 10_000; key++) {
            RouteRequest request = RouteRequest.of("acme", "447712345678", "4412", key);
            List<String> plan = carriers(router.decide(request, NOW));
            assertThat(plan).containsExactlyInAnyOrder("cheap", "mid");
            assertThat(carriers(router.decide(request, NOW))).isEqualTo(plan);
            firsts.merge(plan.get(0), 1, Integer::sum);
        }
        assertThat(firsts.get("cheap")).isBetween(6_700, 7_300);
        assertThat(firsts.get("mid")).isBetween(2_700, 3_300);
    }

    @Test
    void prefixRulesPinBlockAndOverrideTheAccountPolicy() {
        AccountPolicy policy = AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)
                .withPrefix("4477", new RoutePolicy.Pinned("dear"))
                .withPrefix("447666", new RoutePolicy.Blocked())
                .withPrefix("447712000000", new RoutePolicy.Blocked());
        Router router = router(policy);
        assertThat(carriers(router.decide(request("447712345678"), NOW))).containsExactly("dear");
        assertThat(reason(router.decide(request("447712000000"), NOW))).isEqualTo(RoutePlan.Reason.BLOCKED);
        assertThat(reason(router.decide(request("447666123456"), NOW))).isEqualTo(RoutePlan.Reason.BLOCKED);
        assertThat(carriers(router.decide(request("447912345678"), NOW))).containsExactly("cheap", "mid");
    }

    @Test
    void alphanumericSendersOnlyTakeRoutesThatAllowThem() {
        Router router = router(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST));
        assertThat(carriers(router.decide(RouteRequest.of("acme", "447712345678", "ACME", 1), NOW)))
                .containsExactly("cheap", "dear");
        Router midOnly = router(AccountPolicy.of(new RoutePolicy.Pinned("mid")));
        assertThat(reason(midOnly.decide(RouteRequest.of("acme", "447712345678", "ACME", 1), NOW)))
                .isEqualTo(RoutePlan.Reason.SENDER_NOT_ALLOWED);
    }

    @Test
    void marginProtectionNeverRoutesAboveTheSellPrice() {
        AccountPolicy policy = AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)
                .withSellRates(new AccountPolicy.SellRates("EUR", Map.of("44", 15_000L, "4478", 5_000L)));
        Router router = router(policy);
        assertThat(carriers(router.decide(request("447712345678"), NOW))).containsExactly("cheap", "mid");
        assertThat(reason(router.decide(request("447812345678"), NOW))).isEqualTo(RoutePlan.Reason.ABOVE_PRICE);
    }

    @Test
    void marginIsComparedInTheBaseCurrency() {
        RoutingSnapshot snapshot = RoutingSnapshot.builder()
                .exchangeRates(new ExchangeRates("EUR", Map.of("USD", new java.math.BigDecimal("0.5"))))
                .carrier(Carrier.of("us"))
                .rateCard(RateCard.of("us", "USD", T0, List.of(RateLine.prefix("1", 20_000))))
                .policy("p", AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)
                        .withSellRates(new AccountPolicy.SellRates("EUR", Map.of("1", 10_000L))))
                .account("acme", "p")
                .build();
        RoutePlan plan = new Router(snapshot, board, listener).decide(request("12125550100"), NOW);
        assertThat(((RoutePlan.Routed) plan).first()).isEqualTo(
                new RouteCandidate("us", 20_000, "USD", 10_000, RouteCandidate.Choice.LEAST_COST, "", -1));
    }

    @Test
    void rejectsWithTheReasonThatExplainsIt() {
        Router router = router(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST));
        assertThat(reason(router.decide(request("33123456789"), NOW))).isEqualTo(RoutePlan.Reason.NO_ROUTE);
        assertThat(reason(router.decide(request("44 7700"), NOW))).isEqualTo(RoutePlan.Reason.INVALID_DESTINATION);
        assertThat(reason(router.decide(RouteRequest.of("nobody", "447712345678", "x", 1), NOW)))
                .isEqualTo(RoutePlan.Reason.UNKNOWN_ACCOUNT);
        assertThat(reason(router.decide(request("447712345678"), T0.minusMillis(1)))).isEqualTo(RoutePlan.Reason.NO_ROUTE);
        assertThat(carriers(router.decide(request("+447712345678"), NOW))).first().isEqualTo("cheap");
    }

    @Test
    void downAndOpenCarriersAreSkippedAndAllDownIsRetryable() {
        Router router = router(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST));
        board.bindDown("cheap", NOW);
        for (int i = 0; i < HealthConfig.DEFAULTS.consecutiveFailures(); i++) {
            board.submitted("mid", "GB", SubmitResult.TIMEOUT, Duration.ofSeconds(30), NOW);
        }
        assertThat(carriers(router.decide(request("447712345678"), NOW))).containsExactly("dear");
        assertThat(circuitEvents).contains("mid CLOSED->OPEN", "mid/GB CLOSED->OPEN");

        board.bindDown("dear", NOW);
        RoutePlan plan = router.decide(request("447712345678"), NOW);
        assertThat(reason(plan)).isEqualTo(RoutePlan.Reason.ROUTES_UNAVAILABLE);
        assertThat(reason(plan).retryable()).isTrue();
    }

    @Test
    void aCountryLevelBreakerOnlyClosesThatCountry() {
        RoutingSnapshot snapshot = ukSnapshot(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST))
                .rateCard(RateCard.of("cheap", "EUR", T0.plusSeconds(1), List.of(
                        RateLine.prefix("447", 10_000).withCountry("GB"),
                        RateLine.prefix("33", 10_000).withCountry("FR"))))
                .build();
        Router router = new Router(snapshot, board, listener);
        for (int i = 0; i < HealthConfig.DEFAULTS.consecutiveFailures(); i++) {
            board.submitted("cheap", "FR", SubmitResult.ERROR, Duration.ofMillis(5), NOW);
            board.submitted("cheap", "GB", SubmitResult.ACCEPTED, Duration.ofMillis(5), NOW);
        }
        assertThat(reason(router.decide(request("33612345678"), NOW))).isEqualTo(RoutePlan.Reason.ROUTES_UNAVAILABLE);
        assertThat(carriers(router.decide(request("447912345678"), NOW))).first().isEqualTo("cheap");
    }

    @Test
    void halfOpenCarriersAreProbedByAShareOfMessages() {
        Router router = router(AccountPolicy.of(new RoutePolicy.Pinned("cheap")));
        for (int i = 0; i < HealthConfig.DEFAULTS.consecutiveFailures(); i++) {
            board.submitted("cheap", "", SubmitResult.ERROR, Duration.ofMillis(5), NOW);
        }
        Instant later = NOW.plus(HealthConfig.DEFAULTS.openDuration());
        int probes = 0;
        for (long key = 0; key < 2_000; key++) {
            RoutePlan plan = router.decide(RouteRequest.of("acme", "447912345678", "4412", key), later);
            assertThat(router.decide(RouteRequest.of("acme", "447912345678", "4412", key), NOW))
                    .isInstanceOf(RoutePlan.Rejected.class);
            if (plan instanceof RoutePlan.Routed routed) {
                assertThat(routed.first().choice()).isEqualTo(RouteCandidate.Choice.PROBE);
                probes++;
            }
        }
        assertThat(probes).isBetween(60, 140); // one in 20
    }

    @Test
    void portedNumbersArePricedAtTheirNewNetworksRate() {
        MccMnc vodafone = new MccMnc("234", "15");
        MccMnc o2 = new MccMnc("234", "10");
        RoutingSnapshot snapshot = ukSnapshot(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST))
                .rateCard(RateCard.of("mid", "EUR", T0.plusSeconds(1), List.of(
                        RateLine.prefix("447", 12_000).withCountry("GB"),
                        RateLine.network(vodafone, 8_000).withCountry("GB"),
                        RateLine.network(o2, 30_000).withCountry("GB"))))
                .numberRange("4477", vodafone)
                .ported("447712000001", o2)
                .build();
        Router router = new Router(snapshot, board, listener);
        assertThat(carriers(router.decide(request("447712345678"), NOW))).startsWith("mid", "cheap");
        assertThat(carriers(router.decide(request("447712000001"), NOW))).containsExactly("cheap", "dear", "mid");
        RouteRequest viaHlr = new RouteRequest("acme", "447712345678", "4412", 1, Optional.of(o2));
        assertThat(carriers(router.decide(viaHlr, NOW))).containsExactly("cheap", "dear", "mid");

        Explanation explanation = router.explain(request("447712000001"), NOW);
        assertThat(explanation.networkSource()).isEqualTo(Explanation.NetworkSource.PORTABILITY_TABLE);
        assertThat(explanation.candidates()).filteredOn(c -> c.carrierId().equals("mid"))
                .extracting(Explanation.CandidateExplanation::matched).containsExactly("234-10");
    }

    @Test
    void aNewCardTakesOverExactlyAtItsEffectiveInstant() {
        Instant switchAt = NOW.plusSeconds(3600);
        RoutingSnapshot snapshot = ukSnapshot(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST))
                .rateCard(RateCard.of("cheap", "EUR", switchAt, List.of(RateLine.prefix("447", 50_000))))
                .build();
        Router router = new Router(snapshot, board, listener);
        assertThat(carriers(router.decide(request("447912345678"), switchAt.minusMillis(1)))).containsExactly("cheap", "mid");
        assertThat(carriers(router.decide(request("447912345678"), switchAt))).containsExactly("mid", "cheap");
        // the new card has no "44" line: it no longer prices fixed lines
        assertThat(reason(router.decide(request("442079460000"), switchAt))).isEqualTo(RoutePlan.Reason.NO_ROUTE);
    }

    @Test
    void replacingTheSnapshotAppliesToTheNextDecisionAndKeepsHealth() {
        Router router = router(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST));
        board.bindDown("cheap", NOW);
        router.replace(ukSnapshot(AccountPolicy.of(new RoutePolicy.Priority(List.of("cheap", "dear")))).version(2).build());
        assertThat(router.snapshot().version()).isEqualTo(2);
        assertThat(carriers(router.decide(request("447712345678"), NOW))).containsExactly("dear");
    }

    @Test
    void explainShowsEveryCandidateWithItsVerdict() {
        AccountPolicy policy = AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST).withFailover(
                new FailoverPolicy(1, Duration.ofMinutes(1), Duration.ofSeconds(30), true, FailoverPolicy.ROUTE_FAILURES,
                        java.util.Set.of()));
        Router router = router(policy);
        board.bindDown("dear", NOW);
        Explanation explanation = router.explain(RouteRequest.of("acme", "447712345678", "ACME", 1), NOW);

        assertThat(explanation.candidates()).extracting(Explanation.CandidateExplanation::carrierId,
                        Explanation.CandidateExplanation::matched, Explanation.CandidateExplanation::priceMicros,
                        Explanation.CandidateExplanation::verdict, Explanation.CandidateExplanation::rank)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cheap", "447", 10_000L, Explanation.Verdict.CHOSEN, 1),
                        org.assertj.core.groups.Tuple.tuple("mid", "447", 12_000L,
                                Explanation.Verdict.SENDER_NOT_ALLOWED, 0),
                        org.assertj.core.groups.Tuple.tuple("dear", "4477", 20_000L, Explanation.Verdict.BIND_DOWN, 0));
        assertThat(explanation.plan()).isEqualTo(router.decide(RouteRequest.of("acme", "447712345678", "ACME", 1), NOW));
    }
}
