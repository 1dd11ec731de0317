package io.smsgate.server.fetch;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.config.DataSize;
import io.smsgate.server.upstream.CidrAllowlist;
import java.time.Duration;
import java.util.List;

/**
 * The {@code fetch:} section: limits of the one outbound HTTP client (webhooks, later MMS media URLs).
 *
 * @param connectTimeout {@code fetch.connect-timeout}, per connection attempt
 * @param totalTimeout {@code fetch.total-timeout}, the whole exchange including redirects and the body
 * @param maxResponseSize {@code fetch.max-response-size}, larger bodies are refused while reading
 * @param maxRedirects {@code fetch.max-redirects}, 0 follows none
 * @param maxConnectionsPerEndpoint {@code fetch.max-connections-per-endpoint}, the HTTP/1.1 pool per origin
 * @param allowlist {@code fetch.allowlist}, CIDRs admitted although private, loopback or link-local
 */
public record FetchConfig(Duration connectTimeout, Duration totalTimeout, DataSize maxResponseSize, int maxRedirects,
                          int maxConnectionsPerEndpoint, List<String> allowlist) {

    public static final FetchConfig DEFAULTS = new FetchConfig(Duration.ofSeconds(2), Duration.ofSeconds(10),
            DataSize.ofKibibytes(64), 3, 16, List.of());

    public FetchConfig {
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(totalTimeout, "totalTimeout");
        requireNonNull(maxResponseSize, "maxResponseSize");
        allowlist = List.copyOf(allowlist);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("fetch.connect-timeout: " + connectTimeout + " (expected: > 0)");
        }
        if (totalTimeout.isNegative() || totalTimeout.isZero()) {
            throw new IllegalArgumentException("fetch.total-timeout: " + totalTimeout + " (expected: > 0)");
        }
        if (maxResponseSize.bytes() < 1 || maxResponseSize.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fetch.max-response-size: " + maxResponseSize
                    + " (expected: 1 byte .. 2 GiB)");
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("fetch.max-redirects: " + maxRedirects + " (expected: 0..20)");
        }
        if (maxConnectionsPerEndpoint < 1) {
            throw new IllegalArgumentException("fetch.max-connections-per-endpoint: " + maxConnectionsPerEndpoint
                    + " (expected: >= 1)");
        }
        for (int i = 0; i < allowlist.size(); i++) {
            try {
                CidrAllowlist.parse(List.of(allowlist.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fetch.allowlist[" + i + "]: '" + allowlist.get(i)
                        + "' (expected: an IPv4 or IPv6 address/prefix such as 10.20.0.0/16)", e);
            }
        }
    }

    public FetchConfig withAllowlist(List<String> entries) {
        return new FetchConfig(connectTimeout, totalTimeout, maxResponseSize, maxRedirects, maxConnectionsPerEndpoint,
                entries);
    }

    public FetchConfig withTotalTimeout(Duration timeout) {
        return new FetchConfig(connectTimeout, timeout, maxResponseSize, maxRedirects, maxConnectionsPerEndpoint,
                allowlist);
    }
}
