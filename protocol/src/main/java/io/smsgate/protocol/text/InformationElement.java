package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;

/** One information element of a user data header: IEI, and its data whose length is the IEDL (23.040 §9.2.3.24). */
public record InformationElement(int identifier, OctetString data) {

    /** Concatenated short messages, 8-bit reference number (23.040 §9.2.3.24.1). */
    public static final int CONCATENATED_8BIT = 0x00;
    /** Concatenated short messages, 16-bit reference number (23.040 §9.2.3.24.8). */
    public static final int CONCATENATED_16BIT = 0x08;
    /** National language single shift (23.040 §9.2.3.24.15). */
    public static final int NATIONAL_SINGLE_SHIFT = 0x24;
    /** National language locking shift (23.040 §9.2.3.24.16). */
    public static final int NATIONAL_LOCKING_SHIFT = 0x25;

    public InformationElement {
        requireNonNull(data, "data");
        if (identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("iei: " + identifier + " (expected: 0..255)");
        }
        if (data.length() > 0xFF) {
            throw new IllegalArgumentException("iedl: " + data.length() + " (expected: <= 255)");
        }
    }
}
