package io.smsgate.server.metrics;

import io.smsgate.protocol.smpp.pdu.CommandStatus;

/**
 * Bounds the {@code status} tag: a peer may answer with any 32-bit command_status, and each distinct tag value is
 * a time series. Codes below 0x200 (every one the specifications define) and the vendor range 0x400..0x4FF
 * (SMPP 3.4 §5.1.3) keep their own slot; anything else is {@code other}.
 */
final class StatusTag {

    private static final int SPEC_SLOTS = 0x200;
    private static final int VENDOR_FIRST = 0x400;
    private static final int VENDOR_SLOTS = 0x100;
    static final int OTHER = SPEC_SLOTS + VENDOR_SLOTS;
    static final int SLOTS = OTHER + 1;

    private StatusTag() {
    }

    static int slot(CommandStatus status) {
        int code = status.code();
        if (code >= 0 && code < SPEC_SLOTS) {
            return code;
        }
        if (code >= VENDOR_FIRST && code < VENDOR_FIRST + VENDOR_SLOTS) {
            return SPEC_SLOTS + (code - VENDOR_FIRST);
        }
        return OTHER;
    }

    /** The tag value of a slot: the status name ({@code ESME_RTHROTTLED}), its hex code, or {@code other}. */
    static String value(int slot) {
        if (slot == OTHER) {
            return "other";
        }
        int code = slot < SPEC_SLOTS ? slot : VENDOR_FIRST + (slot - SPEC_SLOTS);
        return CommandStatus.of(code).name();
    }
}
