package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;

/** How an account's traffic to a destination picks among the carriers that price it. */
public sealed interface RoutePolicy {

    /**
     * Cheapest first, among routes meeting the floor; each route's cost is its price plus its failure
     * probability times {@code failedDeliveryCostMicros} (0 ranks by price alone).
     */
    record LeastCost(QualityFloor floor, long failedDeliveryCostMicros) implements RoutePolicy {
        public static final LeastCost CHEAPEST = new LeastCost(QualityFloor.NONE, 0);

        public LeastCost {
            requireNonNull(floor, "floor");
            if (failedDeliveryCostMicros < 0) {
                throw new IllegalArgumentException(
                        "failed-delivery-cost: " + failedDeliveryCostMicros + " micros (expected: >= 0)");
            }
        }
    }

    /** The listed carriers in this order, whatever their price. */
    record Priority(List<String> carrierIds) implements RoutePolicy {
        public Priority {
            carrierIds = List.copyOf(carrierIds);
            if (carrierIds.isEmpty() || new HashSet<>(carrierIds).size() != carrierIds.size()) {
                throw new IllegalArgumentException("priority: " + carrierIds + " (expected: distinct carriers, at least one)");
            }
        }
    }

    /**
     * Traffic split by weight (e.g. percentages): the first route of each message is drawn in proportion to the
     * weights, deterministically from the message's routing key; the others follow as fallbacks.
     */
    record Weighted(List<Share> shares) implements RoutePolicy {
        public Weighted {
            shares = List.copyOf(shares);
            if (shares.isEmpty() || shares.stream().map(Share::carrierId).distinct().count() != shares.size()) {
                throw new IllegalArgumentException("weighted: " + shares + " (expected: distinct carriers, at least one)");
            }
        }
    }

    /** One carrier's weight in a {@link Weighted} split. */
    record Share(String carrierId, int weight) {
        public Share {
            requireNonNull(carrierId, "carrierId");
            if (weight < 1) {
                throw new IllegalArgumentException("weight of " + carrierId + ": " + weight + " (expected: >= 1)");
            }
        }
    }

    /** Only this carrier: no fallback to another. */
    record Pinned(String carrierId) implements RoutePolicy {
        public Pinned {
            requireNonNull(carrierId, "carrierId");
        }
    }

    /** No route: the destination is blocked for the account. */
    record Blocked() implements RoutePolicy {
    }
}
