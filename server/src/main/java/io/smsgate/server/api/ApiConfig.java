package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP send API listener ({@code api:} in smsgate.yaml): {@code api.enabled}, {@code api.bind-address},
 * {@code api.port} (8080), {@code api.tls} (PEM certificate and key; absent means plain HTTP),
 * {@code api.max-body-size} (larger bodies are refused with 413), the rate limits per API key and per account
 * (requests per second, each with a burst of one second's worth), how long an Idempotency-Key answer is replayed,
 * how long an authenticated key is trusted before it is read again, the threads and queue of the pool that runs
 * the API's database reads, and {@code api.key-pepper}, the secret that keys the hash of stored API keys.
 */
public record ApiConfig(boolean enabled, String bindAddress, int port, Optional<Tls> tls, DataSize maxBodySize,
                        int perKeyRate, int perAccountRate, Duration idempotencyTtl, Duration keyCacheTtl,
                        int workerThreads, int workerQueue, Optional<String> keyPepper) {

    public static final ApiConfig DEFAULTS = new ApiConfig(true, "0.0.0.0", 8080, Optional.empty(),
            DataSize.ofKibibytes(64), 1_000, 2_000, Duration.ofHours(24), Duration.ofSeconds(10), 4, 1_000,
            Optional.empty());

    public ApiConfig {
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(tls, "tls");
        requireNonNull(maxBodySize, "maxBodySize");
        requireNonNull(idempotencyTtl, "idempotencyTtl");
        requireNonNull(keyCacheTtl, "keyCacheTtl");
        requireNonNull(keyPepper, "keyPepper");
        if (bindAddress.isBlank() || bindAddress.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("api.bind-address: '" + bindAddress
                    + "' (expected: an IP address or host name, e.g. 0.0.0.0 or 127.0.0.1)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("api.port: " + port + " (expected: 0..65535, 0 picks a free port)");
        }
        if (maxBodySize.bytes() < 1024 || maxBodySize.bytes() > 16L * 1024 * 1024) {
            throw new IllegalArgumentException("api.max-body-size: " + maxBodySize + " (expected: 1KiB..16MiB)");
        }
        if (perKeyRate < 1) {
            throw new IllegalArgumentException("api.per-key-rate: " + perKeyRate + " (expected: >= 1)");
        }
        if (perAccountRate < 1) {
            throw new IllegalArgumentException("api.per-account-rate: " + perAccountRate + " (expected: >= 1)");
        }
        if (idempotencyTtl.compareTo(Duration.ofMinutes(1)) < 0 || idempotencyTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("api.idempotency-ttl: " + idempotencyTtl + " (expected: 1m..7d)");
        }
        if (keyCacheTtl.isNegative() || keyCacheTtl.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("api.key-cache-ttl: " + keyCacheTtl
                    + " (expected: 0s..5m; a revoked key is refused on other nodes after at most this long)");
        }
        if (workerThreads < 1 || workerThreads > 64) {
            throw new IllegalArgumentException("api.worker-threads: " + workerThreads + " (expected: 1..64)");
        }
        if (workerQueue < 1) {
            throw new IllegalArgumentException("api.worker-queue: " + workerQueue + " (expected: >= 1)");
        }
        if (keyPepper.isPresent() && keyPepper.get().length() < 16) {
            throw new IllegalArgumentException("api.key-pepper: " + keyPepper.get().length()
                    + " characters (expected: empty, or at least 16 random characters)");
        }
    }

    /** The same listener on another address and port (tests bind 127.0.0.1:0). */
    public ApiConfig withAddress(String address, int newPort) {
        return new ApiConfig(enabled, address, newPort, tls, maxBodySize, perKeyRate, perAccountRate, idempotencyTtl,
                keyCacheTtl, workerThreads, workerQueue, keyPepper);
    }

    public ApiConfig withRates(int newPerKeyRate, int newPerAccountRate) {
        return new ApiConfig(enabled, bindAddress, port, tls, maxBodySize, newPerKeyRate, newPerAccountRate,
                idempotencyTtl, keyCacheTtl, workerThreads, workerQueue, keyPepper);
    }

    public ApiConfig withTls(Tls newTls) {
        return new ApiConfig(enabled, bindAddress, port, Optional.of(newTls), maxBodySize, perKeyRate, perAccountRate,
                idempotencyTtl, keyCacheTtl, workerThreads, workerQueue, keyPepper);
    }

    public ApiConfig withMaxBodySize(DataSize newMaxBodySize) {
        return new ApiConfig(enabled, bindAddress, port, tls, newMaxBodySize, perKeyRate, perAccountRate,
                idempotencyTtl, keyCacheTtl, workerThreads, workerQueue, keyPepper);
    }

    public ApiConfig withEnabled(boolean newEnabled) {
        return new ApiConfig(newEnabled, bindAddress, port, tls, maxBodySize, perKeyRate, perAccountRate,
                idempotencyTtl, keyCacheTtl, workerThreads, workerQueue, keyPepper);
    }

    @Override
    public String toString() {
        return "ApiConfig[enabled=" + enabled + ", bindAddress=" + bindAddress + ", port=" + port + ", tls=" + tls
                + ", maxBodySize=" + maxBodySize + ", perKeyRate=" + perKeyRate + ", perAccountRate="
                + perAccountRate + ", idempotencyTtl=" + idempotencyTtl + ", keyCacheTtl=" + keyCacheTtl
                + ", workerThreads=" + workerThreads + ", workerQueue=" + workerQueue + ", keyPepper="
                + (keyPepper.isPresent() ? "***" : "none") + "]";
    }

    /** TLS from PEM files: {@code api.tls.cert-path} (chain, leaf first) and {@code api.tls.key-path}. */
    public record Tls(Path certPath, Path keyPath) {
        public Tls {
            requireNonNull(certPath, "certPath");
            requireNonNull(keyPath, "keyPath");
        }
    }
}
