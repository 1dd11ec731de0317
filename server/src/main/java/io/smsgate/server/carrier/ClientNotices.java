package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.pipeline.OutboxSignal;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.OutboxEntry;
import io.smsgate.server.store.ReceiptSubject;
import io.smsgate.server.store.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Writes what a client is owed to its outbox through the Journal, as {@link ClientEvent} payloads: the receipt of a
 * message that reached a final state (when its registered_delivery asked for one, SMPP 3.4 §5.2.17), and MOs for its
 * numbers; after each commit it wakes the client notifier ({@link OutboxSignal}).
 */
final class ClientNotices {

    /** registered_delivery bits 0–1: 1 = receipt on success or failure, 2 = on failure only. */
    private static final int RECEIPT_MASK = 0x03;

    private final Journal journal;
    private final MessageIdGenerator outboxIds;
    private final Clock clock;
    private final Duration expiry;
    private final OutboxSignal signal;

    ClientNotices(Journal journal, MessageIdGenerator outboxIds, Clock clock, Duration expiry,
                  OutboxSignal signal) {
        this.journal = requireNonNull(journal, "journal");
        this.outboxIds = requireNonNull(outboxIds, "outboxIds");
        this.clock = requireNonNull(clock, "clock");
        this.expiry = requireNonNull(expiry, "expiry");
        this.signal = requireNonNull(signal, "signal");
    }

    CompletableFuture<Boolean> receipt(StoredMessage stored, MessageStatus status, String stat,
                                       Optional<String> error) {
        NewMessage message = stored.message();
        ReceiptSubject subject = new ReceiptSubject(stored.id(), message.systemId(), message.source(),
                message.destination(), message.registeredDelivery(), message.parts().size());
        Optional<JournalWrite.EnqueueOutbox> row = receiptRow(subject, status, stat, error);
        if (row.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return journal.submit(row.get()).thenApply(id -> {
            signal.outboxCommitted(row.get().entry());
            return true;
        });
    }

    /**
     * The outbox row of the client's receipt for {@code subject}, now {@code status}; empty when its
     * registered_delivery asked for none. Non-blocking: the Journal calls it inside the receipt's transaction.
     */
    Optional<JournalWrite.EnqueueOutbox> receiptRow(ReceiptSubject subject, MessageStatus status, String stat,
                                                   Optional<String> error) {
        int wanted = subject.registeredDelivery() & RECEIPT_MASK;
        boolean send = wanted == 1 || wanted == 2 && status != MessageStatus.DELIVERED;
        if (!send) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        int parts = subject.partCount();
        // The client's receipt names OUR message id (the one its submit_sm_resp carried), never the carrier's.
        ClientEvent.Receipt receipt = new ClientEvent.Receipt(subject.messageId(),
                ReceiptState.fromStatWord(stat).orElse(ReceiptState.UNKNOWN), subject.source(),
                subject.destination(), parts, status == MessageStatus.DELIVERED ? parts : 0,
                subject.messageId().createdAt(), now, error, Optional.empty(), Optional.empty());
        return Optional.of(receipt.toOutbox(outboxIds.next(), subject.systemId(), now, expiry));
    }

    /** This client receipt was committed with its carrier receipt: hand it to its deliverer. */
    void queued(OutboxEntry receipt) {
        signal.outboxCommitted(receipt);
    }

    CompletableFuture<MessageId> mo(String systemId, ClientEvent.Mo mo) {
        return enqueue(systemId, mo, clock.instant());
    }

    private CompletableFuture<MessageId> enqueue(String systemId, ClientEvent event, Instant now) {
        JournalWrite.EnqueueOutbox row = event.toOutbox(outboxIds.next(), systemId, now, expiry);
        return journal.submit(row).thenApply(id -> {
            signal.outboxCommitted(row.entry());
            return id;
        });
    }
}
