package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live health of every carrier and carrier-and-country pair, fed by the server (bind state, submit responses,
 * receipts) with the time of each event. It outlives routing snapshots: replacing the rates keeps the health.
 */
public final class HealthBoard {
    private final HealthConfig config;
    private final RoutingListener listener;
    private final ConcurrentMap<String, Node> carriers = new ConcurrentHashMap<>();
    /** Incremented after any change of a value the router reads (gate, failure and delivered rates). */
    private final AtomicLong epoch = new AtomicLong();

    private final class Node {
        final CarrierHealth carrier;
        final ConcurrentMap<String, CarrierHealth> countries = new ConcurrentHashMap<>();
        final String carrierId;

        Node(String carrierId) {
            this.carrierId = carrierId;
            this.carrier = new CarrierHealth(config, epoch, (from, to, at) -> listener.circuitChanged(carrierId,
                    Optional.empty(), from, to, Instant.ofEpochMilli(at)));
        }

        CarrierHealth country(String country) {
            return countries.computeIfAbsent(country, c -> new CarrierHealth(config, epoch, (from, to, at) ->
                    listener.circuitChanged(carrierId, Optional.of(c), from, to, Instant.ofEpochMilli(at))));
        }
    }

    public HealthBoard(HealthConfig config, RoutingListener listener) {
        this.config = requireNonNull(config, "config");
        this.listener = requireNonNull(listener, "listener");
    }

    public HealthConfig config() {
        return config;
    }

    /** The carrier's bind (at least one transmitter session) came up. */
    public void bindUp(String carrierId, Instant now) {
        node(carrierId).carrier.bind(true, now.toEpochMilli());
    }

    /** The carrier has no usable bind left. */
    public void bindDown(String carrierId, Instant now) {
        node(carrierId).carrier.bind(false, now.toEpochMilli());
    }

    /**
     * A submit_sm to {@code carrierId} for a destination in {@code country} (as the route candidate named it)
     * was answered, or timed out, after {@code latency}.
     */
    public void submitted(String carrierId, String country, SubmitResult result, Duration latency, Instant now) {
        long nowMillis = now.toEpochMilli();
        long micros = latency.toNanos() / 1000;
        Node node = node(carrierId);
        node.carrier.submitted(result, micros, nowMillis);
        if (!country.isEmpty()) {
            node.country(country).submitted(result, micros, nowMillis);
            node.carrier.countryReported();
        }
    }

    /** A final delivery receipt arrived {@code latency} after the submit; {@code delivered} for stat DELIVRD. */
    public void receipt(String carrierId, String country, boolean delivered, Duration latency, Instant now) {
        long nowMillis = now.toEpochMilli();
        Node node = node(carrierId);
        node.carrier.receipt(delivered, latency.toMillis(), nowMillis);
        if (!country.isEmpty()) {
            node.country(country).receipt(delivered, latency.toMillis(), nowMillis);
            node.carrier.countryReported();
        }
    }

    /** Ages the windows and half-opens expired breakers; the server calls it about once per bucket. */
    public void advance(Instant now) {
        long nowMillis = now.toEpochMilli();
        for (Node node : carriers.values()) {
            node.carrier.advance(nowMillis);
            node.countries.values().forEach(h -> h.advance(nowMillis));
        }
    }

    public HealthStatus status(String carrierId) {
        Node node = carriers.get(carrierId);
        return node == null ? HealthStatus.UNKNOWN : node.carrier.status();
    }

    public HealthStatus status(String carrierId, String country) {
        Node node = carriers.get(carrierId);
        CarrierHealth health = node == null ? null : node.countries.get(country);
        return health == null ? HealthStatus.UNKNOWN : health.status();
    }

    /** The count of changes the router's cached plans are stamped with; it only grows. */
    long epoch() {
        return epoch.get();
    }

    CarrierHealth carrier(String carrierId) {
        return node(carrierId).carrier;
    }

    CarrierHealth country(String carrierId, String country) {
        return node(carrierId).country(country);
    }

    private Node node(String carrierId) {
        return carriers.computeIfAbsent(carrierId, Node::new);
    }
}
