package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

/** What to do with a message after an outcome on its current route. */
public sealed interface FailoverDecision {

    /** Submit to {@code attempts.current()}; the previous attempt is over, so only this one is in flight. */
    record TryNext(RouteAttempts attempts) implements FailoverDecision {
        public TryNext {
            requireNonNull(attempts, "attempts");
        }
    }

    /** Submit again to the same route later (the carrier throttled); the carrier's rate limiter paces it. */
    record RetrySame(RouteAttempts attempts) implements FailoverDecision {
        public RetrySame {
            requireNonNull(attempts, "attempts");
        }
    }

    /** Give the message up with this reason; {@code detail} names the last outcome. */
    record Fail(RoutePlan.Reason reason, String detail) implements FailoverDecision {
        public Fail {
            requireNonNull(reason, "reason");
            requireNonNull(detail, "detail");
        }
    }
}
