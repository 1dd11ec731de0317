package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Conversion of card prices into the base currency in which routes are compared and margins checked.
 *
 * @param base ISO 4217 code of the currency costs are compared in
 * @param perUnit for each other currency, how many base units one unit of it is worth
 */
public record ExchangeRates(String base, Map<String, BigDecimal> perUnit) {
    public ExchangeRates {
        requireNonNull(base, "base");
        perUnit = Map.copyOf(perUnit);
        perUnit.forEach((currency, rate) -> {
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException("exchange-rates." + currency + ": " + rate + " (expected: > 0)");
            }
        });
    }

    /** Only the base currency: cards in any other currency are refused when the snapshot is built. */
    public static ExchangeRates only(String base) {
        return new ExchangeRates(base, Map.of());
    }

    /** Converts millionths of {@code currency} into millionths of the base currency, rounding half up. */
    long toBaseMicros(long micros, String currency) {
        if (currency.equals(base)) {
            return micros;
        }
        BigDecimal rate = perUnit.get(currency);
        if (rate == null) {
            throw new IllegalArgumentException("currency: " + currency + " (expected: " + base
                    + " or one with an exchange rate, have " + perUnit.keySet() + ")");
        }
        return BigDecimal.valueOf(micros).multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
