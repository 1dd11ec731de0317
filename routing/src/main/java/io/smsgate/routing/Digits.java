package io.smsgate.routing;

/** E.164 digit strings: validation and the sortable {@code long} key the prefix trie is built from (ITU-T E.164 §6). */
final class Digits {
    /** E.164 §6.1: an international number has at most 15 digits. */
    static final int MAX_DIGITS = 15;

    private static final long[] POW10 = new long[MAX_DIGITS + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i <= MAX_DIGITS; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Digits() {
    }

    /** Whether {@code s} is 0 to 15 ASCII digits (the empty prefix matches every number). */
    static boolean isPrefix(CharSequence s) {
        int length = s.length();
        if (length > MAX_DIGITS) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a destination number: 1 to 15 ASCII digits, no '+'. */
    static boolean isNumber(CharSequence s) {
        return s.length() > 0 && isPrefix(s);
    }

    static String requirePrefix(String field, String value) {
        if (!isPrefix(value)) {
            throw new IllegalArgumentException(field + ": '" + value + "' (expected: 0 to 15 digits)");
        }
        return value;
    }

    static String requireNumber(String field, String value) {
        if (!isNumber(value)) {
            throw new IllegalArgumentException(field + ": '" + value + "' (expected: 1 to 15 digits, E.164 without '+')");
        }
        return value;
    }

    /**
     * A key whose numeric order is the lexicographic order of digit strings, shorter first on ties:
     * the digits left-aligned to 15 places, times 16, plus the length.
     */
    static long key(CharSequence prefix) {
        long value = 0;
        int length = prefix.length();
        for (int i = 0; i < length; i++) {
            value = value * 10 + (prefix.charAt(i) - '0');
        }
        return (value * POW10[MAX_DIGITS - length]) << 4 | length;
    }

    static int keyLength(long key) {
        return (int) (key & 0xF);
    }

    /** The first {@code length} digits of the key's prefix, as a number. */
    static long keyDigits(long key, int length) {
        return (key >>> 4) / POW10[MAX_DIGITS - length];
    }

    static String keyToString(long key) {
        int length = keyLength(key);
        if (length == 0) {
            return "";
        }
        String digits = Long.toString(keyDigits(key, length));
        return "0".repeat(length - digits.length()) + digits;
    }
}
