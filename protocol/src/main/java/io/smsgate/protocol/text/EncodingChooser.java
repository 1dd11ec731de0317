package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Picks the encoding that sends a text in the fewest segments among those a carrier allows: GSM-7 (default,
 * then with national shift tables), Latin-1, UCS-2, in that order of preference on a tie. With smart encoding,
 * typographic characters are transliterated only when that makes the whole text GSM-7; otherwise the original
 * text is sent unchanged.
 */
public final class EncodingChooser {

    private EncodingChooser() {
    }

    /** The cheapest way to send {@code text}, or empty when no allowed alphabet can write it. */
    public static Optional<EncodingChoice> choose(String text, EncodingOptions encoding, SegmentOptions segments) {
        requireNonNull(text, "text");
        requireNonNull(encoding, "encoding");
        requireNonNull(segments, "segments");
        Gsm7[] gsm7Alphabets = encoding.gsm7Alphabets();
        EncodingChoice best = cheapestGsm7(text, List.of(), gsm7Alphabets, segments);
        if (best == null && encoding.smartEncoding()) {
            SmartEncoding.Transliteration transliteration = SmartEncoding.transliterate(text);
            if (transliteration.changed()) {
                best = cheapestGsm7(transliteration.text(), transliteration.replacements(), gsm7Alphabets, segments);
            }
        }
        if (encoding.latin1()) {
            best = cheaper(best, text, Latin1.INSTANCE, segments);
        }
        if (encoding.ucs2()) {
            best = cheaper(best, text, Ucs2.INSTANCE, segments);
        }
        return Optional.ofNullable(best);
    }

    private static EncodingChoice cheapestGsm7(String text, List<Replacement> replacements, Gsm7[] alphabets,
            SegmentOptions segments) {
        EncodingChoice best = null;
        for (Gsm7 alphabet : alphabets) {
            int count = Segmenter.segmentCount(text, alphabet, segments);
            if (count > 0 && (best == null || count < best.segments())) {
                best = new EncodingChoice(alphabet, text, replacements, count);
            }
        }
        return best;
    }

    private static EncodingChoice cheaper(EncodingChoice best, String text, SmsAlphabet alphabet,
            SegmentOptions segments) {
        int count = Segmenter.segmentCount(text, alphabet, segments);
        if (count > 0 && (best == null || count < best.segments())) {
            return new EncodingChoice(alphabet, text, List.of(), count);
        }
        return best;
    }
}
