package io.smsgate.protocol.text;

import io.smsgate.protocol.OctetString;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UCS-2 text, SMPP data_coding 8, written as UTF-16BE so that characters above U+FFFF travel as surrogate
 * pairs (3GPP TS 23.038 §5; SMPP carries "UCS-2BE or its extension, UTF-16BE").
 */
public final class Ucs2 implements SmsAlphabet {

    public static final Ucs2 INSTANCE = new Ucs2();

    private static final VarHandle BIG_ENDIAN_CHARS =
            MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.BIG_ENDIAN);

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
        byte[] out = new byte[text.length() * 2];
        encodeTo(text, 0, text.length(), out, 0);
        return OctetString.wrap(out);
    }

    /** Writes {@code text[from, to)} as UTF-16BE into {@code out} from {@code offset}. */
    static void encodeTo(CharSequence text, int from, int to, byte[] out, int offset) {
        // One 16-bit big-endian store per code unit instead of two byte stores.
        for (int i = from, j = offset; i < to; i++, j += 2) {
            BIG_ENDIAN_CHARS.set(out, j, text.charAt(i));
        }
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
