package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Caches a {@link PortabilityLookup}'s answers for a time to live, bounded in size (least recently used go
 * first); time is passed in. The answer feeds {@link RouteRequest#portedNetwork()}.
 */
public final class PortabilityCache {
    private final PortabilityLookup lookup;
    private final int maxEntries;
    private final Duration ttl;
    private final Map<String, Cached> entries;

    private record Cached(Optional<MccMnc> network, Instant expiresAt) {
    }

    public PortabilityCache(PortabilityLookup lookup, int maxEntries, Duration ttl) {
        this.lookup = requireNonNull(lookup, "lookup");
        this.ttl = requireNonNull(ttl, "ttl");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("routing.portability.cache-size: " + maxEntries + " (expected: >= 1)");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("routing.portability.ttl: " + ttl + " (expected: > 0)");
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > PortabilityCache.this.maxEntries;
            }
        };
    }

    /**
     * The network serving {@code number}: from the cache while its answer is younger than the TTL, else from the
     * lookup, whose answer is cached as of {@code now}. A failed lookup is not cached.
     */
    public CompletionStage<Optional<MccMnc>> network(String number, Instant now) {
        Optional<Optional<MccMnc>> cached = cached(number, now);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        return lookup.lookup(number).thenApply(network -> {
            put(number, network, now);
            return network;
        });
    }

    /** The cached answer for {@code number} at {@code now}: empty when absent or expired. */
    public synchronized Optional<Optional<MccMnc>> cached(String number, Instant now) {
        Cached cached = entries.get(number);
        if (cached == null) {
            return Optional.empty();
        }
        if (!now.isBefore(cached.expiresAt())) {
            entries.remove(number);
            return Optional.empty();
        }
        return Optional.of(cached.network());
    }

    public synchronized void put(String number, Optional<MccMnc> network, Instant now) {
        entries.put(number, new Cached(requireNonNull(network, "network"), now.plus(ttl)));
    }

    public synchronized int size() {
        return entries.size();
    }
}
