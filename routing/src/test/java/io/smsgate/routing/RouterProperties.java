package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RouterProperties {
    private static final Instant T0 = RouterTest.T0;

    /** A random world: carriers with nested prefixes, some carriers down or open, some prefixes blocked. */
    private static final class World {
        final List<String> carriers = new ArrayList<>();
        final Set<String> down = new HashSet<>();
        final Set<String> open = new HashSet<>();
        final Set<String> blocked = new HashSet<>();
        final RoutingSnapshot snapshot;
        final HealthBoard board = new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP);
        final Router router;
        final Random random;

        World(long seed, Instant now) {
            random = new Random(seed);
            RoutingSnapshot.Builder builder = RoutingSnapshot.builder();
            int carrierCount = 2 + random.nextInt(7);
            for (int c = 0; c < carrierCount; c++) {
                String id = "c" + c;
                carriers.add(id);
                builder.carrier(Carrier.of(id));
                List<RateLine> lines = new ArrayList<>();
                Set<String> prefixes = new HashSet<>();
                for (int i = random.nextInt(30); i >= 0; i--) {
                    prefixes.add(digits(1 + random.nextInt(5)));
                }
                for (String prefix : prefixes) {
                    lines.add(RateLine.prefix(prefix, random.nextInt(50_000)).withCountry("k" + prefix.charAt(0)));
                }
                builder.rateCard(RateCard.of(id, "EUR", T0, lines));
            }
            AccountPolicy policy = AccountPolicy.of(random.nextBoolean()
                    ? RoutePolicy.LeastCost.CHEAPEST
                    : new RoutePolicy.LeastCost(QualityFloor.NONE, 1_000_000));
            for (int i = random.nextInt(4); i > 0; i--) {
                String prefix = digits(1 + random.nextInt(4));
                blocked.add(prefix);
                policy = policy.withPrefix(prefix, new RoutePolicy.Blocked());
            }
            snapshot = builder.policy("p", policy).defaultPolicy("p").build();
            for (String id : carriers) {
                int state = random.nextInt(4);
                if (state == 0) {
                    down.add(id);
                    board.bindDown(id, now);
                } else if (state == 1) {
                    open.add(id);
                    String country = random.nextBoolean() ? "" : "k" + random.nextInt(3);
                    for (int i = 0; i < HealthConfig.DEFAULTS.consecutiveFailures(); i++) {
                        board.submitted(id, country, SubmitResult.ERROR, Duration.ofMillis(1), now);
                    }
                    if (!country.isEmpty()) {
                        open.remove(id);
                        open.add(id + "/" + country);
                    }
                }
            }
            router = new Router(snapshot, board, RoutingListener.NOOP);
        }

        String digits(int length) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append((char) ('0' + random.nextInt(3)));
            }
            return s.toString();
        }

        RouteRequest request() {
            return RouteRequest.of("acct", digits(4) + random.nextInt(1_000_000), "4412", random.nextLong());
        }
    }

    @Property(tries = 300)
    void planNeverHoldsABlockedDestinationOrAnUnusableCarrier(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        Instant now = T0.plusSeconds(60);
        World world = new World(seed, now);
        for (int i = 0; i < 50; i++) {
            RouteRequest request = world.request();
            RoutePlan plan = world.router.decide(request, now);
            boolean blocked = world.blocked.stream().anyMatch(request.destination()::startsWith);
            if (blocked) {
                assertThat(plan).isEqualTo(new RoutePlan.Rejected(RoutePlan.Reason.BLOCKED, "destination blocked by policy p"));
            } else if (plan instanceof RoutePlan.Routed routed) {
                for (RouteCandidate candidate : routed.candidates()) {
                    assertThat(world.down).doesNotContain(candidate.carrierId());
                    assertThat(world.open).doesNotContain(candidate.carrierId(),
                            candidate.carrierId() + "/" + candidate.country());
                }
                assertThat(routed.candidates()).extracting(RouteCandidate::carrierId).doesNotHaveDuplicates();
            }
        }
    }

    @Property(tries = 200)
    void plansAreDeterministicForTheSameInputsAndTime(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        Instant now = T0.plusSeconds(60);
        World first = new World(seed, now);
        World second = new World(seed, now);
        for (int i = 0; i < 50; i++) {
            RouteRequest request = first.request();
            RoutePlan plan = first.router.decide(request, now);
            assertThat(first.router.decide(request, now)).isEqualTo(plan);
            assertThat(second.router.decide(request, now)).isEqualTo(plan);
            assertThat(first.router.explain(request, now).plan()).isEqualTo(plan);
        }
    }

    @Property(tries = 300)
    void aCardVersionTakesEffectExactlyAtItsInstant(@ForAll @LongRange(min = 1, max = 10_000_000_000L) long offsetMillis,
                                                     @ForAll @IntRange(min = 0, max = 1_000_000) int oldPrice,
                                                     @ForAll @IntRange(min = 0, max = 1_000_000) int newPrice) {
        Instant switchAt = T0.plusMillis(offsetMillis);
        RoutingSnapshot snapshot = RoutingSnapshot.builder()
                .carrier(Carrier.of("c"))
                .rateCard(RateCard.of("c", "EUR", T0, List.of(RateLine.prefix("44", oldPrice))))
                .rateCard(RateCard.of("c", "EUR", switchAt, List.of(RateLine.prefix("44", newPrice))))
                .policy("p", AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)).defaultPolicy("p").build();
        Router router = new Router(snapshot, new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP),
                RoutingListener.NOOP);
        RouteRequest request = RouteRequest.of("a", "447700900123", "x", 1);
        assertThat(price(router.decide(request, switchAt.minusMillis(1)))).isEqualTo(oldPrice);
        assertThat(price(router.decide(request, switchAt))).isEqualTo(newPrice);
        assertThat(router.decide(request, T0.minusMillis(1))).isInstanceOf(RoutePlan.Rejected.class);
    }

    private static long price(RoutePlan plan) {
        return ((RoutePlan.Routed) plan).first().priceMicros();
    }
}
