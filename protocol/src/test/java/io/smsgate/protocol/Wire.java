package io.smsgate.protocol;

import java.util.HexFormat;

/** Test fixtures: wire bytes written as hex spaced by field, {@code "00000010 00000015 00000000 0000002a"}. */
public final class Wire {

    private Wire() {
    }

    public static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", "").replace("\n", ""));
    }

    public static String hex(byte[] octets) {
        return HexFormat.of().formatHex(octets);
    }
}
