package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Which outcomes move a message to its next route, how many routes it may try, and how long it may wait for one.
 *
 * @param maxRoutes routes a plan lists and a message may try, the first included
 * @param maxRouteWait from the first routing attempt, how long a message may wait for a usable route
 * @param responseTimeout how long the server waits for a submit_sm_resp before reporting a timeout
 * @param failoverOnTimeout whether a response timeout moves to the next route; the first carrier may still
 *     deliver a message it did not answer, so an operator who prefers a lost message to a duplicate turns it off
 * @param routeFailureStatuses submit_sm_resp command_status values that mean "this route cannot take it now"
 * @param receiptErrorCodes receipt {@code err:} codes that, with stat UNDELIV or REJECTD, move to the next route
 */
public record FailoverPolicy(int maxRoutes, Duration maxRouteWait, Duration responseTimeout, boolean failoverOnTimeout,
                             Set<Integer> routeFailureStatuses, Set<String> receiptErrorCodes) {
    /**
     * SMPP 3.4 §5.1.3 statuses a route, not the message, is to blame for: RINVBNDSTS, RSYSERR, RMSGQFUL,
     * RSUBMITFAIL, RX_T_APPN (temporary), RUNKNOWNERR.
     */
    public static final Set<Integer> ROUTE_FAILURES = Set.of(0x04, 0x08, 0x14, 0x45, 0x64, 0xFF);

    public static final FailoverPolicy DEFAULTS = new FailoverPolicy(3, Duration.ofMinutes(10), Duration.ofSeconds(30),
            true, ROUTE_FAILURES, Set.of());

    /** SMPP 3.4 §5.1.3 ESME_RTHROTTLED: retried on the same route, never a failover. */
    static final int ESME_RTHROTTLED = 0x58;

    public FailoverPolicy {
        requireNonNull(maxRouteWait, "maxRouteWait");
        requireNonNull(responseTimeout, "responseTimeout");
        routeFailureStatuses = Set.copyOf(routeFailureStatuses);
        receiptErrorCodes = Set.copyOf(receiptErrorCodes);
        if (maxRoutes < 1 || maxRoutes > 16) {
            throw new IllegalArgumentException("routing.failover.max-routes: " + maxRoutes + " (expected: 1..16)");
        }
        if (maxRouteWait.isNegative()) {
            throw new IllegalArgumentException("routing.failover.max-route-wait: " + maxRouteWait + " (expected: >= 0)");
        }
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "routing.failover.response-timeout: " + responseTimeout + " (expected: > 0)");
        }
    }

    /** Whether a message first routed at {@code firstRoutedAt} may still wait for a route at {@code now}. */
    public boolean mayWait(Instant firstRoutedAt, Instant now) {
        return now.isBefore(firstRoutedAt.plus(maxRouteWait));
    }

    /** Whether an outcome moves the message to its next route. */
    boolean movesOn(Outcome outcome) {
        return outcome.movesOn(this);
    }
}
