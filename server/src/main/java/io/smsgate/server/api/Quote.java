package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.routing.RoutePlan;
import io.smsgate.server.store.Price;
import java.util.Optional;

/** What the route plan says about a message before it is stored: routed (priced when rated) or refused. */
public sealed interface Quote {

    /** A route takes it; {@code price} for the whole message when the route is rated. */
    record Routed(Optional<Price> price) implements Quote {
        public Routed {
            requireNonNull(price, "price");
        }
    }

    /** No route will take it; {@code detail} is the router's, for the problem's detail. */
    record Refused(RoutePlan.Reason reason, String detail) implements Quote {
        public Refused {
            requireNonNull(reason, "reason");
            requireNonNull(detail, "detail");
        }
    }
}
