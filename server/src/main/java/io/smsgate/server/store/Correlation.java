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
 * @param status the message's state after this write, unless ORPHANED or RECORDED
 * @param queuedReceipt the client's receipt, when it went to the outbox in the same transaction
 *     ({@link ReceiptNotice}): the caller only hands it to the outbox's deliverer
 */
public record Correlation(Outcome outcome, Optional<MessageId> messageId, Optional<String> systemId, int partIndex,
                          int partCount, Optional<MessageStatus> status, Optional<OutboxEntry> queuedReceipt) {

    public enum Outcome {
        /** A submit_sm_resp id was recorded; no receipt was waiting for it. */
        RECORDED,
        /** The receipt's state was applied (to the part; to the message too when it went out in one part). */
        MATCHED,
        /** The part already had a final state: a repeated or late receipt, ignored. */
        DUPLICATE,
        /** No message has this carrier id (yet): kept and applied when its submit_sm_resp is recorded. */
        ORPHANED
    }

    public static final Correlation ORPHANED = new Correlation(Outcome.ORPHANED, Optional.empty(), Optional.empty(),
            0, 0, Optional.empty(), Optional.empty());

    public Correlation {
        requireNonNull(outcome, "outcome");
        requireNonNull(messageId, "messageId");
        requireNonNull(systemId, "systemId");
        requireNonNull(status, "status");
        requireNonNull(queuedReceipt, "queuedReceipt");
    }

    /** A correlation that queued no client receipt. */
    public Correlation(Outcome outcome, Optional<MessageId> messageId, Optional<String> systemId, int partIndex,
                       int partCount, Optional<MessageStatus> status) {
        this(outcome, messageId, systemId, partIndex, partCount, status, Optional.empty());
    }

    /** Whether the client's receipt went to the outbox in the same transaction. */
    public boolean receiptQueued() {
        return queuedReceipt.isPresent();
    }

    /** The same correlation, its client receipt queued as {@code receipt}. */
    Correlation withQueuedReceipt(OutboxEntry receipt) {
        return new Correlation(outcome, messageId, systemId, partIndex, partCount, status, Optional.of(receipt));
    }
}
