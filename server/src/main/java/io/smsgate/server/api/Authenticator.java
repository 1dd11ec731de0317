package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Turns an {@code Authorization: Bearer sk_…} header into the {@link Principal} of a live key (RFC 6750 §2.1).
 * Live keys are kept in memory for {@code api.key-cache-ttl} after a read, so a request costs one HMAC, not a
 * query; a key revoked on this node is dropped at once, on another node after at most that long. A wrong secret
 * for a known key id never reaches the database.
 */
final class Authenticator {

    private static final String SCHEME = "bearer ";

    private final ApiKeys keys;
    private final Workers workers;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    Authenticator(ApiKeys keys, Workers workers, Duration ttl, LongSupplier nanoTime) {
        this.keys = requireNonNull(keys, "keys");
        this.workers = requireNonNull(workers, "workers");
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    }

    /** The principal, or empty when the header is absent, malformed, or names no live key with this secret. */
    CompletableFuture<Optional<Principal>> authenticate(Optional<String> authorization) {
        Optional<ApiKeys.Token> token = authorization.flatMap(Authenticator::bearer).flatMap(ApiKeys::parse);
        if (token.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        ApiKeys.Token presented = token.get();
        long now = nanoTime.getAsLong();
        Cached cached = cache.get(presented.keyId());
        if (cached != null && now - cached.readAt() < ttlNanos) {
            return CompletableFuture.completedFuture(check(cached, presented));
        }
        return workers.submit(() -> keys.findLive(presented.keyId())).thenApply(found -> {
            if (found.isEmpty()) {
                cache.remove(presented.keyId());
                return Optional.empty();
            }
            Cached read = new Cached(found.get(), now);
            cache.put(presented.keyId(), read);
            return check(read, presented);
        });
    }

    /** Forgets a key at once (after it was revoked here). */
    void invalidate(String keyId) {
        cache.remove(keyId);
    }

    private Optional<Principal> check(Cached cached, ApiKeys.Token presented) {
        return keys.matches(presented.secret(), cached.key().secretHash()) ? cached.principal() : Optional.empty();
    }

    private static Optional<String> bearer(String header) {
        // RFC 7235 §2.1: the scheme is case-insensitive.
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(SCHEME.length()).trim());
    }

    // The principal is built once per read, not per request.
    private record Cached(ApiKeys.StoredKey key, Optional<Principal> principal, long readAt) {
        Cached(ApiKeys.StoredKey key, long readAt) {
            this(key, Optional.of(new Principal(key.keyId(), key.systemId())), readAt);
        }
    }
}
