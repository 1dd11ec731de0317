package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.time.Instant;
import java.util.Optional;

/** A receipt or MO waiting in the outbox for its client. */
public record OutboxEntry(MessageId outboxId, String systemId, OutboxKind kind, Optional<MessageId> messageId,
                         OctetString payload, int attempts, Instant nextAttemptAt, Instant expiresAt) {

    public OutboxEntry {
        requireNonNull(outboxId, "outboxId");
        requireNonNull(systemId, "systemId");
        requireNonNull(kind, "kind");
        requireNonNull(messageId, "messageId");
        requireNonNull(payload, "payload");
        requireNonNull(nextAttemptAt, "nextAttemptAt");
        requireNonNull(expiresAt, "expiresAt");
    }
}
