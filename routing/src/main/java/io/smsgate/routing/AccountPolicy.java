package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The routing rules of an account or account group: a default policy, policies for destination prefixes
 * (pinned carriers, blocked prefixes or numbers, other splits; the longest prefix wins), optional sell prices for
 * margin protection, and failover.
 *
 * @param byPrefix policy per E.164 prefix; a full number blocks or pins that number
 * @param sellRates the account's price per segment by prefix; no route may cost more
 */
public record AccountPolicy(RoutePolicy policy, Map<String, RoutePolicy> byPrefix, Optional<SellRates> sellRates,
                            FailoverPolicy failover) {
    public AccountPolicy {
        requireNonNull(policy, "policy");
        requireNonNull(sellRates, "sellRates");
        requireNonNull(failover, "failover");
        byPrefix = Map.copyOf(byPrefix);
        byPrefix.keySet().forEach(prefix -> Digits.requirePrefix("routing.policy.by-prefix", prefix));
    }

    /** Least cost, no prefix rules, no margin check, default failover. */
    public static AccountPolicy of(RoutePolicy policy) {
        return new AccountPolicy(policy, Map.of(), Optional.empty(), FailoverPolicy.DEFAULTS);
    }

    public AccountPolicy withPrefix(String prefix, RoutePolicy prefixPolicy) {
        Map<String, RoutePolicy> copy = new HashMap<>(byPrefix);
        copy.put(prefix, prefixPolicy);
        return new AccountPolicy(policy, copy, sellRates, failover);
    }

    public AccountPolicy withSellRates(SellRates rates) {
        return new AccountPolicy(policy, byPrefix, Optional.of(rates), failover);
    }

    public AccountPolicy withFailover(FailoverPolicy failoverPolicy) {
        return new AccountPolicy(policy, byPrefix, sellRates, failoverPolicy);
    }

    /** What the account is charged per segment, by destination prefix (longest wins), in {@code currency}. */
    public record SellRates(String currency, Map<String, Long> microsByPrefix) {
        public SellRates {
            requireNonNull(currency, "currency");
            microsByPrefix = Map.copyOf(microsByPrefix);
            microsByPrefix.forEach((prefix, micros) -> {
                Digits.requirePrefix("sell-rates.prefix", prefix);
                if (micros < 0) {
                    throw new IllegalArgumentException("sell-rates." + prefix + ": " + micros + " (expected: >= 0)");
                }
            });
        }
    }
}
