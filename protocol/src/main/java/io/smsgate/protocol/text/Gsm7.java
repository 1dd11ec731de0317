package io.smsgate.protocol.text;

import io.smsgate.protocol.OctetString;
import java.util.Arrays;

/**
 * The GSM 7-bit alphabet with one locking shift table and one single shift table (3GPP TS 23.038 §6.2.1,
 * Annex A), in unpacked form (one septet per octet, as SMPP data_coding 0 usually carries it) and packed
 * form (§6.1.2.1). Extension characters cost two septets: the escape 0x1B and their code.
 */
public final class Gsm7 implements SmsAlphabet {

    /** The escape to the single shift table (§6.2.1.1). */
    public static final int ESCAPE = 0x1B;

    /** The default alphabet and its extension table: what data_coding 0 means without shift IEs. */
    public static final Gsm7 DEFAULT = new Gsm7(NationalLanguage.DEFAULT, NationalLanguage.DEFAULT);

    private static final Gsm7[][] ALL = new Gsm7[NationalLanguage.values().length][NationalLanguage.values().length];

    static {
        for (NationalLanguage locking : NationalLanguage.values()) {
            for (NationalLanguage single : NationalLanguage.values()) {
                if (locking.hasLockingShift()) {
                    ALL[locking.ordinal()][single.ordinal()] = locking == NationalLanguage.DEFAULT
                            && single == NationalLanguage.DEFAULT ? DEFAULT : new Gsm7(locking, single);
                }
            }
        }
    }

    /** Marks a single shift code in {@link #codes}: the value is {@code SINGLE | septet}. */
    private static final short SINGLE = 0x80;

    private final NationalLanguage lockingShift;
    private final NationalLanguage singleShift;
    private final char[] lockingChars;
    private final char[] singleChars;
    /** Indexed by char: septet (0–127), SINGLE | septet, or -1 when the character has no code. */
    private final short[] codes;

    private Gsm7(NationalLanguage lockingShift, NationalLanguage singleShift) {
        this.lockingShift = lockingShift;
        this.singleShift = singleShift;
        this.lockingChars = Gsm7Tables.locking(lockingShift).toCharArray();
        this.singleChars = new char[128];
        int[] pairs = Gsm7Tables.single(singleShift);
        int max = 0;
        for (char c : lockingChars) {
            max = Math.max(max, c);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            singleChars[pairs[i]] = (char) pairs[i + 1];
            max = Math.max(max, pairs[i + 1]);
        }
        short[] table = new short[max + 1];
        Arrays.fill(table, (short) -1);
        // Single shift first, so that a character in both tables takes the cheaper locking code.
        for (int septet = 127; septet >= 0; septet--) {
            if (singleChars[septet] != 0) {
                table[singleChars[septet]] = (short) (SINGLE | septet);
            }
        }
        for (int septet = 127; septet >= 0; septet--) {
            if (septet != ESCAPE) {
                table[lockingChars[septet]] = (short) septet;
            }
        }
        this.codes = table;
    }

    /**
     * The alphabet with the given locking and single shift tables.
     *
     * @throws IllegalArgumentException if {@code lockingShift} has no locking table (Spanish)
     */
    public static Gsm7 of(NationalLanguage lockingShift, NationalLanguage singleShift) {
        if (!lockingShift.hasLockingShift()) {
            throw new IllegalArgumentException(
                    "locking shift: " + lockingShift + " (expected: a language with an Annex A.3 table)");
        }
        return ALL[lockingShift.ordinal()][singleShift.ordinal()];
    }

    public NationalLanguage lockingShift() {
        return lockingShift;
    }

    public NationalLanguage singleShift() {
        return singleShift;
    }

    /** UDH octets the national shift IEs take in every segment: 3 per non-default table (23.040 §9.2.3.24.15/16). */
    public int shiftIeOctets() {
        return (lockingShift == NationalLanguage.DEFAULT ? 0 : 3) + (singleShift == NationalLanguage.DEFAULT ? 0 : 3);
    }

    @Override
    public TextEncoding encoding() {
        return TextEncoding.GSM7;
    }

    @Override
    public boolean canEncode(CharSequence text) {
        return unitCount(text) >= 0;
    }

    /** Whether {@code c} has a code in this alphabet. */
    public boolean canEncode(char c) {
        return c < codes.length && codes[c] >= 0;
    }

    /** Septets for {@code c}: 1, 2 (escape + code), or 0 when it has no code. */
    public int septets(char c) {
        if (c >= codes.length) {
            return 0;
        }
        int code = codes[c];
        return code < 0 ? 0 : 1 + (code >>> 7);
    }

    @Override
    public int unitCount(CharSequence text) {
        return unitCount(text, 0, text.length());
    }

    /** Septets of {@code text[from, to)}, or -1 if some character has no code. */
    int unitCount(CharSequence text, int from, int to) {
        short[] table = codes;
        int limit = table.length;
        int invalid = 0;
        int escapes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int code = c < limit ? table[c] : -1;
            invalid |= code;
            escapes += code >>> 7 & 1;
        }
        return invalid < 0 ? -1 : to - from + escapes;
    }

    @Override
    public OctetString encode(CharSequence text) {
        // Most texts have no extension character: write one septet per character into an exact-size array, and
        // only from the first escape (or bad character) on take the slower path.
        short[] table = codes;
        int limit = table.length;
        int n = text.length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int code = c < limit ? table[c] : -1;
            if (code < 0 || code >= SINGLE) {
                return OctetString.wrap(encodeFromEscape(text, i, out));
            }
            out[i] = (byte) code;
        }
        return OctetString.wrap(out);
    }

    /**
     * Finishes {@link #encode} from {@code first}, the first character that is not one locking septet: one pass
     * into room for every remaining character escaped, then an exact-size copy.
     */
    private byte[] encodeFromEscape(CharSequence text, int first, byte[] prefix) {
        short[] table = codes;
        int limit = table.length;
        int n = text.length();
        byte[] out = Arrays.copyOf(prefix, first + 2 * (n - first));
        int j = first;
        for (int i = first; i < n; i++) {
            char c = text.charAt(i);
            int code = c < limit ? table[c] : -1;
            if (code < 0) {
                throw unencodable(text);
            }
            if (code >= SINGLE) {
                out[j++] = ESCAPE;
                code &= 0x7F;
            }
            out[j++] = (byte) code;
        }
        return j == out.length ? out : Arrays.copyOf(out, j);
    }

    /** Writes the septets of {@code text} (known to be encodable) one per octet from {@code offset}; returns the end. */
    int encodeTo(CharSequence text, byte[] out, int offset) {
        return encodeTo(text, 0, text.length(), out, offset);
    }

    /** Writes the septets of {@code text[from, to)} (known to be encodable) one per octet; returns the end. */
    int encodeTo(CharSequence text, int from, int to, byte[] out, int offset) {
        short[] table = codes;
        int j = offset;
        for (int i = from; i < to; i++) {
            int code = table[text.charAt(i)];
            if (code >= SINGLE) {
                out[j++] = ESCAPE;
                out[j++] = (byte) (code & 0x7F);
            } else {
                out[j++] = (byte) code;
            }
        }
        return j;
    }

    /**
     * Packs the septets of {@code text[from, to)} (known to be encodable) into {@code out}, starting
     * {@code fillBits} bits into octet {@code offset}; octets there must be zero.
     */
    void encodePackedTo(CharSequence text, int from, int to, byte[] out, int offset, int fillBits) {
        short[] table = codes;
        long bits = 0;
        int used = fillBits;
        int j = offset;
        for (int i = from; i < to; i++) {
            int code = table[text.charAt(i)];
            if (code >= SINGLE) {
                bits |= (long) ESCAPE << used;
                used += 7;
                code &= 0x7F;
            }
            bits |= (long) code << used;
            used += 7;
            if (used >= 48) {
                j = flush6(bits, out, j);
                bits >>>= 48;
                used -= 48;
            }
        }
        flushRest(bits, used, out, j);
    }

    // Septets gather in a long and leave six octets at a time: at most 47 bits wait, plus 14 for an escaped
    // character, so the 64 bits never overflow, and the loop takes one well-predicted branch per character.
    private static int flush6(long bits, byte[] out, int j) {
        out[j] = (byte) bits;
        out[j + 1] = (byte) (bits >>> 8);
        out[j + 2] = (byte) (bits >>> 16);
        out[j + 3] = (byte) (bits >>> 24);
        out[j + 4] = (byte) (bits >>> 32);
        out[j + 5] = (byte) (bits >>> 40);
        return j + 6;
    }

    private static int flushRest(long bits, int used, byte[] out, int j) {
        while (used > 0) {
            out[j++] = (byte) bits;
            bits >>>= 8;
            used -= 8;
        }
        return j;
    }

    /**
     * Decodes unpacked septets (bit 7 of each octet is ignored). As §6.2.1.1 says, an escape followed by a
     * code with no single shift character shows the locking table's character; ESC ESC and a trailing ESC
     * show a space.
     */
    @Override
    public String decode(OctetString septets) {
        int n = septets.length();
        char[] chars = new char[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            int septet = septets.get(i) & 0x7F;
            if (septet != ESCAPE) {
                chars[length++] = lockingChars[septet];
            } else if (i + 1 == n) {
                chars[length++] = ' ';
            } else {
                int code = septets.get(++i) & 0x7F;
                if (code == ESCAPE) {
                    chars[length++] = ' ';
                } else {
                    char extension = singleChars[code];
                    chars[length++] = extension != 0 ? extension : lockingChars[code];
                }
            }
        }
        return new String(chars, 0, length);
    }

    /** Encodes {@code text} as packed septets, 8 septets in 7 octets, fill bits zero (§6.1.2.1.1). */
    public OctetString encodePacked(CharSequence text) {
        short[] table = codes;
        int limit = table.length;
        int n = text.length();
        byte[] out = new byte[packedLength(0, n * 2)];
        long bits = 0;
        int used = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int code = c < limit ? table[c] : -1;
            if (code < 0) {
                throw unencodable(text);
            }
            if (code >= SINGLE) {
                bits |= (long) ESCAPE << used;
                used += 7;
                code &= 0x7F;
            }
            bits |= (long) code << used;
            used += 7;
            if (used >= 48) {
                j = flush6(bits, out, j);
                bits >>>= 48;
                used -= 48;
            }
        }
        j = flushRest(bits, used, out, j);
        return OctetString.wrap(j == out.length ? out : Arrays.copyOf(out, j));
    }

    /** Decodes {@code septetCount} packed septets (the TP-UDL of 23.040 §9.2.3.16 gives it). */
    public String decodePacked(OctetString packed, int septetCount) {
        return decode(unpack(packed, 0, 0, septetCount));
    }

    /**
     * Decodes packed septets when no septet count travels with them (SMPP gives only octets): every whole
     * septet is taken, except that 7 trailing zero bits are fill, not an '@' (23.038 §6.1.2.3.1 names this
     * ambiguity).
     */
    public String decodePacked(OctetString packed) {
        return decode(unpack(packed, 0, 0, septetsIn(packed, 0, 0)));
    }

    /**
     * Decodes the packed text after a UDH of {@code udhLength} octets (UDHL included) in one part's user data:
     * the text starts after the fill bits that align it to a septet boundary (23.040 §9.2.3.24).
     */
    public String decodePackedAfterHeader(OctetString userData, int udhLength) {
        return decode(unpackAfterHeader(userData, udhLength));
    }

    /**
     * The septets, one per octet, of packed user data after a UDH of {@code udhLength} octets: what a
     * {@link Reassembler} joins before the whole text is decoded.
     */
    public static OctetString unpackAfterHeader(OctetString userData, int udhLength) {
        if (udhLength < 0 || udhLength > userData.length()) {
            throw new IllegalArgumentException(
                    "udhLength: " + udhLength + " (expected: 0.." + userData.length() + ")");
        }
        int fillBits = UserDataHeader.fillBits(udhLength);
        return unpack(userData, udhLength, fillBits, septetsIn(userData, udhLength, fillBits));
    }

    /** Packs one-septet-per-octet values into octets, least significant bits first (§6.1.2.1.1). */
    public static OctetString pack(OctetString septets) {
        byte[] raw = septets.toByteArray();
        byte[] packed = new byte[packedLength(0, raw.length)];
        pack(raw, 0, raw.length, packed, 0, 0);
        return OctetString.wrap(packed);
    }

    /** Unpacks {@code septetCount} septets from packed octets (§6.1.2.1.1); missing bits read as zero. */
    public static OctetString unpack(OctetString packed, int septetCount) {
        return unpack(packed, 0, 0, septetCount);
    }

    /** Octets needed for {@code count} septets after {@code bitOffset} bits. */
    static int packedLength(int bitOffset, int count) {
        return (bitOffset + count * 7 + 7) >>> 3;
    }

    /** Packs {@code septets[from, to)} into {@code out}, starting {@code fillBits} bits into octet {@code outOffset}. */
    static void pack(byte[] septets, int from, int to, byte[] out, int outOffset, int fillBits) {
        int bit = outOffset * 8 + fillBits;
        for (int i = from; i < to; i++, bit += 7) {
            int septet = septets[i] & 0x7F;
            int index = bit >>> 3;
            int shift = bit & 7;
            out[index] |= (byte) (septet << shift);
            if (shift > 1) {
                out[index + 1] |= (byte) (septet >>> (8 - shift));
            }
        }
    }

    /** Unpacks septets that start {@code fillBits} bits after octet {@code offset}. */
    static OctetString unpack(OctetString packed, int offset, int fillBits, int septetCount) {
        if (septetCount < 0) {
            throw new IllegalArgumentException("septetCount: " + septetCount + " (expected: >= 0)");
        }
        int n = packed.length();
        byte[] septets = new byte[septetCount];
        int bit = offset * 8 + fillBits;
        for (int i = 0; i < septetCount; i++, bit += 7) {
            int index = bit >>> 3;
            int shift = bit & 7;
            int value = index < n ? packed.get(index) >>> shift : 0;
            if (shift > 1 && index + 1 < n) {
                value |= packed.get(index + 1) << (8 - shift);
            }
            septets[i] = (byte) (value & 0x7F);
        }
        return OctetString.wrap(septets);
    }

    /** Whole septets after {@code offset} octets and {@code fillBits}, less 7 trailing zero fill bits. */
    static int septetsIn(OctetString packed, int offset, int fillBits) {
        int bits = (packed.length() - offset) * 8 - fillBits;
        if (bits <= 0) {
            return 0;
        }
        int count = bits / 7;
        if (bits % 7 == 0 && bits >= 8 && packed.get(packed.length() - 1) >>> 1 == 0) {
            count--;
        }
        return count;
    }

    private IllegalArgumentException unencodable(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (!canEncode(text.charAt(i))) {
                return new IllegalArgumentException(String.format(
                        "text: U+%04X at index %d (expected: a character of %s)", (int) text.charAt(i), i, this));
            }
        }
        return new IllegalArgumentException("text: not encodable in " + this);
    }

    @Override
    public String toString() {
        return "Gsm7[lockingShift=" + lockingShift + ", singleShift=" + singleShift + "]";
    }
}
