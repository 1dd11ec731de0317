package io.smsgate.server.pipeline;

import io.smsgate.server.store.OutboxEntry;

/**
 * Wakes the component that delivers an account's outbox (the upstream {@code ClientNotifier}) after the carrier side
 * committed a receipt or MO for it through the Journal ({@code JournalWrite.EnqueueOutbox} carrying a
 * {@link ClientEvent} payload). A lost wake-up only delays delivery until the next poll; it never loses a row.
 */
public interface OutboxSignal {

    /** A signal that wakes nobody (the rows wait for the next poll). */
    OutboxSignal NONE = systemId -> {
    };

    /** Rows for {@code systemId} were committed to the outbox: read them. Non-blocking; any thread. */
    void outboxChanged(String systemId);

    /**
     * This row was committed to the outbox: the deliverer may send it as it is, without reading it back from the
     * store (the outbox stays the record; the row leaves it on the client's answer). Non-blocking; any thread.
     */
    default void outboxCommitted(OutboxEntry entry) {
        outboxChanged(entry.systemId());
    }
}
