package io.smsgate.simulator;

import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.simulator.behaviour.ReceiptStatus;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The messages a simulated carrier issued ids for, so that query_sm, cancel_sm and replace_sm (SMPP 3.4 §4.8,
 * §4.9, §4.10) and its receipts find their state. A ring of {@link MessageStoreConfig#maxMessages()} slots indexed
 * by the carrier's own sequential message id, three longs per slot in large {@code long[]} chunks: it holds no
 * object per message, so a young GC has nothing of it to copy or scan (the map of objects it replaces was most of
 * what the demo's young pauses copied). A message is found while its slot still holds it (fewer than maxMessages
 * ids were issued after it) and it is no older than the retention. Safe from any thread: each slot is guarded by
 * one of a few striped monitors, which only the accepts and receipts of neighbouring ids contend for.
 */
final class MessageStore {
    /** What query_sm reports of a message. */
    record Entry(MessageState state, long submitMillis, long doneMillis) {
    }

    // Slot layout: [id, submit time, done time << 8 | message_state]; an empty slot's id is EMPTY (ids are >= 0).
    private static final int WORDS = 3;
    private static final int SUBMIT = 1;
    private static final int DONE_AND_STATE = 2;
    private static final long EMPTY = -1;
    private static final int STATE_BITS = 8;
    private static final long STATE_MASK = (1L << STATE_BITS) - 1;
    // 2^17 slots: 3 MiB per chunk, a humongous object for G1 (regions up to 4 MiB), so it is allocated in the old
    // generation directly and never copied.
    private static final int CHUNK_SLOTS = 1 << 17;
    private static final int STRIPES = 64;

    private final int mask;
    private final int chunkShift;
    private final int chunkSlots;
    private final long retentionMillis;
    private final AtomicReferenceArray<long[]> chunks;
    private final Object[] locks = new Object[STRIPES];

    MessageStore(MessageStoreConfig config) {
        this.mask = config.maxMessages() - 1;
        this.chunkSlots = Math.min(CHUNK_SLOTS, config.maxMessages());
        this.chunkShift = Integer.numberOfTrailingZeros(chunkSlots);
        this.retentionMillis = config.retention().toMillis();
        this.chunks = new AtomicReferenceArray<>(config.maxMessages() / chunkSlots);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Remembers message {@code id} as ENROUTE, submitted at {@code submitMillis}, in place of the oldest one. */
    void put(long id, long submitMillis) {
        if (id < 0) {
            throw new IllegalArgumentException("id: " + id + " (expected: >= 0)");
        }
        int slot = (int) (id & mask);
        long[] chunk = chunk(slot);
        int at = offset(slot);
        synchronized (locks[slot & (STRIPES - 1)]) {
            // An accept that stalled between taking its id and storing it must not push out a newer message.
            if (chunk[at] > id) {
                return;
            }
            chunk[at] = id;
            chunk[at + SUBMIT] = submitMillis;
            chunk[at + DONE_AND_STATE] = MessageState.ENROUTE.code();
        }
    }

    /** The message's state, when it is still remembered at {@code nowMillis}. */
    Optional<Entry> find(long id, long nowMillis) {
        int slot = (int) (id & mask);
        long[] words = id < 0 ? null : chunks.get(slot >>> chunkShift);
        if (words == null) {
            return Optional.empty();
        }
        int at = offset(slot);
        synchronized (locks[slot & (STRIPES - 1)]) {
            if (!live(words, at, id, nowMillis)) {
                return Optional.empty();
            }
            long doneAndState = words[at + DONE_AND_STATE];
            return Optional.of(new Entry(MessageState.of((int) (doneAndState & STATE_MASK)), words[at + SUBMIT],
                    doneAndState >> STATE_BITS));
        }
    }

    /**
     * cancel_sm: a remembered message not in a final state becomes DELETED at {@code nowMillis}.
     *
     * @return whether it was cancelled; false when it is unknown, forgotten or final
     */
    boolean cancel(long id, long nowMillis) {
        int slot = (int) (id & mask);
        long[] words = id < 0 ? null : chunks.get(slot >>> chunkShift);
        if (words == null) {
            return false;
        }
        int at = offset(slot);
        synchronized (locks[slot & (STRIPES - 1)]) {
            if (!live(words, at, id, nowMillis) || MessageState.of(stateCode(words, at)).isFinal()) {
                return false;
            }
            words[at + DONE_AND_STATE] = doneAndState(nowMillis, MessageState.DELETED.code());
            return true;
        }
    }

    /** replace_sm: whether the message is remembered and not in a final state yet. */
    boolean replaceable(long id, long nowMillis) {
        return find(id, nowMillis).filter(entry -> !entry.state().isFinal()).isPresent();
    }

    /**
     * A receipt with {@code status} is about to be sent at {@code nowMillis}: a final status becomes the message's
     * state. A message cancel_sm deleted gets no receipt but its DELETED one.
     *
     * @return whether to send the receipt: false only for a cancelled message; a forgotten or never issued id
     *         (an orphan receipt) is sent without changing anything
     */
    boolean receipt(long id, ReceiptStatus status, long nowMillis) {
        int slot = (int) (id & mask);
        long[] words = id < 0 ? null : chunks.get(slot >>> chunkShift);
        if (words == null) {
            return true;
        }
        int at = offset(slot);
        synchronized (locks[slot & (STRIPES - 1)]) {
            if (!live(words, at, id, nowMillis)) {
                return true;
            }
            if (stateCode(words, at) == MessageState.DELETED.code() && status != ReceiptStatus.DELETED) {
                return false;
            }
            if (status.terminal()) {
                words[at + DONE_AND_STATE] = doneAndState(nowMillis, status.messageState());
            }
            return true;
        }
    }

    private long[] chunk(int slot) {
        int index = slot >>> chunkShift;
        long[] chunk = chunks.get(index);
        if (chunk != null) {
            return chunk;
        }
        long[] fresh = new long[chunkSlots * WORDS];
        for (int at = 0; at < fresh.length; at += WORDS) {
            fresh[at] = EMPTY;
        }
        // Another thread may have allocated it meanwhile: the first one published wins, the same for everyone.
        return chunks.compareAndSet(index, null, fresh) ? fresh : chunks.get(index);
    }

    private int offset(int slot) {
        return (slot & (chunkSlots - 1)) * WORDS;
    }

    private boolean live(long[] words, int at, long id, long nowMillis) {
        return words[at] == id && nowMillis - words[at + SUBMIT] <= retentionMillis;
    }

    private static int stateCode(long[] words, int at) {
        return (int) (words[at + DONE_AND_STATE] & STATE_MASK);
    }

    private static long doneAndState(long doneMillis, int stateCode) {
        return doneMillis << STATE_BITS | stateCode;
    }
}
