package io.smsgate.protocol.smpp.pdu;

/** The three SAR TLVs together: one segment of a long message segmented by TLVs instead of a UDH (SMPP 3.4 §5.3.2.22). */
public record Sar(int referenceNumber, int totalSegments, int segmentSeqnum) {

    public Sar {
        Fields.u16("sar_msg_ref_num", referenceNumber);
        if (totalSegments < 1 || totalSegments > 0xFF) {
            throw new IllegalArgumentException("sar_total_segments: " + totalSegments + " (expected: 1..255)");
        }
        if (segmentSeqnum < 1 || segmentSeqnum > totalSegments) {
            throw new IllegalArgumentException("sar_segment_seqnum: " + segmentSeqnum + " (expected: 1.."
                    + totalSegments + ")");
        }
    }
}
