package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where a message is in its plan: the route it is on now (at most one is in flight), and when it was first routed.
 * The server keeps it with the message and hands it back to {@link Router#failover}.
 *
 * @param current index in {@code plan.candidates()} of the route the message is on
 */
public record RouteAttempts(RoutePlan.Routed plan, int current, Instant firstRoutedAt) {
    public RouteAttempts {
        requireNonNull(plan, "plan");
        requireNonNull(firstRoutedAt, "firstRoutedAt");
        if (current < 0 || current >= plan.candidates().size()) {
            throw new IllegalArgumentException(
                    "current: " + current + " (expected: 0.." + (plan.candidates().size() - 1) + ")");
        }
    }

    /** The first attempt of a plan, starting now. */
    public static RouteAttempts start(RoutePlan.Routed plan, Instant now) {
        return new RouteAttempts(plan, 0, now);
    }

    /** The route the message is on. */
    public RouteCandidate route() {
        return plan.candidates().get(current);
    }

    RouteAttempts at(int index) {
        return new RouteAttempts(plan, index, firstRoutedAt);
    }
}
