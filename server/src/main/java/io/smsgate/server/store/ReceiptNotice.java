package io.smsgate.server.store;

import java.util.Optional;

/**
 * Builds the client's receipt for a message that a carrier receipt made final, inside the Journal transaction that
 * records that receipt, so that the final state and the client's outbox row commit together (ARCHITECTURE.md,
 * "Every status reaches its client") and no read of the message is needed afterwards.
 */
@FunctionalInterface
public interface ReceiptNotice {

    /** Queues nothing: the caller sends the client's receipt itself. */
    ReceiptNotice NONE = (subject, status) -> Optional.empty();

    /**
     * The outbox row for the client of {@code subject}, now {@code status}; empty when its registered_delivery
     * asked for no receipt. Runs on the Journal thread: it must not block.
     */
    Optional<JournalWrite.EnqueueOutbox> outbox(ReceiptSubject subject, MessageStatus status);
}
