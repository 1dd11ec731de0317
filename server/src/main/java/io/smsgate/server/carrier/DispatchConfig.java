package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The dispatcher's own settings ({@code dispatch.*}).
 *
 * @param rerouteDelay wait before a message with no usable route (every bind down) is routed again
 *     ({@code reroute-delay})
 * @param maxRouteWait how long a message may wait for a usable route before it fails
 *     ({@code routing.failover.max-route-wait})
 * @param outboxExpiry how long a receipt or MO waits in the outbox for its client ({@code outbox-expiry})
 * @param probeInterval how often a half-open carrier gets a probe: the first message routed after this time whose
 *     destination the carrier serves is sent to it ({@code probe-interval})
 */
public record DispatchConfig(Duration rerouteDelay, Duration maxRouteWait, Duration outboxExpiry,
                             Duration probeInterval) {

    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);
    public static final DispatchConfig DEFAULTS = new DispatchConfig(Duration.ofSeconds(5), Duration.ofMinutes(10),
            Duration.ofHours(72), DEFAULT_PROBE_INTERVAL);

    public DispatchConfig {
        BindConfig.positive("dispatch.reroute-delay", rerouteDelay);
        // routing.failover.max-route-wait: 0 fails a message at once when no route is usable.
        requireNonNull(maxRouteWait, "routing.failover.max-route-wait");
        if (maxRouteWait.isNegative()) {
            throw new IllegalArgumentException("routing.failover.max-route-wait: " + maxRouteWait
                    + " (expected: >= 0)");
        }
        BindConfig.positive("dispatch.outbox-expiry", outboxExpiry);
        BindConfig.positive("dispatch.probe-interval", probeInterval);
    }

    /** The settings with the default probe interval. */
    public DispatchConfig(Duration rerouteDelay, Duration maxRouteWait, Duration outboxExpiry) {
        this(rerouteDelay, maxRouteWait, outboxExpiry, DEFAULT_PROBE_INTERVAL);
    }
}
