package io.smsgate.routing;

import java.time.Instant;
import java.util.Optional;

/**
 * Observes routing for metrics and logs ({@code smsgate.routing.decisions}); the server implements it. Calls come
 * on the deciding or reporting thread and must not block.
 */
public interface RoutingListener {
    RoutingListener NOOP = new RoutingListener() {
    };

    /** A plan was decided for a request. */
    default void decided(RouteRequest request, RoutePlan plan) {
    }

    /** A failover decision was taken after an outcome on {@code carrierId}. */
    default void failedOver(String carrierId, Outcome outcome, FailoverDecision decision) {
    }

    /** A circuit breaker changed state; {@code country} is empty for the carrier as a whole. */
    default void circuitChanged(String carrierId, Optional<String> country, CircuitState from, CircuitState to,
                                Instant at) {
    }

    /** A new routing snapshot took effect. */
    default void snapshotReplaced(RoutingSnapshot previous, RoutingSnapshot current) {
    }
}
