package io.smsgate.server.pipeline;

import io.smsgate.server.store.StoredMessage;

/**
 * The seam to the carrier side: takes a stored (committed) message and carries it to a carrier route. Implemented
 * by the carrier connectors; {@link Ingest} calls it after each commit.
 */
public interface Dispatch {

    /** Queues {@code message} for its route. Non-blocking; called on the Journal's thread. */
    void dispatch(StoredMessage message);

    /** False while the carrier side's queues are full: new submissions are refused with back-pressure. */
    boolean canAccept();
}
