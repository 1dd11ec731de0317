package io.smsgate.protocol;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of octets, equal by content and printed as hex: how bytes are held in PDU and text
 * values, since a record holding a {@code byte[]} would compare arrays by identity.
 */
public final class OctetString implements Comparable<OctetString> {

    public static final OctetString EMPTY = new OctetString(new byte[0]);

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] octets;
    private int hash;

    private OctetString(byte[] octets) {
        this.octets = octets;
    }

    /** Copies {@code octets}; later changes to the array do not show through. */
    public static OctetString of(byte[] octets) {
        return octets.length == 0 ? EMPTY : new OctetString(octets.clone());
    }

    /** Copies {@code length} octets of {@code octets} from {@code offset}. */
    public static OctetString of(byte[] octets, int offset, int length) {
        return length == 0 ? EMPTY : new OctetString(Arrays.copyOfRange(octets, offset, offset + length));
    }

    /**
     * Takes ownership of {@code octets} without copying. Only for callers that just allocated the array and
     * never touch it again (decoders on the hot path).
     */
    public static OctetString wrap(byte[] octets) {
        return octets.length == 0 ? EMPTY : new OctetString(octets);
    }

    /** The octets of {@code text} in US-ASCII. */
    public static OctetString ascii(String text) {
        return wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Parses hex digits, ignoring spaces: {@code "05 00 03"}. */
    public static OctetString fromHex(String hex) {
        return wrap(HEX.parseHex(hex.replace(" ", "")));
    }

    public int length() {
        return octets.length;
    }

    public boolean isEmpty() {
        return octets.length == 0;
    }

    /** The octet at {@code index} as an unsigned value 0–255. */
    public int get(int index) {
        return octets[index] & 0xFF;
    }

    /** A copy of the octets. */
    public byte[] toByteArray() {
        return octets.clone();
    }

    /** Copies the octets into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(octets, 0, target, offset, octets.length);
    }

    public OctetString slice(int from, int to) {
        return of(octets, from, to - from);
    }

    public OctetString concat(OctetString other) {
        if (other.isEmpty()) {
            return this;
        }
        byte[] joined = Arrays.copyOf(octets, octets.length + other.octets.length);
        System.arraycopy(other.octets, 0, joined, octets.length, other.octets.length);
        return wrap(joined);
    }

    public String decode(Charset charset) {
        return new String(octets, charset);
    }

    public String toHex() {
        return HEX.formatHex(octets);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OctetString that && Arrays.equals(octets, that.octets);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(octets);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(OctetString other) {
        return Arrays.compareUnsigned(octets, other.octets);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
