package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

/**
 * How a long text is carried: concatenation by UDH or SAR parameters or one message_payload, the width of the
 * reference number, GSM-7 packing, and the most segments a message may take.
 */
public record SegmentOptions(Concatenation concatenation, ReferenceWidth referenceWidth, Gsm7Packing packing,
        int maxSegments) {

    /** UDH with an 8-bit reference, unpacked GSM-7, up to 255 parts (23.040 §9.2.3.24.1). */
    public static final SegmentOptions DEFAULTS =
            new SegmentOptions(Concatenation.UDH, ReferenceWidth.BITS_8, Gsm7Packing.UNPACKED, 255);

    /** How the parts of a long message are tied together. */
    public enum Concatenation {
        /** A concatenation IE in each part's UDH, esm_class UDHI set. */
        UDH,
        /**
         * sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs (SMPP 3.4 §5.3.2.22–24) and no
         * concatenation IE; the SMSC adds the IE, so each part keeps room for it.
         */
        SAR,
        /** The whole text in one message_payload TLV (SMPP 3.4 §5.3.2.32), the SMSC segments it. */
        MESSAGE_PAYLOAD
    }

    /** Whether GSM-7 user data is one septet per octet or packed 8 septets in 7 octets (23.038 §6.1.2.1). */
    public enum Gsm7Packing {
        UNPACKED,
        PACKED
    }

    public SegmentOptions {
        requireNonNull(concatenation, "concatenation");
        requireNonNull(referenceWidth, "referenceWidth");
        requireNonNull(packing, "packing");
        if (maxSegments < 1 || maxSegments > 255) {
            throw new IllegalArgumentException("maxSegments: " + maxSegments + " (expected: 1..255)");
        }
    }

    public SegmentOptions withConcatenation(Concatenation concatenation) {
        return new SegmentOptions(concatenation, referenceWidth, packing, maxSegments);
    }

    public SegmentOptions withReferenceWidth(ReferenceWidth referenceWidth) {
        return new SegmentOptions(concatenation, referenceWidth, packing, maxSegments);
    }

    public SegmentOptions withPacking(Gsm7Packing packing) {
        return new SegmentOptions(concatenation, referenceWidth, packing, maxSegments);
    }

    public SegmentOptions withMaxSegments(int maxSegments) {
        return new SegmentOptions(concatenation, referenceWidth, packing, maxSegments);
    }
}
