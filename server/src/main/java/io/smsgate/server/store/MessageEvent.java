package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One line of a message's detail record: a state it entered, when, and why. */
public record MessageEvent(MessageId messageId, Instant at, MessageStatus status, EventDetail detail) {

    public MessageEvent {
        requireNonNull(messageId, "messageId");
        requireNonNull(at, "at");
        requireNonNull(status, "status");
        requireNonNull(detail, "detail");
    }
}
