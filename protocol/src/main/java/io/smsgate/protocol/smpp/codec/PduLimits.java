package io.smsgate.protocol.smpp.codec;

/**
 * Limits of the SMPP codec: the largest command_length accepted ({@code smpp.max-pdu-length}). 64 KiB holds a full
 * message_payload; larger frames are refused before they are buffered.
 */
public record PduLimits(int maxPduLength) {

    public static final int HEADER_LENGTH = 16;
    public static final PduLimits DEFAULTS = new PduLimits(64 * 1024);

    public PduLimits {
        if (maxPduLength < HEADER_LENGTH) {
            throw new IllegalArgumentException("smpp.max-pdu-length: " + maxPduLength + " (expected: >= "
                    + HEADER_LENGTH + ")");
        }
    }
}
