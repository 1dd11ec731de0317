package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * What the route plan charges for a whole message (every segment), in an ISO 4217 currency: decided when the message
 * is accepted and stored with it, so that a later rate change does not alter what was quoted.
 */
public record Price(BigDecimal amount, String currency) {

    public Price {
        requireNonNull(amount, "amount");
        requireNonNull(currency, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency: '" + currency + "' (expected: ISO 4217, e.g. EUR)");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount: " + amount + " (expected: >= 0)");
        }
    }
}
