package io.smsgate.protocol.text;

/**
 * The GSM 7-bit tables of 3GPP TS 23.038 (release 18): the default alphabet (§6.2.1), its extension table
 * (§6.2.1.1) and the national language locking (Annex A.3) and single shift (Annex A.2) tables.
 * Locking tables are 128 characters indexed by septet, {@link #ESC} at 0x1B; single shift tables are
 * (septet, character) pairs, every other code being undefined.
 */
final class Gsm7Tables {

    /** Stands for the escape code 0x1B in a locking table; never encodable, never decoded. */
    static final char ESC = '\u001B';

    // 0x09 is the capital Ç as 23.038 §6.2.1 prints it; some converters map it to ç. Encoding ç as 0x09 would
    // change the letter on 3GPP handsets, so ç takes a national table (Turkish, Spanish, Portuguese) or UCS-2.
    static final String DEFAULT_LOCKING = table(
            "@£$¥èéùìòÇ\nØø\rÅå",
            "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u001BÆæßÉ",
            " !\"#¤%&'()*+,-./",
            "0123456789:;<=>?",
            "¡ABCDEFGHIJKLMNO",
            "PQRSTUVWXYZÄÖÑÜ§",
            "¿abcdefghijklmno",
            "pqrstuvwxyzäöñüà");

    /** A.3.1: differs from the default at 0x04 €, 0x07 ı, 0x0B Ğ, 0x0C ğ, 0x1C Ş, 0x1D ş, 0x40 İ, 0x60 ç. */
    static final String TURKISH_LOCKING = table(
            "@£$¥€éùıòÇ\nĞğ\rÅå",
            "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u001BŞşßÉ",
            " !\"#¤%&'()*+,-./",
            "0123456789:;<=>?",
            "İABCDEFGHIJKLMNO",
            "PQRSTUVWXYZÄÖÑÜ§",
            "çabcdefghijklmno",
            "pqrstuvwxyzäöñüà");

    /** A.3.3. */
    static final String PORTUGUESE_LOCKING = table(
            "@£$¥êéúíóç\nÔô\rÁá",
            "\u0394_ªÇÀ\u221E^\\€Ó|\u001BÂâÊÉ",
            " !\"#º%&'()*+,-./",
            "0123456789:;<=>?",
            "ÍABCDEFGHIJKLMNO",
            "PQRSTUVWXYZÃÕÚÜ§",
            "~abcdefghijklmno",
            "pqrstuvwxyzãõ`üà");

    /**
     * §6.2.1.1. 0x0D (CR2) and 0x1B (SS2) are reserved control codes, not characters, so they are absent:
     * they decode as the locking table's character (0x0D) or a space (0x1B).
     */
    static final int[] DEFAULT_SINGLE = {
        0x0A, '\f', 0x14, '^', 0x28, '{', 0x29, '}', 0x2F, '\\',
        0x3C, '[', 0x3D, '~', 0x3E, ']', 0x40, '|', 0x65, '€',
    };

    /** A.2.1: the default extension plus Ğ İ Ş ç ğ ı ş. */
    static final int[] TURKISH_SINGLE = concat(DEFAULT_SINGLE, new int[] {
        0x47, 'Ğ', 0x49, 'İ', 0x53, 'Ş', 0x63, 'ç', 0x67, 'ğ', 0x69, 'ı', 0x73, 'ş',
    });

    /** A.2.2: the default extension plus ç Á Í Ó Ú á í ó ú. */
    static final int[] SPANISH_SINGLE = concat(DEFAULT_SINGLE, new int[] {
        0x09, 'ç', 0x41, 'Á', 0x49, 'Í', 0x4F, 'Ó', 0x55, 'Ú', 0x61, 'á', 0x69, 'í', 0x6F, 'ó', 0x75, 'ú',
    });

    /** A.2.3: the default extension plus Portuguese letters and the Greek capitals. */
    static final int[] PORTUGUESE_SINGLE = concat(DEFAULT_SINGLE, new int[] {
        0x05, 'ê', 0x09, 'ç', 0x0B, 'Ô', 0x0C, 'ô', 0x0E, 'Á', 0x0F, 'á',
        0x12, '\u03A6', 0x13, '\u0393', 0x15, '\u03A9', 0x16, '\u03A0', 0x17, '\u03A8', 0x18, '\u03A3',
        0x19, '\u0398', 0x1F, 'Ê', 0x41, 'À', 0x49, 'Í', 0x4F, 'Ó', 0x55, 'Ú', 0x5B, 'Ã', 0x5C, 'Õ',
        0x61, 'Â', 0x69, 'í', 0x6F, 'ó', 0x75, 'ú', 0x7B, 'ã', 0x7C, 'õ', 0x7F, 'â',
    });

    private Gsm7Tables() {
    }

    static String locking(NationalLanguage language) {
        return switch (language) {
            case DEFAULT -> DEFAULT_LOCKING;
            case TURKISH -> TURKISH_LOCKING;
            case SPANISH -> throw new IllegalArgumentException(
                    "locking shift: SPANISH (expected: a language with an Annex A.3 table)");
            case PORTUGUESE -> PORTUGUESE_LOCKING;
        };
    }

    static int[] single(NationalLanguage language) {
        return switch (language) {
            case DEFAULT -> DEFAULT_SINGLE;
            case TURKISH -> TURKISH_SINGLE;
            case SPANISH -> SPANISH_SINGLE;
            case PORTUGUESE -> PORTUGUESE_SINGLE;
        };
    }

    private static String table(String... rows) {
        StringBuilder table = new StringBuilder(128);
        for (String row : rows) {
            if (row.length() != 16) {
                throw new IllegalStateException("gsm table row: " + row.length() + " characters (expected: 16)");
            }
            table.append(row);
        }
        return table.toString();
    }

    private static int[] concat(int[] first, int[] second) {
        int[] joined = new int[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
