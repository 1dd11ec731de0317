package io.smsgate.protocol.text;

import io.smsgate.protocol.OctetString;

/**
 * UCS-2 text, SMPP data_coding 8, written as UTF-16BE so that characters above U+FFFF travel as surrogate
 * pairs (3GPP TS 23.038 §5; SMPP carries "UCS-2BE or its extension, UTF-16BE").
 */
public final class Ucs2 implements SmsAlphabet {

    public static final Ucs2 INSTANCE = new Ucs2();

    private Ucs2() {
    }

    @Override
    public TextEncoding encoding() {
        return TextEncoding.UCS2;
    }

    @Override
    public boolean canEncode(CharSequence text) {
        return true;
    }

    @Override
    public int unitCount(CharSequence text) {
        return text.length();
    }

    @Override
    public OctetString encode(CharSequence text) {
        int n = text.length();
        byte[] out = new byte[n * 2];
        for (int i = 0, j = 0; i < n; i++, j += 2) {
            char c = text.charAt(i);
            out[j] = (byte) (c >>> 8);
            out[j + 1] = (byte) c;
        }
        return OctetString.wrap(out);
    }

    /** Code units as they come, lone surrogates included; a trailing odd octet decodes as U+FFFD. */
    @Override
    public String decode(OctetString octets) {
        int n = octets.length();
        char[] chars = new char[(n + 1) / 2];
        int i = 0;
        for (int j = 0; j + 1 < n; i++, j += 2) {
            chars[i] = (char) (octets.get(j) << 8 | octets.get(j + 1));
        }
        if ((n & 1) != 0) {
            chars[i] = '\uFFFD';
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        return "Ucs2";
    }
}
