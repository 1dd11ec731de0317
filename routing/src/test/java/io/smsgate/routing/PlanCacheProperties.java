package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * A reused plan is the plan a fresh decision makes: decisions at random times (forwards and backwards) across card
 * versions, line start dates and breakers that open and half-open, with health reports in between, always equal
 * {@link Router#explain}'s plan, which never reads the cache.
 */
class PlanCacheProperties {
    private static final Instant T0 = RouterTest.T0;

    @Property(tries = 200)
    void aReusedPlanEqualsAFreshDecision(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        Random random = new Random(seed);
        HealthConfig healthConfig = new HealthConfig(Duration.ofSeconds(60), 12, 4, 0.5, 3, Duration.ofSeconds(20),
                2, 1, 5);
        HealthBoard board = new HealthBoard(healthConfig, RoutingListener.NOOP);
        RoutingSnapshot.Builder builder = RoutingSnapshot.builder();
        List<String> carriers = new ArrayList<>();
        int carrierCount = 2 + random.nextInt(5);
        for (int c = 0; c < carrierCount; c++) {
            String id = "c" + c;
            carriers.add(id);
            builder.carrier(Carrier.of(id));
            Instant second = T0.plusSeconds(random.nextInt(200));
            builder.rateCard(RateCard.of(id, "EUR", T0, lines(random, 0)));
            builder.rateCard(RateCard.of(id, "EUR", second, lines(random, random.nextInt(200))));
        }
        RoutePolicy policy = switch (random.nextInt(3)) {
            case 0 -> RoutePolicy.LeastCost.CHEAPEST;
            case 1 -> new RoutePolicy.LeastCost(QualityFloor.NONE, 50_000);
            default -> new RoutePolicy.Priority(carriers);
        };
        RoutingSnapshot snapshot = builder.policy("p", AccountPolicy.of(policy)).defaultPolicy("p").build();
        Router router = new Router(snapshot, board, RoutingListener.NOOP);
        Router fresh = new Router(snapshot, board, RoutingListener.NOOP, false);
        List<String> destinations = List.of("1234567", "1299", "2", "2200", "21", "111111", "3");
        for (int step = 0; step < 300; step++) {
            Instant now = T0.plusMillis(random.nextInt(300_000));
            String carrier = carriers.get(random.nextInt(carriers.size()));
            String country = random.nextBoolean() ? "" : "k" + random.nextInt(3);
            switch (random.nextInt(8)) {
                case 0 -> board.bindDown(carrier, now);
                case 1 -> board.bindUp(carrier, now);
                case 2 -> board.submitted(carrier, country, SubmitResult.ERROR, Duration.ofMillis(5), now);
                case 3 -> board.submitted(carrier, country, SubmitResult.ACCEPTED, Duration.ofMillis(5), now);
                case 4 -> board.receipt(carrier, country, random.nextBoolean(), Duration.ofSeconds(1), now);
                default -> { } // decisions only
            }
            for (int i = 0; i < 3; i++) {
                RouteRequest request = RouteRequest.of("acct", destinations.get(random.nextInt(destinations.size())),
                        random.nextBoolean() ? "ACME" : "4412", random.nextInt(4));
                Instant at = now.plusMillis(random.nextInt(40_000) - 20_000);
                RoutePlan decided = router.decide(request, at);
                assertThat(router.decide(request, at)).isEqualTo(decided);
                assertThat(decided).isEqualTo(fresh.decide(request, at));
                assertThat(decided).isEqualTo(router.explain(request, at).plan());
            }
        }
    }

    private static List<RateLine> lines(Random random, int lineStartSeconds) {
        List<RateLine> lines = new ArrayList<>();
        for (String prefix : List.of("1", "12", "123", "2", "22", "11")) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            RateLine line = RateLine.prefix(prefix, 1_000 + random.nextInt(20_000)).withCountry("k" + prefix.charAt(0));
            if (random.nextInt(3) == 0) {
                line = line.withEffectiveFrom(T0.plusSeconds(lineStartSeconds + random.nextInt(100)));
            }
            lines.add(line);
        }
        if (lines.isEmpty()) {
            lines.add(RateLine.prefix("3", 1_000 + random.nextInt(20_000)).withCountry("k3"));
        }
        return lines;
    }
}
