package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class SegmenterProperties {

    private static final ReferenceGenerator REFERENCES = ReferenceGenerator.counter(0);

    @Property
    void gsm7PartsJoinBackToTheText(@ForAll("gsm7Texts") String text, @ForAll SegmentOptions.Gsm7Packing packing,
            @ForAll ReferenceWidth width) {
        SegmentOptions options = SegmentOptions.DEFAULTS.withPacking(packing).withReferenceWidth(width);
        List<Segment> parts = segments(text, Gsm7.DEFAULT, options);
        StringBuilder joined = new StringBuilder();
        for (Segment part : parts) {
            int septetBudget = parts.size() == 1 ? 160 : width == ReferenceWidth.BITS_8 ? 153 : 152;
            assertThat(part.units()).isLessThanOrEqualTo(septetBudget);
            if (packing == SegmentOptions.Gsm7Packing.PACKED) {
                assertThat(part.userData().length()).isLessThanOrEqualTo(140);
                OctetString septets = Gsm7.unpack(part.userData(), part.udhLength(),
                        UserDataHeader.fillBits(part.udhLength()), part.units());
                joined.append(Gsm7.DEFAULT.decode(septets));
            } else {
                assertThat(part.userData().length()).isEqualTo(part.udhLength() + part.units());
                joined.append(Gsm7.DEFAULT.decode(body(part)));
            }
        }
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Property
    void ucs2PartsJoinBackWithoutSplittingASurrogatePair(@ForAll("unicodeTexts") String text,
            @ForAll ReferenceWidth width) {
        List<Segment> parts = segments(text, Ucs2.INSTANCE, SegmentOptions.DEFAULTS.withReferenceWidth(width));
        StringBuilder joined = new StringBuilder();
        for (Segment part : parts) {
            assertThat(part.userData().length()).isLessThanOrEqualTo(140);
            String piece = Ucs2.INSTANCE.decode(body(part));
            int end = joined.length() + piece.length();
            if (end < text.length()) {
                assertThat(Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end)))
                        .as("surrogate pair split at %d", end).isFalse();
            }
            joined.append(piece);
        }
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Property
    void binaryPartsJoinBackToTheData(@ForAll @Size(max = 2000) byte[] data, @ForAll ReferenceWidth width) {
        Segmentation.Segmented segmented = (Segmentation.Segmented) Segmenter.segmentBinary(
                OctetString.of(data), SegmentOptions.DEFAULTS.withReferenceWidth(width), REFERENCES);
        OctetString joined = OctetString.EMPTY;
        for (Segment part : segmented.segments()) {
            assertThat(part.userData().length()).isLessThanOrEqualTo(140);
            joined = joined.concat(body(part));
        }
        assertThat(joined).isEqualTo(OctetString.of(data));
    }

    @Property
    void theChooserPicksOnlyAnAlphabetThatWritesTheText(@ForAll("unicodeTexts") String text,
            @ForAll boolean latin1, @ForAll boolean smart) {
        EncodingOptions options = new EncodingOptions(java.util.Set.of(NationalLanguage.TURKISH),
                java.util.Set.of(NationalLanguage.SPANISH, NationalLanguage.PORTUGUESE), latin1, true, smart);
        EncodingChoice choice = EncodingChooser.choose(text, options, SegmentOptions.DEFAULTS).orElseThrow();
        assertThat(choice.alphabet().canEncode(choice.text())).isTrue();
        assertThat(choice.segments()).isEqualTo(Segmenter.segmentCount(choice.text(), choice.alphabet(),
                SegmentOptions.DEFAULTS));
        assertThat(choice.segments()).isLessThanOrEqualTo(
                Segmenter.segmentCount(text, Ucs2.INSTANCE, SegmentOptions.DEFAULTS));
        if (choice.replacements().isEmpty()) {
            assertThat(choice.text()).isEqualTo(text);
        } else {
            assertThat(choice.encoding()).isEqualTo(TextEncoding.GSM7);
        }
    }

    @Provide
    Arbitrary<String> gsm7Texts() {
        return Arbitraries.strings().withChars(Gsm7Properties.characters(Gsm7.DEFAULT)).ofMaxLength(1200);
    }

    @Provide
    Arbitrary<String> unicodeTexts() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc {}€’…—").ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("\uD83D\uDE00", "\uD83C\uDDEB\uD83C\uDDF7", "\uD83D\uDC4D\uD83C\uDFFD",
                        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "e\u0301", "\r\n", "Привет", "日本"),
                Arbitraries.strings().all().ofMaxLength(5));
        return pieces.list().ofMaxSize(120).map(list -> String.join("", list));
    }

    private static List<Segment> segments(String text, SmsAlphabet alphabet, SegmentOptions options) {
        Segmentation segmentation = Segmenter.segment(text, alphabet, options, REFERENCES);
        assertThat(segmentation).isInstanceOf(Segmentation.Segmented.class);
        return ((Segmentation.Segmented) segmentation).segments();
    }

    private static OctetString body(Segment part) {
        return part.userData().slice(part.udhLength(), part.userData().length());
    }
}
