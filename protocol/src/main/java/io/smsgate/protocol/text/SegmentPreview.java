package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What sending a text would cost, as the HTTP API shows it before sending: the encoding and national tables
 * chosen, the segments, the units used and each part's capacity, the units still free in the last part, and
 * the characters smart encoding replaced.
 */
public record SegmentPreview(
        TextEncoding encoding,
        NationalLanguage lockingShift,
        NationalLanguage singleShift,
        int segments,
        int units,
        int unitsPerSegment,
        int unitsLeftInLastSegment,
        List<Replacement> replacements) {

    public SegmentPreview {
        requireNonNull(encoding, "encoding");
        requireNonNull(lockingShift, "lockingShift");
        requireNonNull(singleShift, "singleShift");
        replacements = List.copyOf(replacements);
    }

    /**
     * Previews {@code text}: the chooser's encoding and the segmenter's parts, without a reference number.
     * Empty when no allowed alphabet can write the text or it needs more than {@code options.maxSegments()}.
     */
    public static Optional<SegmentPreview> of(String text, EncodingOptions encoding,
            SegmentOptions options) {
        return EncodingChooser.choose(text, encoding, options).flatMap(choice -> {
            Segmentation segmentation = Segmenter.segment(choice.text(), choice.alphabet(), options, width -> 0);
            if (!(segmentation instanceof Segmentation.Segmented segmented)) {
                return Optional.empty();
            }
            SmsAlphabet alphabet = choice.alphabet();
            int shiftOctets = Segmenter.shiftIeOctets(alphabet);
            List<Segment> parts = segmented.segments();
            int perSegment = parts.size() == 1
                    ? Segmenter.unitsPerPart(alphabet.encoding(), Segmenter.udhOctets(shiftOctets, 0))
                    : Segmenter.unitsPerPart(alphabet.encoding(),
                            Segmenter.udhOctets(shiftOctets, options.referenceWidth().ieOctets()));
            if (options.concatenation() == SegmentOptions.Concatenation.MESSAGE_PAYLOAD) {
                perSegment = Math.max(perSegment, parts.get(0).units());
            }
            int units = alphabet.unitCount(choice.text());
            NationalLanguage locking = alphabet instanceof Gsm7 gsm7 ? gsm7.lockingShift() : NationalLanguage.DEFAULT;
            NationalLanguage single = alphabet instanceof Gsm7 gsm7 ? gsm7.singleShift() : NationalLanguage.DEFAULT;
            return Optional.of(new SegmentPreview(alphabet.encoding(), locking, single, parts.size(),
                    units, perSegment, perSegment - parts.get(parts.size() - 1).units(), choice.replacements()));
        });
    }
}
