package io.smsgate.protocol.text;

import io.smsgate.protocol.OctetString;
import java.nio.charset.StandardCharsets;

/** ISO-8859-1 text, SMPP data_coding 3: one octet per character U+0000–U+00FF. */
public final class Latin1 implements SmsAlphabet {

    public static final Latin1 INSTANCE = new Latin1();

    private Latin1() {
    }

    @Override
    public TextEncoding encoding() {
        return TextEncoding.LATIN1;
    }

    @Override
    public boolean canEncode(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int unitCount(CharSequence text) {
        return canEncode(text) ? text.length() : -1;
    }

    @Override
    public OctetString encode(CharSequence text) {
        int n = text.length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException(String.format(
                        "text: U+%04X at index %d (expected: a Latin-1 character <= U+00FF)", (int) c, i));
            }
            out[i] = (byte) c;
        }
        return OctetString.wrap(out);
    }

    @Override
    public String decode(OctetString octets) {
        return octets.decode(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "Latin1";
    }
}
