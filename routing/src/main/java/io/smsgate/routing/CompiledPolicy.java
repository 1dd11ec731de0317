package io.smsgate.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link AccountPolicy} resolved against one snapshot's carriers and currency, for allocation-free decisions. */
final class CompiledPolicy {
    enum Kind { LEAST_COST, PRIORITY, WEIGHTED, PINNED, BLOCKED }

    /** One {@link RoutePolicy} with carrier ids turned into per-carrier-index arrays. */
    static final class Rule {
        private static final AtomicInteger IDS = new AtomicInteger();

        /** Distinct per rule object, for hashing rules into the plan cache. */
        final int id = IDS.incrementAndGet();
        final RoutePolicy source;
        final Kind kind;
        /** Per carrier: list position (priority), 0 (allowed), or -1 (not used by this rule). */
        final int[] position;
        final double[] weight;
        final int minTier;
        /** Minimum DELIVRD share in millionths, or -1. */
        final int minDeliveredPpm;
        final long failedDeliveryCostMicros;

        Rule(RoutePolicy source, RoutingSnapshot snapshot, String where) {
            this.source = source;
            int carriers = snapshot.carrierCount();
            position = new int[carriers];
            weight = new double[carriers];
            int minTier = -1;
            double minDelivered = -1;
            long failedCost = 0;
            if (source instanceof RoutePolicy.LeastCost leastCost) {
                kind = Kind.LEAST_COST;
                minTier = leastCost.floor().minTier().orElse(-1);
                minDelivered = leastCost.floor().minDeliveredRatio().orElse(-1);
                failedCost = leastCost.failedDeliveryCostMicros();
            } else if (source instanceof RoutePolicy.Priority priority) {
                kind = Kind.PRIORITY;
                Arrays.fill(position, -1);
                List<String> ids = priority.carrierIds();
                for (int i = 0; i < ids.size(); i++) {
                    position[index(snapshot, ids.get(i), where)] = i;
                }
            } else if (source instanceof RoutePolicy.Weighted weighted) {
                kind = Kind.WEIGHTED;
                Arrays.fill(position, -1);
                for (RoutePolicy.Share share : weighted.shares()) {
                    int c = index(snapshot, share.carrierId(), where);
                    position[c] = 0;
                    weight[c] = share.weight();
                }
            } else if (source instanceof RoutePolicy.Pinned pinned) {
                kind = Kind.PINNED;
                Arrays.fill(position, -1);
                position[index(snapshot, pinned.carrierId(), where)] = 0;
            } else {
                kind = Kind.BLOCKED;
                Arrays.fill(position, -1);
            }
            this.minTier = minTier;
            this.minDeliveredPpm = minDelivered < 0 ? -1 : (int) Math.round(minDelivered * 1_000_000);
            this.failedDeliveryCostMicros = failedCost;
        }

        private static int index(RoutingSnapshot snapshot, String carrierId, String where) {
            int c = snapshot.carrierIndex(carrierId);
            if (c < 0) {
                throw new IllegalArgumentException(where + " carrier: " + carrierId + " (expected: a defined carrier)");
            }
            return c;
        }
    }

    final String name;
    final AccountPolicy source;
    final Rule base;
    final PrefixTrie prefixRules;
    final Rule[] rules;
    final PrefixTrie sellPrefixes;
    final long[] sellCostMicros;

    CompiledPolicy(String name, AccountPolicy source, RoutingSnapshot snapshot) {
        this.name = name;
        this.source = source;
        String where = "policy " + name;
        this.base = new Rule(source.policy(), snapshot, where);
        long[] keys = source.byPrefix().keySet().stream().mapToLong(Digits::key).sorted().toArray();
        this.prefixRules = PrefixTrie.build(keys);
        this.rules = new Rule[keys.length];
        for (Map.Entry<String, RoutePolicy> e : source.byPrefix().entrySet()) {
            rules[Arrays.binarySearch(keys, Digits.key(e.getKey()))] =
                    new Rule(e.getValue(), snapshot, where + " prefix " + e.getKey());
        }
        if (source.sellRates().isPresent()) {
            AccountPolicy.SellRates sell = source.sellRates().get();
            long[] sellKeys = sell.microsByPrefix().keySet().stream().mapToLong(Digits::key).sorted().toArray();
            this.sellPrefixes = PrefixTrie.build(sellKeys);
            this.sellCostMicros = new long[sellKeys.length];
            sell.microsByPrefix().forEach((prefix, micros) -> sellCostMicros[Arrays.binarySearch(sellKeys,
                    Digits.key(prefix))] = snapshot.exchangeRates().toBaseMicros(micros, sell.currency()));
        } else {
            this.sellPrefixes = PrefixTrie.empty();
            this.sellCostMicros = new long[0];
        }
    }

    /** The rule for a destination: the longest matching prefix rule, else the account's policy. */
    Rule ruleFor(String destination) {
        int i = prefixRules.longestMatch(destination);
        return i < 0 ? base : rules[i];
    }

    /** The account's sell price in base micros for the destination, or -1 when it sets none (no margin check). */
    long sellCostMicros(String destination) {
        int i = sellPrefixes.longestMatch(destination);
        return i < 0 ? -1 : sellCostMicros[i];
    }

    int maxRoutes() {
        return source.failover().maxRoutes();
    }
}
