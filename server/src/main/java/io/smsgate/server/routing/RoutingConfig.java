package io.smsgate.server.routing;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.routing.FailoverPolicy;
import io.smsgate.routing.HealthConfig;
import io.smsgate.routing.SenderType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code routing:} section of {@code smsgate.yaml}: rate cards (inline lines and CSV decks), route policies per
 * account, sender rules, number portability, failover rules and carrier health settings. Without rate cards the
 * simple {@code routes:} section applies instead (see {@code StaticRoutes}).
 *
 * @param baseCurrency ISO 4217 code all costs are compared in
 * @param exchangeRates base units per unit of each other currency a card or sell price uses
 * @param rateCards every carrier's card versions
 * @param policies named route policies
 * @param accounts system_id → policy name
 * @param defaultPolicy the policy of accounts not listed; empty: they get no route
 * @param senders carrier id → the sender ID kinds its routes accept (all when unlisted)
 * @param numberRanges prefix → MCC-MNC of the network that owns the range
 * @param portability ported number → MCC-MNC of the network that serves it now
 * @param failover the failover rules of policies that set none
 * @param health sliding windows and circuit breaker of every carrier
 */
public record RoutingConfig(String baseCurrency, Map<String, String> exchangeRates, List<RateCardConfig> rateCards,
                            Map<String, PolicyConfig> policies, Map<String, String> accounts, String defaultPolicy,
                            Map<String, Set<SenderType>> senders, Map<String, String> numberRanges,
                            Map<String, String> portability, FailoverConfig failover, HealthConfig health) {

    // Before DEFAULTS: building it runs the checks that use them.
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern MCC_MNC = Pattern.compile("[0-9]{3}-[0-9]{2,3}");

    public static final RoutingConfig DEFAULTS = new RoutingConfig("EUR", Map.of(), List.of(), Map.of(), Map.of(), "",
            Map.of(), Map.of(), Map.of(), FailoverConfig.DEFAULTS, HealthConfig.DEFAULTS);

    public RoutingConfig {
        requireNonNull(baseCurrency, "baseCurrency");
        exchangeRates = Map.copyOf(exchangeRates);
        rateCards = List.copyOf(rateCards);
        policies = Map.copyOf(policies);
        accounts = Map.copyOf(accounts);
        requireNonNull(defaultPolicy, "defaultPolicy");
        senders = Map.copyOf(senders);
        numberRanges = Map.copyOf(numberRanges);
        portability = Map.copyOf(portability);
        requireNonNull(failover, "failover");
        requireNonNull(health, "health");
        checkCurrency("routing.base-currency", baseCurrency);
        exchangeRates.forEach((currency, rate) -> {
            checkCurrency("routing.exchange-rates." + currency + " (key)", currency);
            if (decimal("routing.exchange-rates." + currency, rate).signum() <= 0) {
                throw new IllegalArgumentException("routing.exchange-rates." + currency + ": " + rate
                        + " (expected: > 0)");
            }
        });
        for (int i = 0; i < rateCards.size(); i++) {
            rateCards.get(i).validate("routing.rate-cards[" + i + "]");
        }
        policies.forEach((name, policy) -> policy.validate("routing.policies." + name));
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            if (!policies.containsKey(account.getValue())) {
                throw new IllegalArgumentException("routing.accounts." + account.getKey() + ": '" + account.getValue()
                        + "' (expected: a policy in routing.policies: " + new TreeSet<>(policies.keySet()) + ")");
            }
        }
        if (!defaultPolicy.isEmpty() && !policies.containsKey(defaultPolicy)) {
            throw new IllegalArgumentException("routing.default-policy: '" + defaultPolicy
                    + "' (expected: empty or a policy in routing.policies: " + new TreeSet<>(policies.keySet()) + ")");
        }
        senders.forEach((carrier, types) -> {
            if (types.isEmpty()) {
                throw new IllegalArgumentException("routing.senders." + carrier
                        + ": [] (expected: at least one of alphanumeric, short-code, long-number)");
            }
        });
        numberRanges.forEach((prefix, network) -> {
            digits("routing.number-ranges." + prefix + " (key)", prefix);
            network("routing.number-ranges." + prefix, network);
        });
        portability.forEach((number, network) -> {
            digits("routing.portability." + number + " (key)", number);
            network("routing.portability." + number, network);
        });
    }

    /** Whether rate cards are configured; without them the static {@code routes:} apply. */
    public boolean hasRateCards() {
        return !rateCards.isEmpty();
    }

    /**
     * One version of one carrier's rate card: inline lines, a CSV deck, or both.
     *
     * @param carrier the carrier id (one of {@code carriers:})
     * @param currency ISO 4217 code of the card's prices
     * @param effectiveFrom ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) the card starts at
     * @param effectiveTo ISO-8601 instant the card ends at; without it, until the carrier's next card starts
     * @param deck a rate deck CSV file, relative to the configuration file's directory
     * @param deckZone the time zone of deck dates written without an offset
     * @param lines destination prefix → price per segment, a decimal in {@code currency}
     */
    public record RateCardConfig(String carrier, String currency, String effectiveFrom, Optional<String> effectiveTo,
                                 Optional<Path> deck, String deckZone, Map<String, String> lines) {
        public static final RateCardConfig DEFAULTS = new RateCardConfig("", "EUR", "1970-01-01T00:00:00Z",
                Optional.empty(), Optional.empty(), "UTC", Map.of());

        public RateCardConfig {
            requireNonNull(carrier, "carrier");
            requireNonNull(currency, "currency");
            requireNonNull(effectiveFrom, "effectiveFrom");
            requireNonNull(effectiveTo, "effectiveTo");
            requireNonNull(deck, "deck");
            requireNonNull(deckZone, "deckZone");
            lines = Map.copyOf(lines);
        }

        public Instant from() {
            return instant("effective-from", effectiveFrom);
        }

        public Optional<Instant> to() {
            return effectiveTo.map(text -> instant("effective-to", text));
        }

        void validate(String key) {
            if (carrier.isBlank()) {
                throw new IllegalArgumentException(key + ".carrier: '' (expected: a configured carrier id)");
            }
            checkCurrency(key + ".currency", currency);
            instant(key + ".effective-from", effectiveFrom);
            effectiveTo.ifPresent(text -> {
                if (!instant(key + ".effective-to", text).isAfter(from())) {
                    throw new IllegalArgumentException(key + ".effective-to: " + text + " (expected: after "
                            + effectiveFrom + ")");
                }
            });
            if (deck.isEmpty() && lines.isEmpty()) {
                throw new IllegalArgumentException(key + ": no lines and no deck (expected: at least one)");
            }
            try {
                java.time.ZoneId.of(deckZone);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException(key + ".deck-zone: '" + deckZone
                        + "' (expected: a time zone id like UTC or Europe/London)");
            }
            lines.forEach((prefix, price) -> {
                digits(key + ".lines." + prefix + " (key)", prefix);
                micros(key + ".lines." + prefix, price);
            });
        }
    }

    /** How a policy ranks carriers. */
    public enum PolicyType { LEAST_COST, PRIORITY, WEIGHTED, PINNED, BLOCKED }

    /**
     * A route policy: its kind and the prefixes it treats differently.
     *
     * @param type least-cost (cheapest healthy first), priority (carriers in order), weighted (split by weights),
     *     pinned (one carrier) or blocked
     * @param carriers priority: the carriers in order; pinned: the one carrier
     * @param weights weighted: carrier → weight (percent or any positive integers)
     * @param minTier least-cost: the lowest quality tier a rate line may have
     * @param minDeliveredRatio least-cost: the lowest DELIVRD share (0..1) a carrier may have once measured
     * @param failedDeliveryCost least-cost: what a failed delivery costs, in the base currency, weighed against
     *     the price by each carrier's failure rate; 0: price alone
     * @param blocked destination prefixes refused for accounts of this policy
     * @param pinned destination prefix → the only carrier used for it
     * @param sellPrices destination prefix → the account's price per segment; no route costs more
     * @param sellCurrency currency of {@code sellPrices}
     * @param failover this policy's failover rules, else {@code routing.failover}
     */
    public record PolicyConfig(PolicyType type, List<String> carriers, Map<String, Integer> weights,
                               Optional<Integer> minTier, Optional<Double> minDeliveredRatio, String failedDeliveryCost,
                               List<String> blocked, Map<String, String> pinned, Map<String, String> sellPrices,
                               String sellCurrency, Optional<FailoverConfig> failover) {
        public static final PolicyConfig DEFAULTS = new PolicyConfig(PolicyType.LEAST_COST, List.of(), Map.of(),
                Optional.empty(), Optional.empty(), "0", List.of(), Map.of(), Map.of(), "EUR", Optional.empty());

        public PolicyConfig {
            requireNonNull(type, "type");
            carriers = List.copyOf(carriers);
            weights = Map.copyOf(weights);
            requireNonNull(minTier, "minTier");
            requireNonNull(minDeliveredRatio, "minDeliveredRatio");
            requireNonNull(failedDeliveryCost, "failedDeliveryCost");
            blocked = List.copyOf(blocked);
            pinned = Map.copyOf(pinned);
            sellPrices = Map.copyOf(sellPrices);
            requireNonNull(sellCurrency, "sellCurrency");
            requireNonNull(failover, "failover");
        }

        void validate(String key) {
            switch (type) {
                case PRIORITY -> {
                    if (carriers.isEmpty()) {
                        throw new IllegalArgumentException(key + ".carriers: [] (expected: the carriers in order)");
                    }
                }
                case PINNED -> {
                    if (carriers.size() != 1) {
                        throw new IllegalArgumentException(key + ".carriers: " + carriers
                                + " (expected: exactly one carrier)");
                    }
                }
                case WEIGHTED -> {
                    if (weights.isEmpty()) {
                        throw new IllegalArgumentException(key + ".weights: {} (expected: carrier: weight pairs)");
                    }
                    weights.forEach((carrier, weight) -> {
                        if (weight < 1) {
                            throw new IllegalArgumentException(key + ".weights." + carrier + ": " + weight
                                    + " (expected: >= 1)");
                        }
                    });
                }
                case LEAST_COST, BLOCKED -> { }
            }
            minTier.ifPresent(tier -> {
                if (tier < 0 || tier > 254) {
                    throw new IllegalArgumentException(key + ".min-tier: " + tier + " (expected: 0..254)");
                }
            });
            minDeliveredRatio.ifPresent(ratio -> {
                if (!(ratio >= 0 && ratio <= 1)) {
                    throw new IllegalArgumentException(key + ".min-delivered-ratio: " + ratio + " (expected: 0..1)");
                }
            });
            micros(key + ".failed-delivery-cost", failedDeliveryCost);
            blocked.forEach(prefix -> digits(key + ".blocked", prefix));
            pinned.forEach((prefix, carrier) -> digits(key + ".pinned." + prefix + " (key)", prefix));
            checkCurrency(key + ".sell-currency", sellCurrency);
            sellPrices.forEach((prefix, price) -> {
                digits(key + ".sell-prices." + prefix + " (key)", prefix);
                micros(key + ".sell-prices." + prefix, price);
            });
        }
    }

    /**
     * When a message moves to its next route (see {@link FailoverPolicy}).
     *
     * @param maxRoutes routes of a plan to try at most (1..16)
     * @param maxRouteWait how long a message may wait for a usable route before it fails
     * @param responseTimeout a submit_sm unanswered this long counts as a timeout
     * @param failoverOnTimeout whether a timeout moves on (a duplicate is possible) or stays on its route
     * @param routeFailureStatuses submit_sm_resp statuses that mean "this route cannot take it", not the message
     * @param receiptErrorCodes receipt {@code err:} codes that, with stat UNDELIV or REJECTD, move on
     */
    public record FailoverConfig(int maxRoutes, Duration maxRouteWait, Duration responseTimeout,
                                 boolean failoverOnTimeout, Set<CommandStatus> routeFailureStatuses,
                                 Set<String> receiptErrorCodes) {
        public static final FailoverConfig DEFAULTS = new FailoverConfig(FailoverPolicy.DEFAULTS.maxRoutes(),
                FailoverPolicy.DEFAULTS.maxRouteWait(), FailoverPolicy.DEFAULTS.responseTimeout(),
                FailoverPolicy.DEFAULTS.failoverOnTimeout(),
                FailoverPolicy.DEFAULTS.routeFailureStatuses().stream().map(CommandStatus::of)
                        .collect(Collectors.toUnmodifiableSet()),
                FailoverPolicy.DEFAULTS.receiptErrorCodes());

        public FailoverConfig {
            requireNonNull(maxRouteWait, "maxRouteWait");
            requireNonNull(responseTimeout, "responseTimeout");
            routeFailureStatuses = Set.copyOf(routeFailureStatuses);
            receiptErrorCodes = Set.copyOf(receiptErrorCodes);
            // FailoverPolicy names the routing.failover.* key of a bad value.
            policy(maxRoutes, maxRouteWait, responseTimeout, failoverOnTimeout, routeFailureStatuses,
                    receiptErrorCodes);
        }

        public FailoverPolicy policy() {
            return policy(maxRoutes, maxRouteWait, responseTimeout, failoverOnTimeout, routeFailureStatuses,
                    receiptErrorCodes);
        }

        private static FailoverPolicy policy(int maxRoutes, Duration maxRouteWait, Duration responseTimeout,
                                             boolean failoverOnTimeout, Set<CommandStatus> routeFailureStatuses,
                                             Set<String> receiptErrorCodes) {
            return new FailoverPolicy(maxRoutes, maxRouteWait, responseTimeout, failoverOnTimeout,
                    routeFailureStatuses.stream().map(CommandStatus::code).collect(Collectors.toUnmodifiableSet()),
                    receiptErrorCodes);
        }
    }

    // ---- value checks, each naming the dotted key ----

    private static void checkCurrency(String key, String currency) {
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(key + ": '" + currency + "' (expected: ISO 4217 code like EUR)");
        }
    }

    private static void digits(String key, String digits) {
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException(key + ": '" + digits + "' (expected: 1-15 digits)");
        }
    }

    private static void network(String key, String network) {
        if (!MCC_MNC.matcher(network).matches()) {
            throw new IllegalArgumentException(key + ": '" + network + "' (expected: MCC-MNC like 234-15)");
        }
    }

    static BigDecimal decimal(String key, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' (expected: a decimal number like 0.0125)");
        }
    }

    /** A non-negative price with at most six decimals, in millionths. */
    static long micros(String key, String text) {
        BigDecimal value = decimal(key, text);
        if (value.signum() < 0 || value.stripTrailingZeros().scale() > 6) {
            throw new IllegalArgumentException(key + ": " + text + " (expected: >= 0 with at most 6 decimals)");
        }
        return value.movePointRight(6).longValueExact();
    }

    private static Instant instant(String key, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + text
                    + "' (expected: an ISO-8601 instant like 2026-01-01T00:00:00Z)");
        }
    }
}
