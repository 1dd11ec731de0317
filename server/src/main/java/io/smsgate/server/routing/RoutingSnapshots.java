package io.smsgate.server.routing;

import static java.util.Objects.requireNonNull;

import io.smsgate.routing.AccountPolicy;
import io.smsgate.routing.Carrier;
import io.smsgate.routing.ExchangeRates;
import io.smsgate.routing.MccMnc;
import io.smsgate.routing.QualityFloor;
import io.smsgate.routing.RateCard;
import io.smsgate.routing.RateDeckCsv;
import io.smsgate.routing.RateLine;
import io.smsgate.routing.RoutePolicy;
import io.smsgate.routing.RoutingSnapshot;
import io.smsgate.routing.SenderType;
import io.smsgate.server.carrier.StaticRoutes;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the {@code routing:} section (or, without rate cards, the simple {@code routes:}) into a
 * {@link RoutingSnapshot}, reading CSV rate decks and reporting their rejected lines.
 */
public final class RoutingSnapshots {
    /** The implicit policy when rate cards are configured but no policy is. */
    static final String DEFAULT_POLICY = "least-cost";

    /** The snapshot, with what each deck import rejected. */
    public record Built(RoutingSnapshot snapshot, List<DeckReport> decks) {
        public Built {
            requireNonNull(snapshot, "snapshot");
            decks = List.copyOf(decks);
        }
    }

    /** One deck file's import: lines read and lines rejected (with their line numbers and reasons). */
    public record DeckReport(String carrier, Path deck, long dataLines, int imported,
                             List<RateDeckCsv.RejectedLine> rejected) {
        public DeckReport {
            requireNonNull(carrier, "carrier");
            requireNonNull(deck, "deck");
            rejected = List.copyOf(rejected);
        }
    }

    private RoutingSnapshots() {
    }

    /**
     * The snapshot for the configuration: rate cards and policies when {@code routing.rate-cards} is set (then
     * {@code routes} must be empty), else the static {@code routes}.
     *
     * @param carriers the configured carrier ids, which every reference must name
     * @param baseDirectory the directory deck paths are relative to (the configuration file's)
     * @throws IllegalArgumentException naming the key of a bad reference or an unreadable deck
     */
    public static Built build(RoutingConfig config, Map<String, List<String>> routes, Set<String> carriers,
                              Path baseDirectory, long version) {
        if (!config.hasRateCards()) {
            return new Built(StaticRoutes.snapshot(routes), List.of());
        }
        if (!routes.isEmpty()) {
            throw new IllegalArgumentException("routes: " + new TreeMap<>(routes).keySet()
                    + " (expected: {} when routing.rate-cards is set; give those carriers rate cards instead)");
        }
        RoutingSnapshot.Builder builder = RoutingSnapshot.builder().version(version);
        Map<String, BigDecimal> rates = new HashMap<>();
        config.exchangeRates().forEach((currency, rate) ->
                rates.put(currency, RoutingConfig.decimal("routing.exchange-rates." + currency, rate)));
        builder.exchangeRates(new ExchangeRates(config.baseCurrency(), rates));
        Set<String> used = new LinkedHashSet<>();
        List<DeckReport> decks = new ArrayList<>();
        for (int i = 0; i < config.rateCards().size(); i++) {
            RoutingConfig.RateCardConfig card = config.rateCards().get(i);
            String key = "routing.rate-cards[" + i + "]";
            known(key + ".carrier", card.carrier(), carriers);
            used.add(card.carrier());
            List<RateLine> lines = new ArrayList<>();
            new TreeMap<>(card.lines()).forEach((prefix, price) ->
                    lines.add(RateLine.prefix(prefix, RoutingConfig.micros(key + ".lines." + prefix, price))));
            if (card.deck().isPresent()) {
                Path deck = baseDirectory.resolve(card.deck().get());
                RateDeckCsv.Result result = readDeck(key + ".deck", deck, card);
                lines.addAll(result.lines());
                decks.add(new DeckReport(card.carrier(), deck, result.dataLines(), result.lines().size(),
                        result.rejected()));
            }
            builder.rateCard(new RateCard(card.carrier(), card.currency(), card.from(), card.to(), lines));
        }
        config.senders().keySet().forEach(carrier -> known("routing.senders." + carrier + " (key)", carrier, carriers));
        for (String carrier : used) {
            Set<SenderType> senders = config.senders().getOrDefault(carrier, EnumSet.allOf(SenderType.class));
            builder.carrier(new Carrier(carrier, senders));
        }
        config.numberRanges().forEach((prefix, network) -> builder.numberRange(prefix, MccMnc.parse(network)));
        config.portability().forEach((number, network) -> builder.ported(number, MccMnc.parse(network)));
        if (config.policies().isEmpty()) {
            builder.policy(DEFAULT_POLICY, AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)
                    .withFailover(config.failover().policy()));
            builder.defaultPolicy(DEFAULT_POLICY);
        } else {
            config.policies().forEach((name, policy) ->
                    builder.policy(name, policy(policy, "routing.policies." + name, config, used)));
            if (!config.defaultPolicy().isEmpty()) {
                builder.defaultPolicy(config.defaultPolicy());
            }
        }
        config.accounts().forEach(builder::account);
        return new Built(builder.build(), decks);
    }

    private static AccountPolicy policy(RoutingConfig.PolicyConfig config, String key, RoutingConfig routing,
                                        Set<String> rated) {
        AccountPolicy policy = new AccountPolicy(routePolicy(config, key, rated), Map.of(), Optional.empty(),
                config.failover().orElse(routing.failover()).policy());
        for (String prefix : config.blocked()) {
            policy = policy.withPrefix(prefix, new RoutePolicy.Blocked());
        }
        for (Map.Entry<String, String> pin : new TreeMap<>(config.pinned()).entrySet()) {
            known(key + ".pinned." + pin.getKey(), pin.getValue(), rated);
            policy = policy.withPrefix(pin.getKey(), new RoutePolicy.Pinned(pin.getValue()));
        }
        if (!config.sellPrices().isEmpty()) {
            Map<String, Long> sell = new HashMap<>();
            config.sellPrices().forEach((prefix, price) ->
                    sell.put(prefix, RoutingConfig.micros(key + ".sell-prices." + prefix, price)));
            policy = policy.withSellRates(new AccountPolicy.SellRates(config.sellCurrency(), sell));
        }
        return policy;
    }

    private static RoutePolicy routePolicy(RoutingConfig.PolicyConfig config, String key, Set<String> rated) {
        return switch (config.type()) {
            case LEAST_COST -> new RoutePolicy.LeastCost(new QualityFloor(
                    config.minTier().map(OptionalInt::of).orElse(OptionalInt.empty()),
                    config.minDeliveredRatio().map(OptionalDouble::of).orElse(OptionalDouble.empty())),
                    RoutingConfig.micros(key + ".failed-delivery-cost", config.failedDeliveryCost()));
            case PRIORITY -> {
                config.carriers().forEach(carrier -> known(key + ".carriers", carrier, rated));
                yield new RoutePolicy.Priority(config.carriers());
            }
            case WEIGHTED -> {
                List<RoutePolicy.Share> shares = new ArrayList<>();
                new TreeMap<>(config.weights()).forEach((carrier, weight) -> {
                    known(key + ".weights." + carrier + " (key)", carrier, rated);
                    shares.add(new RoutePolicy.Share(carrier, weight));
                });
                yield new RoutePolicy.Weighted(shares);
            }
            case PINNED -> {
                known(key + ".carriers", config.carriers().get(0), rated);
                yield new RoutePolicy.Pinned(config.carriers().get(0));
            }
            case BLOCKED -> new RoutePolicy.Blocked();
        };
    }

    private static RateDeckCsv.Result readDeck(String key, Path deck, RoutingConfig.RateCardConfig card) {
        try (Reader reader = Files.newBufferedReader(deck, StandardCharsets.UTF_8)) {
            return RateDeckCsv.parse(reader, card.currency(), ZoneId.of(card.deckZone()));
        } catch (IOException e) {
            throw new UncheckedIOException(key + ": " + deck + " (expected: a readable CSV rate deck): " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + deck + ": " + e.getMessage(), e);
        }
    }

    private static void known(String key, String carrier, Set<String> carriers) {
        if (!carriers.contains(carrier)) {
            throw new IllegalArgumentException(key + ": '" + carrier + "' (expected: one of "
                    + new java.util.TreeSet<>(carriers) + ")");
        }
    }
}
