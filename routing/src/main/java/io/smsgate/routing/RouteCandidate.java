package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

/**
 * One route of a plan: the carrier, its price per segment, and why it is where it is.
 *
 * @param priceMicros price per segment in millionths of {@code currency}, as on the carrier's card
 * @param costMicros the same price in millionths of the snapshot's base currency
 * @param country the rate line's country, the key for per-country health reports
 * @param tier the rate line's quality tier, or -1 when the card has none
 */
public record RouteCandidate(String carrierId, long priceMicros, String currency, long costMicros, Choice choice,
                             String country, int tier) {
    public RouteCandidate {
        requireNonNull(carrierId, "carrierId");
        requireNonNull(currency, "currency");
        requireNonNull(choice, "choice");
        requireNonNull(country, "country");
    }

    /** Why a candidate is in the plan at its place. */
    public enum Choice {
        /** Ranked by (quality-weighted) cost under a least-cost policy. */
        LEAST_COST,
        /** Placed by the account's priority list. */
        PRIORITY,
        /** Drawn by the account's weighted split. */
        WEIGHTED,
        /** The only carrier the account's pin allows. */
        PINNED,
        /** A half-open carrier this message probes; ranked as its policy places it. */
        PROBE
    }
}
