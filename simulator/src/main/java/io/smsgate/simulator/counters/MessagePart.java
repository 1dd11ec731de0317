package io.smsgate.simulator.counters;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.util.OptionalInt;

/**
 * One received submit's message, with its concatenation facts (3GPP TS 23.040 §9.2.3.24.1 UDH IE 0x00/0x08,
 * or the SMPP sar_* TLVs) already read; {@code total == 1} for a message that is not concatenated.
 */
public record MessagePart(String source, String destination, OctetString text, OptionalInt userMessageReference,
        int reference, int total, int sequence) {
    public MessagePart {
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
        requireNonNull(text, "text");
        requireNonNull(userMessageReference, "userMessageReference");
        if (total < 1 || total > 255) {
            throw new IllegalArgumentException("total: " + total + " (expected: 1..255)");
        }
        if (sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("sequence: " + sequence + " (expected: 1.." + total + ")");
        }
    }

    public static MessagePart single(String source, String destination, OctetString text) {
        return new MessagePart(source, destination, text, OptionalInt.empty(), 0, 1, 1);
    }
}
