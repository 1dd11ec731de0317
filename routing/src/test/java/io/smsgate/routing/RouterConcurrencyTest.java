package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RouterConcurrencyTest {

    private static RoutingSnapshot snapshot(long version, long price) {
        return RoutingSnapshot.builder().version(version).carrier(Carrier.of("a")).carrier(Carrier.of("b"))
                .rateCard(RateCard.of("a", "EUR", RouterTest.T0, List.of(RateLine.prefix("44", price))))
                .rateCard(RateCard.of("b", "EUR", RouterTest.T0, List.of(RateLine.prefix("44", 20_000))))
                .policy("p", AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)).defaultPolicy("p").build();
    }

    @Test
    void decisionsDuringSnapshotSwapsSeeOneSnapshotOrTheOtherNeverAMix() throws Exception {
        RoutingSnapshot cheap = snapshot(1, 10_000);
        RoutingSnapshot dear = snapshot(2, 30_000);
        Router router = new Router(cheap, new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP),
                RoutingListener.NOOP);
        RouteRequest request = RouteRequest.of("x", "447700900123", "4412", 1);
        RoutePlan before = router.decide(request, RouterTest.NOW);
        router.replace(dear);
        RoutePlan after = router.decide(request, RouterTest.NOW);
        assertThat(before).isNotEqualTo(after);

        AtomicBoolean swapping = new AtomicBoolean(true);
        ExecutorService deciders = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Set<RoutePlan>>> seen = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                seen.add(CompletableFuture.supplyAsync(() -> {
                    Set<RoutePlan> plans = new HashSet<>();
                    for (int i = 0; i < 20_000 || swapping.get(); i++) {
                        plans.add(router.decide(request, RouterTest.NOW));
                        if (i > 1_000_000) {
                            break;
                        }
                    }
                    return plans;
                }, deciders));
            }
            for (int i = 0; i < 200; i++) {
                router.replace(i % 2 == 0 ? cheap : dear);
            }
            swapping.set(false);
            for (CompletableFuture<Set<RoutePlan>> plans : seen) {
                assertThat(plans.get()).isSubsetOf(before, after);
            }
        } finally {
            deciders.shutdownNow();
        }
    }
}
