package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the store did with a carrier's receipt or submit_sm_resp id.
 *
 * @param outcome what happened
 * @param messageId our message, unless the receipt was ORPHANED
 * @param systemId the message's account, unless ORPHANED or RECORDED (a recorded submission reads no message row)
 * @param partIndex which carrier part (0-based) the id named
 * @param partCount how many parts the message went out in at that carrier
 * @param status the message's state after this write, unless ORPHANED or RECORDED (or its row is gone)
 * @param queuedReceipt the client's receipt, when it went to the outbox in the same transaction
 *     ({@link ReceiptNotice}): the caller only hands it to the outbox's deliverer
 * @param madeFinal whether this write gave the message its final state (a single-part message's final receipt, or
 *     the part receipt that completed a multipart message under its carrier's {@link MultipartReceipts}); at most
 *     one correlation per message has it
 */
public record Correlation(Outcome outcome, Optional<MessageId> messageId, Optional<String> systemId, int partIndex,
                          int partCount, Optional<MessageStatus> status, Optional<OutboxEntry> queuedReceipt,
                          boolean madeFinal) {

    public enum Outcome {
        /** A submit_sm_resp id was recorded; no receipt was waiting for it. */
        RECORDED,
        /**
         * The receipt's state was applied to the part; to the message too when it went out in one part, or when the
         * parts' receipts now combine into its final state ({@link #madeFinal()}).
         */
        MATCHED,
        /** The part already had a final state: a repeated or late receipt, ignored. */
        DUPLICATE,
        /** No message has this carrier id (yet): kept and applied when its submit_sm_resp is recorded. */
        ORPHANED
    }

    public static final Correlation ORPHANED = new Correlation(Outcome.ORPHANED, Optional.empty(), Optional.empty(),
            0, 0, Optional.empty(), Optional.empty(), false);

    public Correlation {
        requireNonNull(outcome, "outcome");
        requireNonNull(messageId, "messageId");
        requireNonNull(systemId, "systemId");
        requireNonNull(status, "status");
        requireNonNull(queuedReceipt, "queuedReceipt");
        if ((madeFinal || queuedReceipt.isPresent()) && (outcome != Outcome.MATCHED || !madeFinal)) {
            throw new IllegalArgumentException("madeFinal: " + madeFinal + ", queuedReceipt: "
                    + queuedReceipt.isPresent() + ", outcome: " + outcome
                    + " (expected: only on a MATCHED correlation that made the message final)");
        }
    }

    /** A correlation that left the message's state as it was and queued no client receipt. */
    public Correlation(Outcome outcome, Optional<MessageId> messageId, Optional<String> systemId, int partIndex,
                       int partCount, Optional<MessageStatus> status) {
        this(outcome, messageId, systemId, partIndex, partCount, status, Optional.empty(), false);
    }

    /** A MATCHED correlation that made the message {@code status}, final, with its client receipt if one was queued. */
    static Correlation madeFinal(MessageId messageId, Optional<String> systemId, int partIndex, int partCount,
                                 MessageStatus status, Optional<OutboxEntry> queuedReceipt) {
        return new Correlation(Outcome.MATCHED, Optional.of(messageId), systemId, partIndex, partCount,
                Optional.of(status), queuedReceipt, true);
    }

    /** Whether the client's receipt went to the outbox in the same transaction. */
    public boolean receiptQueued() {
        return queuedReceipt.isPresent();
    }
}
