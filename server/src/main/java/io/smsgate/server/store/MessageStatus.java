package io.smsgate.server.store;

import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.protocol.smpp.pdu.MessageState;

/**
 * Where an accepted message is in its life. QUEUED and SUBMITTED are the only states it leaves; every other
 * state is final and never changes (the store's SQL refuses to move a final message).
 */
public enum MessageStatus {
    /** Stored and answered ESME_ROK; waiting for (or between tries at) a carrier. */
    QUEUED(false),
    /** A carrier accepted it (submit_sm_resp ESME_ROK); waiting for its receipt. */
    SUBMITTED(false),
    DELIVERED(true),
    EXPIRED(true),
    DELETED(true),
    UNDELIVERABLE(true),
    /** The carrier's ACCEPTD: accepted on the subscriber's behalf (SMPP 3.4 Appendix B). */
    ACCEPTED(true),
    UNKNOWN(true),
    REJECTED(true),
    SKIPPED(true),
    /** We gave up: a permanent carrier error, no route left, or validity over before submission. */
    FAILED(true),
    /** The client cancelled it (cancel_sm) before it went to a carrier. */
    CANCELLED(true);

    private final boolean isFinal;

    MessageStatus(boolean isFinal) {
        this.isFinal = isFinal;
    }

    public boolean isFinal() {
        return isFinal;
    }

    /** The message_state a query_sm_resp reports (SMPP 3.4 §5.2.28). */
    public MessageState messageState() {
        return switch (this) {
            case QUEUED, SUBMITTED -> MessageState.ENROUTE;
            case DELIVERED -> MessageState.DELIVERED;
            case EXPIRED -> MessageState.EXPIRED;
            case DELETED, CANCELLED -> MessageState.DELETED;
            case UNDELIVERABLE, FAILED -> MessageState.UNDELIVERABLE;
            case ACCEPTED -> MessageState.ACCEPTED;
            case UNKNOWN -> MessageState.UNKNOWN;
            case REJECTED -> MessageState.REJECTED;
            case SKIPPED -> MessageState.SKIPPED;
        };
    }

    /** The state a carrier's receipt moves a message to; SCHEDULED and ENROUTE leave it SUBMITTED. */
    public static MessageStatus of(ReceiptState receipt) {
        return switch (receipt) {
            case SCHEDULED, ENROUTE -> SUBMITTED;
            case DELIVRD -> DELIVERED;
            case EXPIRED -> EXPIRED;
            case DELETED -> DELETED;
            case UNDELIV -> UNDELIVERABLE;
            case ACCEPTD -> ACCEPTED;
            case UNKNOWN -> UNKNOWN;
            case REJECTD -> REJECTED;
            case SKIPPED -> SKIPPED;
        };
    }
}
