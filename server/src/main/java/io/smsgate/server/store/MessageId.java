package io.smsgate.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Our id of an accepted message: 64 bits, {@code 0 | 41 bits of milliseconds since 2025-01-01Z | 10 bits of
 * node id | 12 bits of sequence}, written as 16 lowercase hex digits. It is the message_id of submit_sm_resp
 * (SMPP 3.4 §5.2.23: at most 64 characters), sorts by time as a number and as text, and names the day
 * partition its message row lives in.
 */
public record MessageId(long value) implements Comparable<MessageId> {

    /** 2025-01-01T00:00:00Z: 41 bits of milliseconds from here last until 2094. */
    static final long EPOCH_MILLIS = 1_735_689_600_000L;
    static final int SEQUENCE_BITS = 12;
    static final int NODE_BITS = 10;
    static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    public static final int MAX_NODE_ID = (1 << NODE_BITS) - 1;
    private static final int TEXT_LENGTH = 16;

    public MessageId {
        if (value < 0) {
            throw new IllegalArgumentException("message id: " + value + " (expected: >= 0)");
        }
    }

    /** Parses the 16 hex digits a client got back in submit_sm_resp; empty when they cannot be our id. */
    public static Optional<MessageId> parse(String text) {
        if (text.length() != TEXT_LENGTH) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < TEXT_LENGTH; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return Optional.empty();
            }
            value = (value << 4) | digit;
        }
        return value < 0 ? Optional.empty() : Optional.of(new MessageId(value));
    }

    static MessageId of(long millisSinceEpoch, int nodeId, long sequence) {
        return new MessageId((millisSinceEpoch << (NODE_BITS + SEQUENCE_BITS))
                | ((long) nodeId << SEQUENCE_BITS) | sequence);
    }

    /** When the message was accepted (the id's time; also its row's {@code created_at}). */
    public Instant createdAt() {
        return Instant.ofEpochMilli(EPOCH_MILLIS + (value >>> (NODE_BITS + SEQUENCE_BITS)));
    }

    /** The node that issued this id. */
    public int nodeId() {
        return (int) ((value >>> SEQUENCE_BITS) & MAX_NODE_ID);
    }

    @Override
    public int compareTo(MessageId other) {
        return Long.compare(value, other.value);
    }

    /** Fixed-width lowercase hex, e.g. {@code 0a1b2c3d4e5f6071}. */
    @Override
    public String toString() {
        String hex = Long.toHexString(value);
        return "0".repeat(TEXT_LENGTH - hex.length()) + hex;
    }
}
