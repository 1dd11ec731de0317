package io.smsgate.server.pipeline;

import io.smsgate.server.store.StoredMessage;

/**
 * The seam from the store to the carriers: a committed message goes to its route's carrier, and everything after
 * (SUBMITTED, failures, receipts, the client's outbox entry) is written through the Journal.
 *
 * <p>Never blocks. Back-pressure is visible, not silent: {@link #canAccept()} turns false while the carrier queues
 * are full, and {@code Ingest} answers ESME_RTHROTTLED then instead of storing more. A message handed over anyway
 * (recovery, a race with the check) is still taken: it is committed, and dropping it would lose it.
 */
public interface Dispatch {

    /** Routes and queues {@code message}; QUEUED messages are submitted, SUBMITTED ones wait for their receipt. */
    void dispatch(StoredMessage message);

    /** Whether a new message would find room in the carrier queues now (a hint: other threads add too). */
    boolean canAccept();

    /** Messages waiting for a carrier bind, over every carrier. */
    int queueDepth();
}
