package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of a carrier's rate card: the price per segment to a destination prefix or a mobile network, from
 * an effective time (inclusive) until an optional end (exclusive).
 *
 * @param prefix E.164 digits the destination starts with; empty when the line prices a {@code network}
 * @param network the mobile network priced, for cards keyed by MCC/MNC
 * @param priceMicros price per segment in millionths of the card's currency unit
 * @param tier quality tier, higher is better, when the card grades its routes
 * @param country country name or code as the deck spells it, used in explanations and per-country health
 * @param networkName network name as the deck spells it
 */
public record RateLine(String prefix, Optional<MccMnc> network, long priceMicros, Optional<Instant> effectiveFrom,
                       Optional<Instant> effectiveTo, OptionalInt tier, String country, String networkName) {
    public RateLine {
        requireNonNull(prefix, "prefix");
        requireNonNull(network, "network");
        requireNonNull(effectiveFrom, "effectiveFrom");
        requireNonNull(effectiveTo, "effectiveTo");
        requireNonNull(tier, "tier");
        requireNonNull(country, "country");
        requireNonNull(networkName, "networkName");
        Digits.requirePrefix("prefix", prefix);
        if (prefix.isEmpty() == network.isEmpty()) {
            throw new IllegalArgumentException("rate line: prefix '" + prefix + "' and network " + network
                    + " (expected: exactly one of them)");
        }
        if (tier.isPresent() && (tier.getAsInt() < 0 || tier.getAsInt() > 99)) {
            throw new IllegalArgumentException("tier: " + tier.getAsInt() + " (expected: 0..99)");
        }
        if (priceMicros < 0) {
            throw new IllegalArgumentException("price: " + priceMicros + " micros (expected: >= 0)");
        }
        if (effectiveFrom.isPresent() && effectiveTo.isPresent() && !effectiveTo.get().isAfter(effectiveFrom.get())) {
            throw new IllegalArgumentException("effective-to: " + effectiveTo.get() + " (expected: after effective-from "
                    + effectiveFrom.get() + ")");
        }
    }

    /** A prefix line effective for the card's whole period, without tier. */
    public static RateLine prefix(String prefix, long priceMicros) {
        return new RateLine(prefix, Optional.empty(), priceMicros, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), "", "");
    }

    /** A network line effective for the card's whole period, without tier. */
    public static RateLine network(MccMnc network, long priceMicros) {
        return new RateLine("", Optional.of(network), priceMicros, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), "", "");
    }

    public RateLine withTier(int tier) {
        return new RateLine(prefix, network, priceMicros, effectiveFrom, effectiveTo, OptionalInt.of(tier), country,
                networkName);
    }

    public RateLine withEffectiveFrom(Instant from) {
        return new RateLine(prefix, network, priceMicros, Optional.of(from), effectiveTo, tier, country, networkName);
    }

    public RateLine withCountry(String country) {
        return new RateLine(prefix, network, priceMicros, effectiveFrom, effectiveTo, tier, country, networkName);
    }
}
