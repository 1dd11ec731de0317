package io.smsgate.server.http;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.config.DataSize;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The admin HTTP listener (metrics, health): {@code admin.bind-address} (loopback by default: the admin port is for
 * operators, so exposing it is a decision), {@code admin.port}, {@code admin.tls} (PEM certificate and key; absent
 * means plain HTTP) and {@code admin.max-request-size} (larger requests are refused with 413).
 */
public record AdminHttpConfig(String bindAddress, int port, Optional<Tls> tls, DataSize maxRequestSize) {

    public static final AdminHttpConfig DEFAULTS = new AdminHttpConfig("127.0.0.1", 8081, Optional.empty(),
            DataSize.ofKibibytes(64));

    public AdminHttpConfig {
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(tls, "tls");
        requireNonNull(maxRequestSize, "maxRequestSize");
        if (bindAddress.isBlank() || bindAddress.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("admin.bind-address: '" + bindAddress
                    + "' (expected: an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin.port: " + port + " (expected: 0..65535, 0 picks a free port)");
        }
        if (maxRequestSize.bytes() < 1024 || maxRequestSize.bytes() > 16L * 1024 * 1024) {
            throw new IllegalArgumentException("admin.max-request-size: " + maxRequestSize
                    + " (expected: 1KiB..16MiB)");
        }
    }

    /** The same listener on another address and port (tests bind 127.0.0.1:0). */
    public AdminHttpConfig withAddress(String address, int newPort) {
        return new AdminHttpConfig(address, newPort, tls, maxRequestSize);
    }

    public AdminHttpConfig withTls(Tls newTls) {
        return new AdminHttpConfig(bindAddress, port, Optional.of(newTls), maxRequestSize);
    }

    /** TLS for the admin listener from PEM files: {@code admin.tls.cert-path} (chain) and {@code admin.tls.key-path}. */
    public record Tls(Path certPath, Path keyPath) {
        public Tls {
            requireNonNull(certPath, "certPath");
            requireNonNull(keyPath, "keyPath");
        }
    }
}
