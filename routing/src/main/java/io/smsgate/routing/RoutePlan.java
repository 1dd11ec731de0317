package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The router's answer for one message: routes to try in order, or why there is none. */
public sealed interface RoutePlan {

    /** Routes to try in order, at least one; {@code failover} says when to move on. */
    record Routed(List<RouteCandidate> candidates, FailoverPolicy failover) implements RoutePlan {
        public Routed {
            candidates = List.copyOf(candidates);
            requireNonNull(failover, "failover");
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("candidates: [] (expected: at least one; reject instead)");
            }
        }

        public RouteCandidate first() {
            return candidates.get(0);
        }
    }

    /** No route fits; {@code detail} is for logs and problem details, never parsed. */
    record Rejected(Reason reason, String detail) implements RoutePlan {
        public Rejected {
            requireNonNull(reason, "reason");
            requireNonNull(detail, "detail");
        }
    }

    /** Why no route fits; the server maps each to one SMPP command_status and one HTTP problem type. */
    enum Reason {
        /** The destination is not 1–15 digits. */
        INVALID_DESTINATION(false),
        /** The account has no routing policy and there is no default. */
        UNKNOWN_ACCOUNT(false),
        /** No carrier prices the destination (or none the policy allows). */
        NO_ROUTE(false),
        /** The destination or its prefix is blocked for the account. */
        BLOCKED(false),
        /** Every route costs more than the account's sell price for the destination. */
        ABOVE_PRICE(false),
        /** No route accepts this kind of sender ID. */
        SENDER_NOT_ALLOWED(false),
        /** Routes exist but none is usable now (bind down, breaker open, below the quality floor). */
        ROUTES_UNAVAILABLE(true),
        /** Every route of the plan was tried and failed. */
        ROUTES_EXHAUSTED(false),
        /** The message waited longer than the policy's max-route-wait for a usable route. */
        ROUTE_WAIT_EXPIRED(false),
        /** The carrier did not answer and the policy does not fail over on timeouts: the outcome is unknown. */
        RESPONSE_TIMEOUT(false),
        /** The carrier refused the message itself (not a route-failure status): another route would too. */
        MESSAGE_REFUSED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether deciding again later, within max-route-wait, may find a route. */
        public boolean retryable() {
            return retryable;
        }
    }
}
