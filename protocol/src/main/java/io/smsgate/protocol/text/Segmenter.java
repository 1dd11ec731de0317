package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Splits a text into short message parts of at most 140 octets of user data (23.040 §9.2.3.24, SMPP 3.4
 * §5.2.21): 160/153 septets for GSM-7, 70/67 code units for UCS-2, 140/134 octets for 8-bit data with an
 * 8-bit reference (152/66/133 with a 16-bit reference, fewer with national shift IEs). An extension
 * character's escape and code, a surrogate pair, and where it fits a grapheme cluster stay in one part.
 */
public final class Segmenter {

    /** Octets of user data in one short message (23.040 §9.2.3.16: TP-UD is at most 140 octets). */
    public static final int USER_DATA_OCTETS = 140;
    /** The largest message_payload value (SMPP 3.4 §5.3.2.32: a 16-bit TLV length). */
    public static final int MAX_MESSAGE_PAYLOAD = 0xFFFF;

    private static final byte[] NO_HEADER = new byte[0];

    private Segmenter() {
    }

    /**
     * Segments {@code text} in {@code alphabet}; asks {@code references} for one reference when there is more
     * than one part.
     */
    public static Segmentation segment(String text, SmsAlphabet alphabet, SegmentOptions options,
            ReferenceGenerator references) {
        requireNonNull(text, "text");
        requireNonNull(alphabet, "alphabet");
        requireNonNull(options, "options");
        requireNonNull(references, "references");
        int units = alphabet.unitCount(text);
        if (units < 0) {
            return new Segmentation.Refused(unencodable(text, alphabet));
        }
        int shiftOctets = shiftIeOctets(alphabet);
        if (options.concatenation() == SegmentOptions.Concatenation.MESSAGE_PAYLOAD) {
            return payload(text, alphabet, options, units, shiftOctets);
        }
        int single = unitsPerPart(alphabet.encoding(), udhOctets(shiftOctets, 0));
        if (units <= single) {
            return new Segmentation.Segmented(alphabet.encoding(), options.concatenation(),
                    List.of(part(text, 0, text.length(), alphabet, options, shiftHeader(alphabet, 0), 0, units,
                            Optional.empty())));
        }
        int budget = unitsPerPart(alphabet.encoding(), udhOctets(shiftOctets, options.referenceWidth().ieOctets()));
        int[] cuts = cuts(text, alphabet, budget, options.maxSegments() + 1);
        int parts = cuts.length - 1;
        if (parts > options.maxSegments()) {
            return new Segmentation.Refused("text: " + units + " " + unitName(alphabet.encoding())
                    + " need more than " + options.maxSegments() + " segments of " + budget
                    + " (expected: <= " + options.maxSegments() + " segments)");
        }
        int reference = reference(references, options.referenceWidth());
        boolean udh = options.concatenation() == SegmentOptions.Concatenation.UDH;
        // One header template for all parts; each part writes its own sequence number into its copy.
        byte[] header = shiftHeader(alphabet, udh ? options.referenceWidth().ieOctets() : 0);
        if (udh) {
            writeConcatenation(header, options.referenceWidth(), reference, parts, 1);
        }
        Segment[] segments = new Segment[parts];
        for (int i = 0; i < parts; i++) {
            int from = cuts[i];
            int to = cuts[i + 1];
            int partUnits = alphabet instanceof Gsm7 gsm7 ? gsm7.unitCount(text, from, to) : to - from;
            Optional<SarParameters> sar = udh ? Optional.empty() : Optional.of(new SarParameters(reference, parts, i + 1));
            segments[i] = part(text, from, to, alphabet, options, header, udh ? i + 1 : 0, partUnits, sar);
        }
        // List.of copies the array once; Segmented's List.copyOf then keeps that list as it is.
        return new Segmentation.Segmented(alphabet.encoding(), options.concatenation(), List.of(segments));
    }

    /** Segments 8-bit binary user data (data_coding 4): 140 octets alone, 134 per part with an 8-bit reference. */
    public static Segmentation segmentBinary(OctetString data, SegmentOptions options, ReferenceGenerator references) {
        requireNonNull(data, "data");
        requireNonNull(options, "options");
        requireNonNull(references, "references");
        int length = data.length();
        if (options.concatenation() == SegmentOptions.Concatenation.MESSAGE_PAYLOAD) {
            if (length > MAX_MESSAGE_PAYLOAD) {
                return new Segmentation.Refused("message_payload: " + length + " octets (expected: <= "
                        + MAX_MESSAGE_PAYLOAD + ")");
            }
            return new Segmentation.Segmented(TextEncoding.BINARY, options.concatenation(),
                    List.of(new Segment(data, 0, length, Optional.empty())));
        }
        if (length <= USER_DATA_OCTETS) {
            return new Segmentation.Segmented(TextEncoding.BINARY, options.concatenation(),
                    List.of(new Segment(data, 0, length, Optional.empty())));
        }
        int budget = USER_DATA_OCTETS - udhOctets(0, options.referenceWidth().ieOctets());
        int parts = (length + budget - 1) / budget;
        if (parts > options.maxSegments()) {
            return new Segmentation.Refused("data: " + length + " octets need " + parts + " segments of " + budget
                    + " (expected: <= " + options.maxSegments() + " segments)");
        }
        int reference = reference(references, options.referenceWidth());
        Segment[] segments = new Segment[parts];
        for (int i = 0; i < parts; i++) {
            int from = i * budget;
            int to = Math.min(length, from + budget);
            if (options.concatenation() == SegmentOptions.Concatenation.UDH) {
                byte[] header = new byte[1 + options.referenceWidth().ieOctets()];
                header[0] = (byte) (header.length - 1);
                writeConcatenation(header, options.referenceWidth(), reference, parts, i + 1);
                byte[] out = Arrays.copyOf(header, header.length + to - from);
                copy(data, from, to, out, header.length);
                segments[i] = new Segment(OctetString.wrap(out), header.length, to - from, Optional.empty());
            } else {
                segments[i] = new Segment(data.slice(from, to), 0, to - from,
                        Optional.of(new SarParameters(reference, parts, i + 1)));
            }
        }
        return new Segmentation.Segmented(TextEncoding.BINARY, options.concatenation(), Arrays.asList(segments));
    }

    /**
     * How many parts {@code text} takes in {@code alphabet}, or -1 if it cannot be encoded; counts past
     * {@code options.maxSegments()} stop at {@code maxSegments + 1}. Allocates nothing for GSM-7 and Latin-1.
     */
    public static int segmentCount(CharSequence text, SmsAlphabet alphabet, SegmentOptions options) {
        int units = alphabet.unitCount(text);
        if (units < 0) {
            return -1;
        }
        int shiftOctets = shiftIeOctets(alphabet);
        if (options.concatenation() == SegmentOptions.Concatenation.MESSAGE_PAYLOAD) {
            return 1;
        }
        if (units <= unitsPerPart(alphabet.encoding(), udhOctets(shiftOctets, 0))) {
            return 1;
        }
        int budget = unitsPerPart(alphabet.encoding(), udhOctets(shiftOctets, options.referenceWidth().ieOctets()));
        int limit = options.maxSegments() + 1;
        int parts = 0;
        int start = 0;
        while (start < text.length() && parts < limit) {
            start = nextCut(text, start, alphabet, budget);
            parts++;
        }
        return parts;
    }

    /** Units (septets, octets or code units) one part holds next to a UDH of {@code udhOctets} (0: no UDH). */
    public static int unitsPerPart(TextEncoding encoding, int udhOctets) {
        int octets = USER_DATA_OCTETS - udhOctets;
        return switch (encoding) {
            // The UDH is padded to a septet boundary, so it costs ceil(8 * udhOctets / 7) septets.
            case GSM7 -> (USER_DATA_OCTETS * 8 - (udhOctets * 8 + 6) / 7 * 7) / 7;
            case LATIN1, BINARY -> octets;
            case UCS2 -> octets / 2;
        };
    }

    /** UDH octets (UDHL included) for national shift IEs and a concatenation IE; 0 when both are absent. */
    static int udhOctets(int shiftOctets, int concatenationOctets) {
        int ies = shiftOctets + concatenationOctets;
        return ies == 0 ? 0 : 1 + ies;
    }

    static int shiftIeOctets(SmsAlphabet alphabet) {
        return alphabet instanceof Gsm7 gsm7 ? gsm7.shiftIeOctets() : 0;
    }

    static String unitName(TextEncoding encoding) {
        return switch (encoding) {
            case GSM7 -> "septets";
            case LATIN1, BINARY -> "octets";
            case UCS2 -> "UTF-16 code units";
        };
    }

    /** The end of the part that starts at {@code start}. */
    static int nextCut(CharSequence text, int start, SmsAlphabet alphabet, int budget) {
        int n = text.length();
        return switch (alphabet.encoding()) {
            case GSM7 -> {
                Gsm7 gsm7 = (Gsm7) alphabet;
                int used = 0;
                int i = start;
                // An extension character costs two septets and moves whole to the next part.
                while (i < n) {
                    int cost = gsm7.septets(text.charAt(i));
                    if (used + cost > budget) {
                        break;
                    }
                    used += cost;
                    i++;
                }
                yield i;
            }
            case LATIN1, BINARY -> Math.min(n, start + budget);
            case UCS2 -> GraphemeBoundaries.cut(text, start, budget);
        };
    }

    private static int[] cuts(CharSequence text, SmsAlphabet alphabet, int budget, int limit) {
        int[] cuts = new int[Math.min(limit, text.length() / Math.max(1, budget / 2) + 2) + 1];
        int count = 0;
        int start = 0;
        while (start < text.length() && count < limit) {
            start = nextCut(text, start, alphabet, budget);
            count++;
            if (count >= cuts.length) {
                cuts = Arrays.copyOf(cuts, cuts.length * 2);
            }
            cuts[count] = start;
        }
        return Arrays.copyOf(cuts, count + 1);
    }

    private static Segmentation payload(String text, SmsAlphabet alphabet, SegmentOptions options, int units,
            int shiftOctets) {
        byte[] header = shiftHeader(alphabet, 0);
        int octets = header.length + octetsFor(alphabet.encoding(), options, header.length, units);
        if (octets > MAX_MESSAGE_PAYLOAD) {
            return new Segmentation.Refused("message_payload: " + octets + " octets (expected: <= "
                    + MAX_MESSAGE_PAYLOAD + ")");
        }
        return new Segmentation.Segmented(alphabet.encoding(), options.concatenation(),
                List.of(part(text, 0, text.length(), alphabet, options, header, 0, units, Optional.empty())));
    }

    private static int octetsFor(TextEncoding encoding, SegmentOptions options, int udhLength, int units) {
        return switch (encoding) {
            case GSM7 -> options.packing() == SegmentOptions.Gsm7Packing.PACKED
                    ? Gsm7.packedLength(UserDataHeader.fillBits(udhLength), units) : units;
            case LATIN1, BINARY -> units;
            case UCS2 -> units * 2;
        };
    }

    /** A UDH holding the national shift IEs, with {@code extra} octets left at the end for a concatenation IE. */
    private static byte[] shiftHeader(SmsAlphabet alphabet, int extra) {
        int shiftOctets = shiftIeOctets(alphabet);
        if (shiftOctets + extra == 0) {
            return NO_HEADER;
        }
        byte[] header = new byte[1 + shiftOctets + extra];
        header[0] = (byte) (header.length - 1);
        if (alphabet instanceof Gsm7 gsm7) {
            int i = 1;
            if (gsm7.lockingShift() != NationalLanguage.DEFAULT) {
                header[i++] = InformationElement.NATIONAL_LOCKING_SHIFT;
                header[i++] = 1;
                header[i++] = (byte) gsm7.lockingShift().identifier();
            }
            if (gsm7.singleShift() != NationalLanguage.DEFAULT) {
                header[i++] = InformationElement.NATIONAL_SINGLE_SHIFT;
                header[i++] = 1;
                header[i] = (byte) gsm7.singleShift().identifier();
            }
        }
        return header;
    }

    /** Writes the concatenation IE into the last octets of {@code header}. */
    private static void writeConcatenation(byte[] header, ReferenceWidth width, int reference, int total,
            int sequence) {
        int i = header.length - width.ieOctets();
        if (width == ReferenceWidth.BITS_8) {
            header[i++] = InformationElement.CONCATENATED_8BIT;
            header[i++] = 3;
        } else {
            header[i++] = InformationElement.CONCATENATED_16BIT;
            header[i++] = 4;
            header[i++] = (byte) (reference >>> 8);
        }
        header[i++] = (byte) reference;
        header[i++] = (byte) total;
        header[i] = (byte) sequence;
    }

    /** Builds one part: the header template (its sequence octet set to {@code sequence} when not 0), then the text. */
    private static Segment part(String text, int from, int to, SmsAlphabet alphabet, SegmentOptions options,
            byte[] header, int sequence, int units, Optional<SarParameters> sar) {
        int udh = header.length;
        byte[] out = new byte[udh + octetsFor(alphabet.encoding(), options, udh, units)];
        System.arraycopy(header, 0, out, 0, udh);
        if (sequence != 0) {
            out[udh - 1] = (byte) sequence; // the concatenation IE ends the header: its last octet is the sequence
        }
        switch (alphabet.encoding()) {
            case GSM7 -> {
                Gsm7 gsm7 = (Gsm7) alphabet;
                if (options.packing() == SegmentOptions.Gsm7Packing.PACKED) {
                    gsm7.encodePackedTo(text, from, to, out, udh, UserDataHeader.fillBits(udh));
                } else {
                    gsm7.encodeTo(text, from, to, out, udh);
                }
            }
            case LATIN1 -> {
                for (int i = from, j = udh; i < to; i++, j++) {
                    out[j] = (byte) text.charAt(i);
                }
            }
            case UCS2 -> Ucs2.encodeTo(text, from, to, out, udh);
            case BINARY -> throw new IllegalStateException("binary data is segmented by segmentBinary");
        }
        return new Segment(OctetString.wrap(out), udh, units, sar);
    }

    private static void copy(OctetString data, int from, int to, byte[] out, int offset) {
        for (int i = from, j = offset; i < to; i++, j++) {
            out[j] = (byte) data.get(i);
        }
    }

    private static String unencodable(String text, SmsAlphabet alphabet) {
        int i = 0;
        while (i < text.length() && alphabet.canEncode(text.subSequence(i, i + 1))) {
            i++;
        }
        return String.format("text: U+%04X at index %d (expected: a character of %s)",
                i < text.length() ? text.codePointAt(i) : 0, i, alphabet);
    }

    private static int reference(ReferenceGenerator references, ReferenceWidth width) {
        int reference = references.next(width);
        if (reference < 0 || reference > width.maxReference()) {
            throw new IllegalStateException("reference generator: " + reference + " (expected: 0.."
                    + width.maxReference() + ")");
        }
        return reference;
    }
}
