package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Why the router decides what it decides for a destination, account and sender: every carrier that prices the
 * destination now, its price and health, and its verdict; for the admin API.
 *
 * @param network the network the destination was priced for, and where that came from
 * @param policy the policy that applied (the account's, or a prefix rule's)
 * @param candidates in plan order first, then the others in carrier order
 */
public record Explanation(RouteRequest request, Optional<MccMnc> network, NetworkSource networkSource,
                          RoutePolicy policy, List<CandidateExplanation> candidates, RoutePlan plan) {
    public Explanation {
        requireNonNull(request, "request");
        requireNonNull(network, "network");
        requireNonNull(networkSource, "networkSource");
        requireNonNull(policy, "policy");
        candidates = List.copyOf(candidates);
        requireNonNull(plan, "plan");
    }

    /** Where the destination's network came from. */
    public enum NetworkSource { REQUEST, PORTABILITY_TABLE, NUMBERING_PLAN, UNKNOWN }

    /**
     * One carrier's case.
     *
     * @param matched the prefix (or "mcc-mnc") whose rate applies
     * @param score the ranking key under the policy (quality-weighted cost in base micros, list position, or
     *     weighted draw), lower first; meaningful only for eligible carriers
     * @param rank 1-based place in the plan, or 0 when not in it
     */
    public record CandidateExplanation(String carrierId, String matched, long priceMicros, String currency,
                                       long costMicros, int tier, HealthStatus health,
                                       Optional<HealthStatus> countryHealth, Verdict verdict, long score, int rank) {
        public CandidateExplanation {
            requireNonNull(carrierId, "carrierId");
            requireNonNull(matched, "matched");
            requireNonNull(currency, "currency");
            requireNonNull(health, "health");
            requireNonNull(countryHealth, "countryHealth");
            requireNonNull(verdict, "verdict");
        }
    }

    /** The verdict on one carrier, in the order the checks run. */
    public enum Verdict {
        /** In the plan, at {@code rank}. */
        CHOSEN,
        /** Eligible, but ranked beyond the policy's max-routes. */
        RANKED_OUT,
        /** The account's policy does not use this carrier for the destination. */
        NOT_IN_POLICY,
        /** The carrier does not accept this kind of sender ID. */
        SENDER_NOT_ALLOWED,
        /** The rate card's tier is below the policy's floor. */
        BELOW_TIER,
        /** The cost is above the account's sell price. */
        ABOVE_SELL_PRICE,
        /** No usable bind. */
        BIND_DOWN,
        /** The breaker (carrier's or carrier-and-country's) is open. */
        CIRCUIT_OPEN,
        /** The breaker is half-open and this message is not one of its probes. */
        NOT_PROBING,
        /** The DELIVRD share is below the policy's floor. */
        BELOW_QUALITY;

        boolean eligible() {
            return this == CHOSEN || this == RANKED_OUT;
        }

        /** Whether the carrier could become usable without a configuration change. */
        boolean recoverable() {
            return switch (this) {
                case BIND_DOWN, CIRCUIT_OPEN, NOT_PROBING, BELOW_QUALITY -> true;
                case CHOSEN, RANKED_OUT, NOT_IN_POLICY, SENDER_NOT_ALLOWED, BELOW_TIER, ABOVE_SELL_PRICE -> false;
            };
        }
    }
}
