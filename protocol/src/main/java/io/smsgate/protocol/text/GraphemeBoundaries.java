package io.smsgate.protocol.text;

/**
 * Where a UTF-16 text may be cut without splitting a user-perceived character: never inside a surrogate pair,
 * and not inside the clusters SMS text meets (Unicode UAX #29 rules GB3, GB9, GB9a-like extends, GB11 emoji
 * ZWJ sequences, GB12/13 flag pairs, keycaps and tag sequences). Hangul jamo and Indic conjuncts are not
 * modelled; a cut there shows two glyphs, never breaks the encoding.
 */
final class GraphemeBoundaries {

    private static final int ZWJ = 0x200D;

    private GraphemeBoundaries() {
    }

    /** Whether surrogates stay paired if the text is cut before {@code index}. */
    static boolean isCodePointBoundary(CharSequence text, int index) {
        return index <= 0 || index >= text.length()
                || !(Character.isHighSurrogate(text.charAt(index - 1)) && Character.isLowSurrogate(text.charAt(index)));
    }

    /** Whether a cut before {@code index} keeps every grapheme cluster whole. */
    static boolean isClusterBoundary(CharSequence text, int index) {
        if (index <= 0 || index >= text.length()) {
            return true;
        }
        if (!isCodePointBoundary(text, index)) {
            return false;
        }
        int next = Character.codePointAt(text, index);
        int previous = Character.codePointBefore(text, index);
        if (previous == '\r' && next == '\n') {
            return false;
        }
        if (isExtend(next) || previous == ZWJ) {
            return false;
        }
        if (isRegionalIndicator(previous) && isRegionalIndicator(next)) {
            // A flag is two regional indicators: break only after an even run of them.
            int run = 0;
            int i = index;
            while (i > 0 && isRegionalIndicator(Character.codePointBefore(text, i))) {
                run++;
                i -= 2;
            }
            return run % 2 == 0;
        }
        return true;
    }

    /**
     * The cut for a part that starts at {@code start} and may hold up to {@code budget} code units: the last
     * cluster boundary that fits, or when one cluster alone is longer than a part, the last code point boundary.
     */
    static int cut(CharSequence text, int start, int budget) {
        int end = start + budget;
        if (end >= text.length()) {
            return text.length();
        }
        for (int i = end; i > start; i--) {
            if (isClusterBoundary(text, i)) {
                return i;
            }
        }
        return isCodePointBoundary(text, end) ? end : end - 1;
    }

    private static boolean isExtend(int codePoint) {
        if (codePoint == ZWJ || codePoint == 0x200C) {
            return true;
        }
        if (codePoint >= 0xFE00 && codePoint <= 0xFE0F || codePoint >= 0xE0100 && codePoint <= 0xE01EF) {
            return true; // variation selectors (emoji presentation U+FE0F)
        }
        if (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF) {
            return true; // emoji skin-tone modifiers
        }
        if (codePoint >= 0xE0020 && codePoint <= 0xE007F) {
            return true; // tag characters of subdivision flags
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isRegionalIndicator(int codePoint) {
        return codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF;
    }
}
