package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One version of a carrier's rate card. Several versions of a card coexist: each is in force from its
 * effective time until its own end or until the next version of the same carrier's card begins, so a new card
 * can be loaded ahead of its start and takes over at that instant.
 *
 * @param currency ISO 4217 code of every price on the card
 */
public record RateCard(String carrierId, String currency, Instant effectiveFrom, Optional<Instant> effectiveTo,
                       List<RateLine> lines) {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public RateCard {
        requireNonNull(carrierId, "carrierId");
        requireNonNull(currency, "currency");
        requireNonNull(effectiveFrom, "effectiveFrom");
        requireNonNull(effectiveTo, "effectiveTo");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency: '" + currency + "' (expected: ISO 4217 code like EUR)");
        }
        if (effectiveTo.isPresent() && !effectiveTo.get().isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("effective-to: " + effectiveTo.get() + " (expected: after effective-from "
                    + effectiveFrom + ")");
        }
        lines = List.copyOf(lines);
    }

    public static RateCard of(String carrierId, String currency, Instant effectiveFrom, List<RateLine> lines) {
        return new RateCard(carrierId, currency, effectiveFrom, Optional.empty(), lines);
    }
}
