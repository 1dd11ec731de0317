package io.smsgate.server.fetch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Locale;

/**
 * Where one request goes, read from an absolute http(s) URL (RFC 3986 §3): scheme, host as written, port, and the
 * path with its query. User info is refused: it is never sent, and {@code http://good@evil} reads as good.
 */
record Target(boolean https, String host, int port, String pathAndQuery) {

    Target {
        requireNonNull(host, "host");
        requireNonNull(pathAndQuery, "pathAndQuery");
    }

    /** A bad URL is an IllegalArgumentException naming it and what was expected. */
    static Target of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url scheme: '" + scheme + "' (expected: http or https)");
        }
        String authority = url.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("url: '" + url + "' (expected: an absolute URL with a host)");
        }
        if (authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException("url: user info (expected: none; put credentials in headers)");
        }
        boolean https = scheme.equals("https");
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("url host: '" + authority + "' (expected: [IPv6])");
            }
            host = authority.substring(0, close + 1);
            portText = authority.length() > close + 1 && authority.charAt(close + 1) == ':'
                    ? authority.substring(close + 2) : "";
        } else {
            // java.net.URI reads numeric hosts such as 0x7f.1 as no host at all, so the raw authority decides.
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }
        if (host.isEmpty() || host.indexOf('%') >= 0) {
            throw new IllegalArgumentException("url host: '" + host + "' (expected: a name or an address)");
        }
        int port = https ? 443 : 80;
        if (!portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("url port: '" + portText + "' (expected: 1..65535)");
            }
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return new Target(https, host.toLowerCase(Locale.ROOT), port, path + query);
    }

    /** The origin, {@code https://host:port}: the unit of connection pools, concurrency limits and breakers. */
    String origin() {
        return (https ? "https://" : "http://") + host + ":" + port;
    }

    /** The host as sent in the Host header and TLS SNI: without the IPv6 brackets. */
    String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
