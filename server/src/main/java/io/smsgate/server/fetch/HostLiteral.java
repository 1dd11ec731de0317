package io.smsgate.server.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a URL host that is an address literal, as the C library's inet_aton and browsers do: IPv4 in one to four
 * parts, each decimal, octal (leading 0) or hexadecimal (0x), so that {@code 2130706433}, {@code 0177.0.0.1} and
 * {@code 0x7f.1} are all 127.0.0.1 (RFC 3986 §7.4 warns of these forms); bracketed IPv6 without a zone id.
 */
final class HostLiteral {

    private HostLiteral() {
    }

    /** The address {@code host} spells, or empty when it is a DNS name. */
    static Optional<InetAddress> parse(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            if (h.indexOf('%') >= 0) {
                throw new IllegalArgumentException("url host: '" + host + "' (expected: no IPv6 zone id)");
            }
            return Optional.of(literal(h));
        }
        return ipv4(h).map(HostLiteral::fromInt);
    }

    private static Optional<Long> ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4 || host.isEmpty()) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = number(parts[i]);
            if (value.isEmpty()) {
                return Optional.empty(); // a label that is not a number: a DNS name
            }
            values[i] = value.get();
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                throw new IllegalArgumentException("url host: '" + host + "' (expected: each leading part <= 255)");
            }
            address = address << 8 | values[i];
        }
        int lastBytes = 4 - (parts.length - 1);
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * lastBytes)) {
            throw new IllegalArgumentException("url host: '" + host + "' (expected: an IPv4 address in range)");
        }
        return Optional.of(address << (8 * lastBytes) | last);
    }

    private static Optional<Long> number(String part) {
        String p = part.toLowerCase(Locale.ROOT);
        int radix = 10;
        if (p.startsWith("0x")) {
            radix = 16;
            p = p.substring(2);
            if (p.isEmpty()) {
                return Optional.of(0L); // inet_aton reads a bare "0x" as zero
            }
        } else if (p.length() > 1 && p.startsWith("0")) {
            radix = 8;
            p = p.substring(1);
        }
        if (p.isEmpty() || p.length() > 12) {
            return p.isEmpty() ? Optional.empty() : Optional.of(Long.MAX_VALUE);
        }
        for (int i = 0; i < p.length(); i++) {
            if (Character.digit(p.charAt(i), radix) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(p, radix));
    }

    private static InetAddress fromInt(long address) {
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress literal(String ipv6) {
        for (int i = 0; i < ipv6.length(); i++) {
            char c = ipv6.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                throw new IllegalArgumentException("url host: '" + ipv6 + "' (expected: an IPv6 literal)");
            }
        }
        try {
            return InetAddress.getByName(ipv6); // only hex digits, colons and dots: a literal, never resolved
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("url host: '" + ipv6 + "' (expected: an IPv6 literal)");
        }
    }
}
