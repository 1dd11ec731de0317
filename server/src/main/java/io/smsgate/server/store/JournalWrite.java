package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One write the Journal commits for a caller, and the result its future completes with.
 *
 * <p>Writes of one batch run kind by kind in this order: InsertMessage, EnqueueOutbox, Transition,
 * RecordSubmission, CorrelateReceipt, RetryOutbox, CompleteOutbox. A caller that needs two writes in its own
 * order waits for the first one's future.
 *
 * @param <R> the result of the write
 */
public sealed interface JournalWrite<R> {

    /** Which statement family carries this write. */
    Kind kind();

    enum Kind {
        INSERT_MESSAGE(true), ENQUEUE_OUTBOX(false), TRANSITION(false), RECORD_SUBMISSION(false),
        CORRELATE_RECEIPT(true), RETRY_OUTBOX(false), COMPLETE_OUTBOX(false);

        private final boolean refusable;

        Kind(boolean refusable) {
            this.refusable = refusable;
        }

        /**
         * Whether a full Journal queue may refuse this write: a new message (the client is throttled and sends it
         * again) and a carrier's receipt (answered with a temporary error, the carrier sends it again). The others
         * record what already happened (a carrier took a message, a client took a receipt) and nobody would send
         * them again, so they are always queued; their number is bounded by the carriers' and clients' windows.
         */
        boolean refusable() {
            return refusable;
        }
    }

    /** Stores an accepted message in state QUEUED; completes with its id. */
    record InsertMessage(NewMessage message) implements JournalWrite<MessageId> {
        public InsertMessage {
            requireNonNull(message, "message");
        }

        @Override
        public Kind kind() {
            return Kind.INSERT_MESSAGE;
        }
    }

    /**
     * Moves a message to {@code to} if it is in one of {@code from} (never out of a final state) and records the
     * event; completes with whether it moved.
     *
     * @param notBefore the earliest next try, for a message put back to QUEUED
     * @param attempt whether this was a carrier attempt (counted in {@code attempts})
     */
    /**
     * @param notice when the move makes the message final, builds its client's receipt, which then commits in the
     *               same transaction as the final state (a multipart message's combined receipts)
     */
    record Transition(MessageId messageId, Set<MessageStatus> from, MessageStatus to, Optional<Instant> notBefore,
                      boolean attempt, EventDetail detail, Instant at, ReceiptNotice notice)
            implements JournalWrite<Boolean> {
        public Transition {
            requireNonNull(messageId, "messageId");
            requireNonNull(to, "to");
            requireNonNull(notBefore, "notBefore");
            requireNonNull(detail, "detail");
            requireNonNull(at, "at");
            requireNonNull(notice, "notice");
            from = Set.copyOf(from);
            if (from.isEmpty()) {
                throw new IllegalArgumentException("from: [] (expected: at least one state)");
            }
        }

        /** A move whose caller sends the client's receipt itself, if any. */
        public Transition(MessageId messageId, Set<MessageStatus> from, MessageStatus to, Optional<Instant> notBefore,
                          boolean attempt, EventDetail detail, Instant at) {
            this(messageId, from, to, notBefore, attempt, detail, at, ReceiptNotice.NONE);
        }

        /** This move, queuing the client's receipt with the final state it makes (see {@link ReceiptNotice}). */
        public Transition withNotice(ReceiptNotice notice) {
            return new Transition(messageId, from, to, notBefore, attempt, detail, at, notice);
        }

        /** Any non-final state to {@code to}, e.g. FAILED on a permanent carrier error. */
        public static Transition fromPending(MessageId messageId, MessageStatus to, EventDetail detail, Instant at) {
            return new Transition(messageId, EnumSet.of(MessageStatus.QUEUED, MessageStatus.SUBMITTED), to,
                    Optional.empty(), false, detail, at);
        }

        @Override
        public Kind kind() {
            return Kind.TRANSITION;
        }
    }

    /**
     * Records a carrier's submit_sm_resp ESME_ROK for one part: the message becomes SUBMITTED and the
     * (carrier, canonical carrier id) reference is kept for its receipt. A receipt that came first is applied
     * now and reported as MATCHED or DUPLICATE; otherwise RECORDED.
     *
     * @param notice builds the client's receipt when a held receipt makes the message final (same transaction)
     * @param multipartReceipts how a held receipt of a part combines with the other parts' (the carrier's profile)
     */
    record RecordSubmission(MessageId messageId, String carrierId, String carrierMessageId, int partIndex,
                            int partCount, Instant at, ReceiptNotice notice, MultipartReceipts multipartReceipts)
            implements JournalWrite<Correlation> {
        public RecordSubmission {
            requireNonNull(messageId, "messageId");
            requireNonNull(carrierId, "carrierId");
            requireNonNull(carrierMessageId, "carrierMessageId");
            requireNonNull(at, "at");
            requireNonNull(notice, "notice");
            requireNonNull(multipartReceipts, "multipartReceipts");
            if (partCount < 1 || partIndex < 0 || partIndex >= partCount) {
                throw new IllegalArgumentException("part: " + partIndex + "/" + partCount
                        + " (expected: 0 <= index < count)");
            }
        }

        @Override
        public Kind kind() {
            return Kind.RECORD_SUBMISSION;
        }
    }

    /**
     * Correlates a carrier's receipt by (carrier, canonical carrier id): MATCHED, DUPLICATE (a final state never
     * changes), or ORPHANED (kept until its submit_sm_resp is recorded). A receipt that ends the message (a
     * single-part message's final receipt, or the part receipt that completes a multipart message under
     * {@code multipartReceipts}) makes it final in the same transaction.
     *
     * @param notice builds the client's receipt when this receipt makes the message final; its outbox row commits
     *     with the receipt ({@link Correlation#receiptQueued()})
     * @param multipartReceipts how a part's receipt combines with the other parts' (the carrier's profile)
     */
    record CorrelateReceipt(String carrierId, String carrierMessageId, MessageStatus status,
                            Optional<String> receiptStat, Optional<String> errorCode, Instant receivedAt,
                            ReceiptNotice notice, MultipartReceipts multipartReceipts)
            implements JournalWrite<Correlation> {
        public CorrelateReceipt {
            requireNonNull(carrierId, "carrierId");
            requireNonNull(carrierMessageId, "carrierMessageId");
            requireNonNull(status, "status");
            requireNonNull(receiptStat, "receiptStat");
            requireNonNull(errorCode, "errorCode");
            requireNonNull(receivedAt, "receivedAt");
            requireNonNull(notice, "notice");
            requireNonNull(multipartReceipts, "multipartReceipts");
            if (status == MessageStatus.QUEUED) {
                throw new IllegalArgumentException("status: QUEUED (expected: a carrier's state)");
            }
        }

        @Override
        public Kind kind() {
            return Kind.CORRELATE_RECEIPT;
        }
    }

    /** Puts a receipt or MO in the client outbox; completes with its id. */
    record EnqueueOutbox(MessageId outboxId, String systemId, OutboxKind outboxKind, Optional<MessageId> messageId,
                         OctetString payload, Instant nextAttemptAt, Instant expiresAt, Instant at)
            implements JournalWrite<MessageId> {
        public EnqueueOutbox {
            requireNonNull(outboxId, "outboxId");
            requireNonNull(systemId, "systemId");
            requireNonNull(outboxKind, "outboxKind");
            requireNonNull(messageId, "messageId");
            requireNonNull(payload, "payload");
            requireNonNull(nextAttemptAt, "nextAttemptAt");
            requireNonNull(expiresAt, "expiresAt");
            requireNonNull(at, "at");
        }

        @Override
        public Kind kind() {
            return Kind.ENQUEUE_OUTBOX;
        }

        /** The row as this write stores it: pending, never tried. */
        public OutboxEntry entry() {
            return new OutboxEntry(outboxId, systemId, outboxKind, messageId, payload, 0, nextAttemptAt, expiresAt);
        }
    }

    /**
     * A delivery try of an outbox row failed at {@code at}: try again at {@code nextAttemptAt}, or, when empty (its
     * horizon is over, or the client refused it for good), move it to the dead-letter state with {@code at} as its
     * dead_at (V106). Completes with whether the row was pending, i.e. whether this write changed it: a row that
     * retention dead-lettered or another try settled meanwhile is left alone, and its death is counted once.
     */
    record RetryOutbox(MessageId outboxId, Optional<Instant> nextAttemptAt, Instant at)
            implements JournalWrite<Boolean> {
        public RetryOutbox {
            requireNonNull(outboxId, "outboxId");
            requireNonNull(nextAttemptAt, "nextAttemptAt");
            requireNonNull(at, "at");
        }

        @Override
        public Kind kind() {
            return Kind.RETRY_OUTBOX;
        }
    }

    /** The client acknowledged an outbox row (deliver_sm_resp ESME_ROK, webhook 2xx): it leaves the outbox. */
    record CompleteOutbox(MessageId outboxId) implements JournalWrite<Boolean> {
        public CompleteOutbox {
            requireNonNull(outboxId, "outboxId");
        }

        @Override
        public Kind kind() {
            return Kind.COMPLETE_OUTBOX;
        }
    }
}
