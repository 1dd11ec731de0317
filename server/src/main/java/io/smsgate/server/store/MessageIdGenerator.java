package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues {@link MessageId}s for one node: unique across restarts (time moves on) and nodes (the node id is in
 * every id), strictly increasing even when the wall clock steps back, lock-free.
 *
 * <p>When the clock steps back, or 4,096 ids were issued in one millisecond, ids continue from the last
 * millisecond used rather than from the clock, so they keep increasing; the ids then run ahead of the clock
 * until it catches up.
 */
public final class MessageIdGenerator {

    private final Clock clock;
    private final int nodeId;
    // (milliseconds since MessageId.EPOCH_MILLIS << 12) | sequence of the last id issued.
    private final AtomicLong last = new AtomicLong();

    public MessageIdGenerator(Clock clock, int nodeId) {
        this(clock, nodeId, Optional.empty());
    }

    /**
     * A generator that continues after {@code issuedBefore}, the newest id this node stored before a restart
     * ({@link StoreReader#lastIssuedId}), so a clock that is now behind that id cannot repeat ids.
     */
    public MessageIdGenerator(Clock clock, int nodeId, Optional<MessageId> issuedBefore) {
        this.clock = requireNonNull(clock, "clock");
        requireNonNull(issuedBefore, "issuedBefore");
        if (nodeId < 0 || nodeId > MessageId.MAX_NODE_ID) {
            throw new IllegalArgumentException("node.id: " + nodeId + " (expected: 0.." + MessageId.MAX_NODE_ID + ")");
        }
        this.nodeId = nodeId;
        issuedBefore.ifPresent(id -> {
            if (id.nodeId() != nodeId) {
                throw new IllegalArgumentException("issuedBefore: " + id + " of node " + id.nodeId()
                        + " (expected: node " + nodeId + ")");
            }
            long millis = id.value() >>> (MessageId.NODE_BITS + MessageId.SEQUENCE_BITS);
            last.set((millis << MessageId.SEQUENCE_BITS) | (id.value() & MessageId.MAX_SEQUENCE));
        });
    }

    public int nodeId() {
        return nodeId;
    }

    /** The next id of this node. */
    public MessageId next() {
        long now = clock.millis() - MessageId.EPOCH_MILLIS;
        if (now < 0) {
            throw new IllegalStateException("clock: " + clock.instant() + " (expected: after 2025-01-01T00:00:00Z)");
        }
        while (true) {
            long previous = last.get();
            long previousMillis = previous >>> MessageId.SEQUENCE_BITS;
            long next;
            if (now > previousMillis) {
                next = now << MessageId.SEQUENCE_BITS;
            } else if ((previous & MessageId.MAX_SEQUENCE) < MessageId.MAX_SEQUENCE) {
                next = previous + 1;
            } else {
                next = (previousMillis + 1) << MessageId.SEQUENCE_BITS; // borrow the next millisecond
            }
            if (last.compareAndSet(previous, next)) {
                return MessageId.of(next >>> MessageId.SEQUENCE_BITS, nodeId, next & MessageId.MAX_SEQUENCE);
            }
        }
    }
}
