package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.server.pipeline.ClientReceipt;
import io.smsgate.server.pipeline.MobileOriginated;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.OutboxKind;
import io.smsgate.server.store.StoreReader;
import io.smsgate.server.store.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Writes what a client is owed to its outbox through the Journal: the receipt of a message that reached a final
 * state (when its registered_delivery asked for one, SMPP 3.4 §5.2.17), and MOs for its numbers.
 */
final class ClientNotices {

    /** registered_delivery bits 0–1: 1 = receipt on success or failure, 2 = on failure only. */
    private static final int RECEIPT_MASK = 0x03;

    private final Journal journal;
    private final StoreReader reader;
    private final MessageIdGenerator outboxIds;
    private final Clock clock;
    private final Duration expiry;

    ClientNotices(Journal journal, StoreReader reader, MessageIdGenerator outboxIds, Clock clock, Duration expiry) {
        this.journal = requireNonNull(journal, "journal");
        this.reader = requireNonNull(reader, "reader");
        this.outboxIds = requireNonNull(outboxIds, "outboxIds");
        this.clock = requireNonNull(clock, "clock");
        this.expiry = requireNonNull(expiry, "expiry");
    }

    /** Reads the message and queues its receipt when the client wants one; completes once committed (or skipped). */
    CompletableFuture<Boolean> receipt(MessageId messageId, MessageStatus status, String stat,
                                       Optional<String> error) {
        return reader.findMessage(messageId).thenCompose(found -> found
                .map(message -> receipt(message, status, stat, error))
                .orElseGet(() -> CompletableFuture.completedFuture(false)));
    }

    CompletableFuture<Boolean> receipt(StoredMessage stored, MessageStatus status, String stat,
                                       Optional<String> error) {
        int wanted = stored.message().registeredDelivery() & RECEIPT_MASK;
        boolean send = wanted == 1 || wanted == 2 && status != MessageStatus.DELIVERED;
        if (!send) {
            return CompletableFuture.completedFuture(false);
        }
        Instant now = clock.instant();
        ClientReceipt receipt = new ClientReceipt(stored.id(), status, stat, error, stored.message().createdAt(), now,
                stored.message().source(), stored.message().destination());
        return enqueue(stored.message().systemId(), OutboxKind.RECEIPT, Optional.of(stored.id()), receipt.encode(),
                now).thenApply(id -> true);
    }

    CompletableFuture<MessageId> mo(String systemId, MobileOriginated mo) {
        return enqueue(systemId, OutboxKind.MO, Optional.empty(), mo.encode(), clock.instant());
    }

    private CompletableFuture<MessageId> enqueue(String systemId, OutboxKind kind, Optional<MessageId> messageId,
                                                 OctetString payload, Instant now) {
        return journal.submit(new JournalWrite.EnqueueOutbox(outboxIds.next(), systemId, kind, messageId, payload, now,
                now.plus(expiry), now));
    }
}
