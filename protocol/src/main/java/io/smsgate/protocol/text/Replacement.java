package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

/** One kind of character smart encoding replaced: the character, what it became, and how often. */
public record Replacement(int codePoint, String replacement, int count) {

    public Replacement {
        requireNonNull(replacement, "replacement");
        if (!Character.isValidCodePoint(codePoint)) {
            throw new IllegalArgumentException("codePoint: " + codePoint + " (expected: a Unicode code point)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
    }

    /** The replaced character as a string. */
    public String character() {
        return Character.toString(codePoint);
    }

    @Override
    public String toString() {
        return String.format("U+%04X->\"%s\"x%d", codePoint, replacement, count);
    }
}
