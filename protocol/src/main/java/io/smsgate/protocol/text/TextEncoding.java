package io.smsgate.protocol.text;

/** How the user data of a short message is encoded; SMPP 3.4 §5.2.19 data_coding. */
public enum TextEncoding {
    /** GSM 7-bit default alphabet, optionally with national shift tables (3GPP TS 23.038 §6.2.1). */
    GSM7(0x00),
    /** ISO-8859-1 (data_coding 3), one octet per character. */
    LATIN1(0x03),
    /** UCS-2 / UTF-16BE (data_coding 8), two octets per UTF-16 code unit. */
    UCS2(0x08),
    /** 8-bit binary (data_coding 4). */
    BINARY(0x04);

    private final int defaultDataCoding;

    TextEncoding(int defaultDataCoding) {
        this.defaultDataCoding = defaultDataCoding;
    }

    /**
     * The usual SMPP data_coding; for GSM-7 the value a carrier expects is a per-carrier setting
     * (0x00, 0x01 or 0xF1 are all seen), so callers map it there.
     */
    public int defaultDataCoding() {
        return defaultDataCoding;
    }
}
