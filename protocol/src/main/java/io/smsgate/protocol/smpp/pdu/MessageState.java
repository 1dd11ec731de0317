package io.smsgate.protocol.smpp.pdu;

/**
 * The message_state of query_sm_resp and the message_state TLV (SMPP 3.4 §5.2.28, SMPP 5.0 §4.7.15). An open set:
 * values outside 0–9 from a carrier are kept and re-encoded as they came.
 */
public record MessageState(int code) {

    /** SMPP 5.0 only. */
    public static final MessageState SCHEDULED = new MessageState(0);
    public static final MessageState ENROUTE = new MessageState(1);
    public static final MessageState DELIVERED = new MessageState(2);
    public static final MessageState EXPIRED = new MessageState(3);
    public static final MessageState DELETED = new MessageState(4);
    public static final MessageState UNDELIVERABLE = new MessageState(5);
    public static final MessageState ACCEPTED = new MessageState(6);
    public static final MessageState UNKNOWN = new MessageState(7);
    public static final MessageState REJECTED = new MessageState(8);
    /** SMPP 5.0 only. */
    public static final MessageState SKIPPED = new MessageState(9);

    private static final String[] NAMES = {
        "SCHEDULED", "ENROUTE", "DELIVERED", "EXPIRED", "DELETED", "UNDELIVERABLE", "ACCEPTED", "UNKNOWN",
        "REJECTED", "SKIPPED"
    };

    public MessageState {
        Fields.u8("message_state", code);
    }

    public static MessageState of(int code) {
        return new MessageState(code);
    }

    /** True for a state the message will not leave: DELIVERED, EXPIRED, DELETED, UNDELIVERABLE, REJECTED, SKIPPED. */
    public boolean isFinal() {
        return switch (code) {
            case 2, 3, 4, 5, 8, 9 -> true;
            default -> false;
        };
    }

    public boolean isKnown() {
        return code < NAMES.length;
    }

    public String name() {
        return isKnown() ? NAMES[code] : String.format("0x%02x", code);
    }

    @Override
    public String toString() {
        return name();
    }
}
