package io.smsgate.server.config;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.carrier.DispatchConfig;
import java.time.Duration;

/**
 * The {@code dispatch:} section: how the carrier dispatcher waits when no route is usable
 * ({@code dispatch.reroute-delay}), how often a half-open carrier gets a probe ({@code dispatch.probe-interval}) and
 * how long a receipt or MO waits in the outbox for its client ({@code dispatch.outbox-expiry}). How long a message
 * may wait for a route at all is {@code routing.failover.max-route-wait}, one key for the router and the dispatcher.
 */
public record DispatchSection(Duration rerouteDelay, Duration probeInterval, Duration outboxExpiry) {

    public static final DispatchSection DEFAULTS = new DispatchSection(DispatchConfig.DEFAULTS.rerouteDelay(),
            DispatchConfig.DEFAULTS.probeInterval(), DispatchConfig.DEFAULTS.outboxExpiry());

    public DispatchSection {
        within("dispatch.reroute-delay", rerouteDelay, Duration.ofMillis(1), Duration.ofHours(1), "1ms..1h");
        within("dispatch.probe-interval", probeInterval, Duration.ofMillis(1), Duration.ofHours(1), "1ms..1h");
        within("dispatch.outbox-expiry", outboxExpiry, Duration.ofMinutes(1), Duration.ofDays(366), "1m..366d");
    }

    private static void within(String key, Duration value, Duration min, Duration max, String expected) {
        requireNonNull(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: " + expected + ")");
        }
    }

    /** The dispatcher's settings, a message waiting for a usable route at most {@code maxRouteWait}. */
    public DispatchConfig dispatchConfig(Duration maxRouteWait) {
        return new DispatchConfig(rerouteDelay, maxRouteWait, outboxExpiry, probeInterval);
    }
}
