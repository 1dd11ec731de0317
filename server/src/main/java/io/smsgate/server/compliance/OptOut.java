package io.smsgate.server.compliance;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One opt-out: {@code recipient} (digits, no '+') receives nothing from {@code sender}, or from any sender of the
 * account when {@code sender} is empty.
 *
 * @param source how it was recorded: {@code keyword} (an MO), {@code import} (CSV) or {@code api}
 */
public record OptOut(String systemId, String recipient, Optional<String> sender, String source, Instant createdAt) {

    public OptOut {
        requireNonNull(systemId, "systemId");
        requireNonNull(recipient, "recipient");
        requireNonNull(sender, "sender");
        requireNonNull(source, "source");
        requireNonNull(createdAt, "createdAt");
        if (recipient.isEmpty() || recipient.length() > 32) {
            throw new IllegalArgumentException("recipient: '" + recipient + "' (expected: 1..32 characters)");
        }
        if (sender.isPresent() && (sender.get().isEmpty() || sender.get().length() > 32)) {
            throw new IllegalArgumentException("sender: '" + sender.get() + "' (expected: 1..32 characters)");
        }
    }

    /** A number as opt-outs key it: without a leading '+' ("+447700900123" and "447700900123" are one number). */
    public static String number(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
    }
}
