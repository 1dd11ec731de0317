package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The chooser's answer: the alphabet, the text to send in it (transliterated when {@code replacements} is
 * not empty), and the segments it takes.
 */
public record EncodingChoice(SmsAlphabet alphabet, String text, List<Replacement> replacements, int segments) {

    public EncodingChoice {
        requireNonNull(alphabet, "alphabet");
        requireNonNull(text, "text");
        replacements = List.copyOf(replacements);
        if (segments < 1) {
            throw new IllegalArgumentException("segments: " + segments + " (expected: >= 1)");
        }
    }

    public TextEncoding encoding() {
        return alphabet.encoding();
    }
}
