package io.smsgate.protocol.dlr;

import java.util.Locale;
import java.util.Optional;

/**
 * The state a delivery receipt reports: the {@code stat:} word of SMPP 3.4 Appendix B and the
 * {@code message_state} values of SMPP 5.0 §4.7.15 (0 SCHEDULED to 9 SKIPPED; 3.4 §5.2.28 has 1–8), in that order.
 */
public enum ReceiptState {
    /** SMPP 5.0 only: scheduled for later delivery. */
    SCHEDULED(0, "SCHEDULED", false),
    ENROUTE(1, "ENROUTE", false),
    DELIVRD(2, "DELIVRD", true),
    EXPIRED(3, "EXPIRED", true),
    DELETED(4, "DELETED", true),
    UNDELIV(5, "UNDELIV", true),
    ACCEPTD(6, "ACCEPTD", true),
    UNKNOWN(7, "UNKNOWN", true),
    REJECTD(8, "REJECTD", true),
    /** SMPP 5.0 only: skipped (e.g. barred), a final state. */
    SKIPPED(9, "SKIPPED", true);

    private static final ReceiptState[] BY_MESSAGE_STATE = values();

    private final int messageState;
    private final String statWord;
    private final boolean isFinal;

    ReceiptState(int messageState, String statWord, boolean isFinal) {
        this.messageState = messageState;
        this.statWord = statWord;
        this.isFinal = isFinal;
    }

    /** The message_state TLV value (SMPP 5.0 §4.7.15). */
    public int messageState() {
        return messageState;
    }

    /** The {@code stat:} word this state is written as in receipt text (SMPP 3.4 Appendix B). */
    public String statWord() {
        return statWord;
    }

    /**
     * Whether no later state can follow, per SMPP 5.0 §4.7.15: every state but SCHEDULED and ENROUTE is final.
     * Kannel treats ACCEPTD as intermediate because some SMSCs send it before DELIVRD; a carrier with that
     * habit needs a per-carrier rule in the server, not a different reading of the specification here.
     */
    public boolean isFinal() {
        return isFinal;
    }

    /** The state for a message_state TLV value, or empty outside 0–9. */
    public static Optional<ReceiptState> fromMessageState(int messageState) {
        return messageState >= 0 && messageState < BY_MESSAGE_STATE.length
                ? Optional.of(BY_MESSAGE_STATE[messageState])
                : Optional.empty();
    }

    /**
     * The state for a {@code stat:} word, case-insensitively, including the words carriers use beside the
     * specification's seven: the spelled-out names (DELIVERED, UNDELIVERABLE, …) and Kannel's "buffered"
     * words ACKED, BUFFRED and BUFFERD, which are intermediate (ENROUTE).
     */
    public static Optional<ReceiptState> fromStatWord(String word) {
        return Optional.ofNullable(switch (word.toUpperCase(Locale.ROOT)) {
            case "SCHEDULED", "SCHEDUL" -> SCHEDULED;
            case "ENROUTE", "ACKED", "BUFFRED", "BUFFERD", "BUFFERED" -> ENROUTE;
            case "DELIVRD", "DELIVERED" -> DELIVRD;
            case "EXPIRED" -> EXPIRED;
            case "DELETED" -> DELETED;
            case "UNDELIV", "UNDELIVERABLE" -> UNDELIV;
            case "ACCEPTD", "ACCEPTED" -> ACCEPTD;
            case "UNKNOWN" -> UNKNOWN;
            case "REJECTD", "REJECTED" -> REJECTD;
            case "SKIPPED" -> SKIPPED;
            default -> null;
        });
    }
}
