package io.smsgate.simulator.behaviour;

/**
 * Receipt {@code stat:} words (SMPP 3.4 Appendix B) with the matching message_state TLV values
 * (SMPP 3.4 §5.2.28); ENROUTE is the only intermediate one.
 */
public enum ReceiptStatus {
    ENROUTE("ENROUTE", 1, false),
    DELIVRD("DELIVRD", 2, true),
    EXPIRED("EXPIRED", 3, true),
    DELETED("DELETED", 4, true),
    UNDELIV("UNDELIV", 5, true),
    ACCEPTD("ACCEPTD", 6, true),
    UNKNOWN("UNKNOWN", 7, true),
    REJECTD("REJECTD", 8, true);

    private final String stat;
    private final int messageState;
    private final boolean terminal;

    ReceiptStatus(String stat, int messageState, boolean terminal) {
        this.stat = stat;
        this.messageState = messageState;
        this.terminal = terminal;
    }

    /** The 7-letter word of the receipt text's {@code stat:} field. */
    public String stat() {
        return stat;
    }

    /** The message_state TLV (0x0427) value. */
    public int messageState() {
        return messageState;
    }

    /** Whether the receipt ends the message's life (every state but ENROUTE). */
    public boolean terminal() {
        return terminal;
    }
}
