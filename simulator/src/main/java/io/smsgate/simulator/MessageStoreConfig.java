package io.smsgate.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Bounds of a simulated carrier's message store, which query_sm, cancel_sm and replace_sm (SMPP 3.4 §4.8–§4.10)
 * read: a message stays findable while it is among the last {@code maxMessages} ids the carrier issued and no older
 * than {@code retention}, whichever ends first.
 *
 * @param maxMessages messages remembered per carrier, a power of two from 1,024 to 2^27; 24 bytes each, in arrays
 *                    allocated as the carrier issues ids (yaml {@code store.max-messages})
 * @param retention how long after its submit a message stays findable (yaml {@code store.retention})
 */
public record MessageStoreConfig(int maxMessages, Duration retention) {
    /** 1,048,576 messages (24 MiB per carrier when full; 100 s of a carrier's traffic at 10,000/s) for 10 minutes. */
    public static final MessageStoreConfig DEFAULTS = new MessageStoreConfig(1 << 20, Duration.ofMinutes(10));
    static final int MIN_MESSAGES = 1 << 10;
    static final int MAX_MESSAGES = 1 << 27;

    public MessageStoreConfig {
        if (maxMessages < MIN_MESSAGES || maxMessages > MAX_MESSAGES || Integer.bitCount(maxMessages) != 1) {
            throw new IllegalArgumentException("store.max-messages: " + maxMessages
                    + " (expected: a power of two from 1024 to 134217728)");
        }
        requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("store.retention: " + retention + " (expected: > 0)");
        }
    }
}
