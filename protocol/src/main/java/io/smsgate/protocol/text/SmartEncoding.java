package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Transliterates typographic characters (curly quotes, dashes, ellipsis, special and zero-width spaces,
 * bullets, fractions, fullwidth ASCII) to GSM-7 look-alikes, as the "smart encoding" of SMS providers does;
 * the encoding chooser uses the result only when it makes the whole message GSM-7.
 */
public final class SmartEncoding {

    /** What smart encoding produced, and what it replaced. */
    public record Transliteration(String text, List<Replacement> replacements) {
        public Transliteration {
            requireNonNull(text, "text");
            replacements = List.copyOf(replacements);
        }

        public boolean changed() {
            return !replacements.isEmpty();
        }
    }

    /** Indexed by char up to U+FF5E; null where the character is kept. */
    private static final String[] MAP = new String[0xFF5F];

    static {
        map(" ", '\t', '\u00A0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006',
                '\u2007', '\u2008', '\u2009', '\u200A', '\u202F', '\u205F', '\u3000');
        // Zero-width and invisible formatting characters carry nothing a handset would show.
        map("", '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF');
        map("\n", '\u2028', '\u2029');
        map("'", '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u2035', '\u02B9', '\u02BC', '\u02C8');
        map("\"", '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u2036', '\u00AB', '\u00BB', '\u02BA');
        map("<", '\u2039');
        map(">", '\u203A');
        map("-", '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u2022', '\u2043',
                '\u2027');
        map("...", '\u2026');
        map("..", '\u2025');
        map("/", '\u2044', '\u2215');
        map("*", '\u2217');
        map("^", '\u02C6');
        map("~", '\u02DC');
        map("1/4", '\u00BC');
        map("1/2", '\u00BD');
        map("3/4", '\u00BE');
        map("1/3", '\u2153');
        map("2/3", '\u2154');
        map("1/8", '\u215B');
        // Fullwidth forms U+FF01–U+FF5E are ASCII U+0021–U+007E shifted by 0xFEE0.
        for (char c = '\uFF01'; c <= '\uFF5E'; c++) {
            MAP[c] = String.valueOf((char) (c - 0xFEE0));
        }
    }

    private SmartEncoding() {
    }

    /** Replaces every mapped character; the result may still hold characters outside GSM-7. */
    public static Transliteration transliterate(String text) {
        int n = text.length();
        int first = 0;
        while (first < n && replacementFor(text.charAt(first)) == null) {
            first++;
        }
        if (first == n) {
            return new Transliteration(text, List.of());
        }
        StringBuilder out = new StringBuilder(n + 8).append(text, 0, first);
        // Few distinct characters are replaced in one message: a short list beats a map.
        List<int[]> counts = new ArrayList<>();
        for (int i = first; i < n; i++) {
            char c = text.charAt(i);
            String replacement = replacementFor(c);
            if (replacement == null) {
                out.append(c);
                continue;
            }
            out.append(replacement);
            count(counts, c);
        }
        List<Replacement> replacements = new ArrayList<>(counts.size());
        for (int[] entry : counts) {
            replacements.add(new Replacement(entry[0], MAP[entry[0]], entry[1]));
        }
        return new Transliteration(out.toString(), replacements);
    }

    private static String replacementFor(char c) {
        return c < MAP.length ? MAP[c] : null;
    }

    private static void count(List<int[]> counts, char c) {
        for (int[] entry : counts) {
            if (entry[0] == c) {
                entry[1]++;
                return;
            }
        }
        counts.add(new int[] {c, 1});
    }

    private static void map(String replacement, char... characters) {
        for (char c : characters) {
            MAP[c] = replacement;
        }
    }
}
