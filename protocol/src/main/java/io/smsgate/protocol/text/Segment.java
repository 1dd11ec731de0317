package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.util.Optional;

/**
 * One part of a message: its user data as short_message (or message_payload) carries it, UDH first when
 * {@code udhLength > 0} (set esm_class UDHI then), the text units it holds, and its SAR values in SAR mode.
 */
public record Segment(OctetString userData, int udhLength, int units, Optional<SarParameters> sar) {

    public Segment {
        requireNonNull(userData, "userData");
        requireNonNull(sar, "sar");
        if (units < 0) {
            throw new IllegalArgumentException("units: " + units + " (expected: >= 0)");
        }
        if (udhLength < 0 || udhLength > userData.length()) {
            throw new IllegalArgumentException(
                    "udhLength: " + udhLength + " (expected: 0.." + userData.length() + ")");
        }
    }

    /** Whether the user data starts with a UDH (esm_class 0x40, 23.040 TP-UDHI). */
    public boolean udhi() {
        return udhLength > 0;
    }
}
