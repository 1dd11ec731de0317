package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.routing.RouteCandidate;
import io.smsgate.routing.RoutePlan;
import io.smsgate.routing.RouteRequest;
import io.smsgate.routing.Router;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.Price;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link Pricing} from the gateway's {@link Router}: the plan's first route's price per segment times the
 * segments, in that rate card's currency. With only static {@code routes:} (no rate cards) the plan's prices are
 * the static ranks, not money: then it answers no price, but still refuses what has no route.
 */
public final class RoutePricing implements Pricing {

    private final Supplier<Optional<Router>> router;
    private final boolean rated;
    private final Clock clock;

    /**
     * @param router the router once the carrier side started
     * @param rated whether the routes come from rate cards ({@code routing.rate-cards}), so prices are money
     */
    public RoutePricing(Supplier<Optional<Router>> router, boolean rated, Clock clock) {
        this.router = requireNonNull(router, "router");
        this.rated = rated;
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Quote quote(String systemId, String destination, String sender, long routingKey, int segments) {
        Optional<Router> current = router.get();
        if (current.isEmpty()) {
            return new Quote.Routed(Optional.empty());
        }
        RoutePlan plan = current.get().decide(RouteRequest.of(systemId, destination, sender, routingKey),
                clock.instant());
        if (plan instanceof RoutePlan.Routed routed) {
            return new Quote.Routed(rated ? Optional.of(price(routed.first(), segments)) : Optional.empty());
        }
        RoutePlan.Rejected rejected = (RoutePlan.Rejected) plan;
        return rejected.reason().retryable() ? new Quote.Routed(Optional.empty())
                : new Quote.Refused(rejected.reason(), rejected.detail());
    }

    /** Unrated routes (static routes only) charge nothing: no routing decision is made for it on the accept path. */
    @Override
    public Optional<Price> charge(MessageId id, Submission submission) {
        return rated ? Pricing.super.charge(id, submission) : Optional.empty();
    }

    static Price price(RouteCandidate route, int segments) {
        long micros = Math.multiplyExact(route.priceMicros(), (long) segments);
        BigDecimal amount = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return new Price(amount.scale() < 0 ? amount.setScale(0) : amount, route.currency());
    }
}
