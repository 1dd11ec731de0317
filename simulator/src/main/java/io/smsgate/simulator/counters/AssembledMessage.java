package io.smsgate.simulator.counters;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.util.OptionalInt;

/**
 * One whole message as the simulated carrier received it: a single short message, or every part of a
 * concatenated one put back together by a {@link MessageAssembly}.
 *
 * @param text the user data without UDH, concatenated in part order
 * @param userMessageReference the user_message_reference TLV (0x0204), when the ESME sent one
 * @param parts how many submits carried it (1 for a single short message)
 */
public record AssembledMessage(String source, String destination, OctetString text,
        OptionalInt userMessageReference, int parts) {
    public AssembledMessage {
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
        requireNonNull(text, "text");
        requireNonNull(userMessageReference, "userMessageReference");
        if (parts < 1) {
            throw new IllegalArgumentException("parts: " + parts + " (expected: >= 1)");
        }
    }
}
