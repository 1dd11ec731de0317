package io.smsgate.server.api;

/** JSON text written straight into a {@link StringBuilder} (RFC 8259 §7 strings), for answers on the hot path. */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    /** Appends {@code "name":"value"}. */
    static StringBuilder member(StringBuilder out, String name, String value) {
        return string(string(out, name).append(':'), value);
    }

    /**
     * Appends {@code value} as a JSON string: quotation mark, reverse solidus and control characters escaped (RFC
     * 8259 §7), everything else as it is (the answer is UTF-8).
     */
    static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                out.append(value, plain, i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
                plain = i + 1;
            }
        }
        return out.append(value, plain, value.length()).append('"');
    }
}
