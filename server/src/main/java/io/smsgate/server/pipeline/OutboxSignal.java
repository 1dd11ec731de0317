package io.smsgate.server.pipeline;

/**
 * Wakes the component that delivers an account's outbox (the upstream {@code ClientNotifier}) after the carrier side
 * committed a receipt or MO for it through the Journal ({@code JournalWrite.EnqueueOutbox} carrying a
 * {@link ClientEvent} payload). A lost wake-up only delays delivery until the next poll; it never loses a row.
 */
@FunctionalInterface
public interface OutboxSignal {

    /** A signal that wakes nobody (the rows wait for the next poll). */
    OutboxSignal NONE = systemId -> {
    };

    /** Rows for {@code systemId} were committed to the outbox. Non-blocking; any thread. */
    void outboxChanged(String systemId);
}
