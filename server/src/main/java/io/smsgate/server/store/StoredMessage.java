package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A message as the store has it: what was accepted, and where it is now. */
public record StoredMessage(NewMessage message, MessageStatus status, Optional<String> carrierId,
                            Optional<String> carrierMessageId, int attempts, Instant updatedAt) {

    public StoredMessage {
        requireNonNull(message, "message");
        requireNonNull(status, "status");
        requireNonNull(carrierId, "carrierId");
        requireNonNull(carrierMessageId, "carrierMessageId");
        requireNonNull(updatedAt, "updatedAt");
    }

    public MessageId id() {
        return message.id();
    }
}
