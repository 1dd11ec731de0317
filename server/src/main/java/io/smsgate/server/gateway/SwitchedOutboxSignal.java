package io.smsgate.server.gateway;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.pipeline.OutboxSignal;
import io.smsgate.server.store.OutboxEntry;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The carrier side's {@link OutboxSignal}: the carriers start (and may commit receipts) before the upstream
 * server's client notifier exists, so they signal through this switch, which forwards to the notifier once the
 * upstream server is up. A signal before then wakes nobody; the notifier reads the outbox when a receiver binds and
 * on every poll, so no row waits for a lost signal.
 */
final class SwitchedOutboxSignal implements OutboxSignal {

    private final AtomicReference<OutboxSignal> target = new AtomicReference<>(OutboxSignal.NONE);

    void switchTo(OutboxSignal signal) {
        target.set(requireNonNull(signal, "signal"));
    }

    @Override
    public void outboxChanged(String systemId) {
        target.get().outboxChanged(systemId);
    }

    @Override
    public void outboxCommitted(OutboxEntry entry) {
        target.get().outboxCommitted(entry);
    }
}
