package io.smsgate.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client outbox as gauges, from a periodic read of the store (a scrape never queries the database):
 * {@value #OUTBOX_PENDING} (entries waiting for any client, tag {@code channel=smpp}) and, per account, the
 * {@link SmppMeters#ACCOUNT_OUTBOX_DEPTH} and {@link SmppMeters#ACCOUNT_OUTBOX_AGE} of {@link SmppMeters}.
 */
public final class OutboxMeters {

    public static final String OUTBOX_PENDING = "smsgate.outbox.pending";

    /** What waits for one account: how many entries, and when the oldest was created. */
    public record Depth(long pending, Instant oldest) {
        public Depth {
            requireNonNull(oldest, "oldest");
            if (pending < 0) {
                throw new IllegalArgumentException("pending: " + pending + " (expected: >= 0)");
            }
        }
    }

    private final SmppMeters smpp;
    private final Clock clock;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Depth> depths = Map.of();

    public OutboxMeters(MeterRegistry registry, SmppMeters smpp, Clock clock) {
        this.smpp = requireNonNull(smpp, "smpp");
        this.clock = requireNonNull(clock, "clock");
        Gauge.builder(OUTBOX_PENDING, this, OutboxMeters::pending)
                .description("Receipts and MOs waiting for their client")
                .baseUnit("entries")
                .tag("channel", "smpp")
                .strongReference(true)
                .register(requireNonNull(registry, "registry"));
    }

    /** The latest read of the outbox, per system_id; an account missing from it has nothing waiting. */
    public void update(Map<String, Depth> read) {
        Map<String, Depth> copy = Map.copyOf(read);
        depths = copy;
        for (String systemId : copy.keySet()) {
            if (registered.add(systemId)) {
                smpp.account(systemId).outbox(() -> depth(systemId).pending(), () -> ageSeconds(systemId));
            }
        }
    }

    private double pending() {
        long total = 0;
        for (Depth depth : depths.values()) {
            total += depth.pending();
        }
        return total;
    }

    private Depth depth(String systemId) {
        return depths.getOrDefault(systemId, new Depth(0, clock.instant()));
    }

    private double ageSeconds(String systemId) {
        Depth depth = depths.get(systemId);
        if (depth == null || depth.pending() == 0) {
            return 0;
        }
        return Math.max(0, Duration.between(depth.oldest(), clock.instant()).toMillis()) / 1000.0;
    }
}
