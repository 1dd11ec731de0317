package io.smsgate.server.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks an account may bind from (IPv4 and IPv6 CIDR blocks). Fails closed: an empty list admits nobody,
 * and an entry that cannot be read makes the whole list admit nobody (Security bar §5.1, unlike Jasmin).
 */
public final class CidrAllowlist {

    /** Admits no address. */
    public static final CidrAllowlist NONE = new CidrAllowlist(List.of(), List.of());

    private final List<byte[]> networks;
    private final List<Integer> prefixes;
    private final List<String> text;

    private CidrAllowlist(List<byte[]> networks, List<Integer> prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            try {
                entries.add(InetAddress.getByAddress(networks.get(i)).getHostAddress() + "/" + prefixes.get(i));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        this.text = List.copyOf(entries);
    }

    /**
     * Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32} or a bare address (a /32 or /128). Only literal addresses:
     * no name is ever resolved. A bad entry is an IllegalArgumentException naming it.
     */
    public static CidrAllowlist parse(List<String> entries) {
        List<byte[]> networks = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            int slash = trimmed.indexOf('/');
            String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
            if (host.isEmpty() || !(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
                throw new IllegalArgumentException("cidr: '" + entry + "' (expected: an IPv4 or IPv6 address/prefix)");
            }
            byte[] address;
            try {
                address = normalise(InetAddress.getByName(host).getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cidr: '" + entry + "' (expected: an IPv4 or IPv6 address/prefix)");
            }
            int max = address.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? max : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cidr: '" + entry + "' (expected: prefix 0.." + max + ")");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("cidr: '" + entry + "' (expected: prefix 0.." + max + ")");
            }
            networks.add(mask(address, prefix));
            prefixes.add(prefix);
        }
        return new CidrAllowlist(List.copyOf(networks), List.copyOf(prefixes));
    }

    /** True when {@code address} lies in one of the networks. */
    public boolean allows(InetAddress address) {
        byte[] bytes = normalise(address.getAddress());
        for (int i = 0; i < networks.size(); i++) {
            byte[] network = networks.get(i);
            if (network.length == bytes.length && java.util.Arrays.equals(mask(bytes, prefixes.get(i)), network)) {
                return true;
            }
        }
        return false;
    }

    public List<String> entries() {
        return text;
    }

    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d, as dual-stack sockets report IPv4 peers) is its IPv4 address.
    private static byte[] normalise(byte[] address) {
        if (address.length == 16) {
            boolean mapped = address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = address[i] == 0;
            }
            if (mapped) {
                return new byte[] {address[12], address[13], address[14], address[15]};
            }
        }
        return address;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xFF << (8 - bits));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
