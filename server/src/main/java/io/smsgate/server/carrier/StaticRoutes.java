package io.smsgate.server.carrier;

import io.smsgate.routing.AccountPolicy;
import io.smsgate.routing.Carrier;
import io.smsgate.routing.RateCard;
import io.smsgate.routing.RateLine;
import io.smsgate.routing.RoutePolicy;
import io.smsgate.routing.RoutingSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing input until operators have rate cards: destination prefix → carriers in order of preference
 * ({@code routes:} in config), expressed as a {@link RoutingSnapshot} so that every decision still goes through
 * the Router (health, breakers, failover). Each carrier's rank under a prefix becomes its price there, and the
 * default policy is least cost: first listed, first tried.
 */
public final class StaticRoutes {

    /** The policy every account uses under static routes. */
    static final String POLICY = "static";

    private StaticRoutes() {
    }

    // A rate line needs at least one digit: "everything" is every E.164 country code's first digit.
    private static List<String> prefixes(String prefix) {
        return prefix.isEmpty() ? List.of("1", "2", "3", "4", "5", "6", "7", "8", "9") : List.of(prefix);
    }

    /** A snapshot for {@code routes} (prefix, digits only, "" for everything → carrier ids in order). */
    public static RoutingSnapshot snapshot(Map<String, List<String>> routes) {
        Map<String, List<RateLine>> lines = new LinkedHashMap<>();
        Set<String> carriers = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> route : routes.entrySet()) {
            List<String> ordered = route.getValue();
            if (ordered.isEmpty()) {
                throw new IllegalArgumentException("routes." + route.getKey() + ": [] (expected: at least one carrier)");
            }
            for (int rank = 0; rank < ordered.size(); rank++) {
                String carrier = ordered.get(rank);
                carriers.add(carrier);
                List<RateLine> carrierLines = lines.computeIfAbsent(carrier, c -> new ArrayList<>());
                for (String prefix : prefixes(route.getKey())) {
                    carrierLines.add(RateLine.prefix(prefix, 1_000L * (rank + 1)));
                }
            }
        }
        RoutingSnapshot.Builder builder = RoutingSnapshot.builder();
        for (String carrier : carriers) {
            builder.carrier(Carrier.of(carrier));
            builder.rateCard(RateCard.of(carrier, "EUR", Instant.EPOCH, lines.get(carrier)));
        }
        return builder.policy(POLICY, AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST))
                .defaultPolicy(POLICY)
                .build();
    }
}
