package io.smsgate.protocol.text;

/** The SAR TLV values of one part: sar_msg_ref_num, sar_total_segments, sar_segment_seqnum (SMPP 3.4 §5.3.2.22–24). */
public record SarParameters(int reference, int total, int sequence) {

    public SarParameters {
        if (reference < 0 || reference > 0xFFFF) {
            throw new IllegalArgumentException("sar_msg_ref_num: " + reference + " (expected: 0..65535)");
        }
        if (total < 1 || total > 255) {
            throw new IllegalArgumentException("sar_total_segments: " + total + " (expected: 1..255)");
        }
        if (sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("sar_segment_seqnum: " + sequence + " (expected: 1.." + total + ")");
        }
    }
}
