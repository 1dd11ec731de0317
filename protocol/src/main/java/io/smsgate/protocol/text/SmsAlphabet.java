package io.smsgate.protocol.text;

import io.smsgate.protocol.OctetString;

/**
 * A character set a short message can be written in, measured in the units its segment limits count:
 * septets for GSM-7, octets for Latin-1, UTF-16 code units for UCS-2 (3GPP TS 23.038 §6, §5).
 */
public sealed interface SmsAlphabet permits Gsm7, Latin1, Ucs2 {

    TextEncoding encoding();

    /** Whether every character of {@code text} has a code in this alphabet. */
    boolean canEncode(CharSequence text);

    /** Units {@code text} takes (septets, octets or code units), or -1 if some character cannot be encoded. */
    int unitCount(CharSequence text);

    /**
     * Encodes {@code text}; for GSM-7 one septet per octet (unpacked), as SMPP data_coding 0 usually carries it.
     *
     * @throws IllegalArgumentException if a character cannot be encoded (check {@link #canEncode} first)
     */
    OctetString encode(CharSequence text);

    /** Decodes octets written by {@link #encode}; never throws, unknown codes decode as the spec says. */
    String decode(OctetString octets);
}
