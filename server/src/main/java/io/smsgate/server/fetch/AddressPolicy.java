package io.smsgate.server.fetch;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.upstream.CidrAllowlist;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses the outbound fetcher may connect to: every public unicast address, and nothing private, loopback,
 * link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved or unspecified (RFC 6890 special-purpose
 * registries) unless the operator's allowlist admits it. IPv6 forms that carry an IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64, 6to4) are judged by that IPv4 address.
 */
public final class AddressPolicy {

    /** The IPv4 special-purpose blocks refused (RFC 6890, RFC 6598, RFC 5737, RFC 1112). */
    private static final List<Block> IPV4_REFUSED = List.of(
            Block.v4("0.0.0.0", 8, "unspecified"),
            Block.v4("10.0.0.0", 8, "private"),
            Block.v4("100.64.0.0", 10, "cgnat"),
            Block.v4("127.0.0.0", 8, "loopback"),
            Block.v4("169.254.0.0", 16, "link-local"),
            Block.v4("172.16.0.0", 12, "private"),
            Block.v4("192.0.0.0", 24, "reserved"),
            Block.v4("192.0.2.0", 24, "documentation"),
            Block.v4("192.88.99.0", 24, "reserved"),
            Block.v4("192.168.0.0", 16, "private"),
            Block.v4("198.18.0.0", 15, "benchmarking"),
            Block.v4("198.51.100.0", 24, "documentation"),
            Block.v4("203.0.113.0", 24, "documentation"),
            Block.v4("224.0.0.0", 4, "multicast"),
            Block.v4("240.0.0.0", 4, "reserved"));

    /** The IPv6 special-purpose blocks refused outright (RFC 6890, RFC 4193, RFC 4291). */
    private static final List<Block> IPV6_REFUSED = List.of(
            Block.v6("::", 128, "unspecified"),
            Block.v6("::1", 128, "loopback"),
            Block.v6("100::", 64, "discard"),
            Block.v6("2001::", 23, "reserved"),
            Block.v6("2001:db8::", 32, "documentation"),
            Block.v6("fc00::", 7, "private"),
            Block.v6("fe80::", 10, "link-local"),
            Block.v6("fec0::", 10, "site-local"),
            Block.v6("ff00::", 8, "multicast"));

    private final CidrAllowlist allowlist;

    /** @param allowlist networks the operator admits although they are special-purpose (tests: 127.0.0.1/32) */
    public AddressPolicy(CidrAllowlist allowlist) {
        this.allowlist = requireNonNull(allowlist, "allowlist");
    }

    /** Refuses every special-purpose address. */
    public static AddressPolicy strict() {
        return new AddressPolicy(CidrAllowlist.NONE);
    }

    /** Why {@code address} may not be fetched from, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (allowlist.allows(address)) {
            return Optional.empty();
        }
        return classify(address).map(kind -> kind + " address " + address.getHostAddress()
                + " (expected: a public address or one in fetch.allowlist)");
    }

    /** The special-purpose kind of {@code address} ("loopback", "private", …), or empty for public unicast. */
    static Optional<String> classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return match(IPV4_REFUSED, bytes);
        }
        if (address instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                return match(IPV4_REFUSED, embedded.get());
            }
            return match(IPV6_REFUSED, bytes);
        }
        return Optional.of("unknown-family");
    }

    /**
     * The IPv4 address carried by an IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96)
     * or 6to4 (2002::/16) IPv6 address.
     */
    private static Optional<byte[]> embeddedIpv4(byte[] v6) {
        boolean firstTenZero = allZero(v6, 0, 10);
        if (firstTenZero && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            return Optional.of(Arrays.copyOfRange(v6, 12, 16));
        }
        // ::/96 except :: and ::1, which the IPv6 table names.
        if (firstTenZero && v6[10] == 0 && v6[11] == 0 && !allZero(v6, 12, 15)) {
            return Optional.of(Arrays.copyOfRange(v6, 12, 16));
        }
        if (v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b && allZero(v6, 4, 12)) {
            return Optional.of(Arrays.copyOfRange(v6, 12, 16));
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Optional.of(Arrays.copyOfRange(v6, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> match(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return Optional.of(block.kind());
            }
        }
        return Optional.empty();
    }

    /** One CIDR block; a class, not a record, because it holds a byte[]. */
    private static final class Block {
        private final byte[] network;
        private final int prefix;
        private final String kind;

        private Block(byte[] network, int prefix, String kind) {
            this.network = network;
            this.prefix = prefix;
            this.kind = kind;
        }

        static Block v4(String network, int prefix, String kind) {
            return new Block(literal(network), prefix, kind);
        }

        static Block v6(String network, int prefix, String kind) {
            return new Block(literal(network), prefix, kind);
        }

        String kind() {
            return kind;
        }

        private static byte[] literal(String text) {
            try {
                return InetAddress.getByName(text).getAddress(); // a literal: never resolved
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
