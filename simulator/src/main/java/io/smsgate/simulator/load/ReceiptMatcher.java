package io.smsgate.simulator.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Matches every accepted message to exactly one final receipt, in either order (a carrier may send the
 * receipt before the submit_sm_resp, reliability.md B12), and keeps what it needs to report the lost
 * (no final receipt), the doubled (more than one) and receipts for ids it never accepted.
 */
final class ReceiptMatcher {
    private static final long NONE = Long.MIN_VALUE;

    /** One message id's story; guarded by its own monitor, which only the two events of one id contend for. */
    private static final class Tracked {
        long intendedNanos = NONE;
        long firstFinalNanos = NONE;
        int finals;
    }

    /** What the caller records when a message and its first final receipt have both been seen. */
    interface Completion {
        void completed(long intendedNanos, long finalNanos);
    }

    private final ConcurrentHashMap<String, Tracked> messages = new ConcurrentHashMap<>(1 << 16);
    private final Completion completion;
    private final LongAdder duplicateIds = new LongAdder();
    private final LongAdder intermediate = new LongAdder();
    /** Accepted ids without a final receipt yet: +1 when an id is first accepted, -1 at its first final receipt. */
    private final LongAdder awaitingFinal = new LongAdder();
    private final java.util.Set<String> ignored = ConcurrentHashMap.newKeySet();

    ReceiptMatcher(Completion completion) {
        this.completion = completion;
    }

    /** A submit_sm_resp with ESME_ROK for a message that asked for a receipt. */
    void accepted(String messageId, long intendedNanos) {
        Tracked fresh = new Tracked();
        fresh.intendedNanos = intendedNanos;
        Tracked existing = messages.putIfAbsent(messageId, fresh);
        if (existing == null) {
            awaitingFinal.increment();
            return;
        }
        long finalNanos;
        synchronized (existing) {
            if (existing.intendedNanos != NONE) {
                duplicateIds.increment();
                return;
            }
            existing.intendedNanos = intendedNanos;
            finalNanos = existing.firstFinalNanos;
        }
        if (finalNanos != NONE) {
            completion.completed(intendedNanos, finalNanos);
        }
    }

    /** Receipts for this id are expected but not counted (a warm-up message). */
    void ignore(String messageId) {
        ignored.add(messageId);
    }

    /** A delivery receipt; {@code terminal} is false for intermediate states such as ENROUTE. */
    void receipt(String messageId, boolean terminal, long nowNanos) {
        if (!ignored.isEmpty() && ignored.contains(messageId)) {
            return;
        }
        if (!terminal) {
            intermediate.increment();
            return;
        }
        Tracked tracked = messages.get(messageId);
        if (tracked == null) {
            Tracked early = new Tracked();
            early.firstFinalNanos = nowNanos;
            early.finals = 1;
            tracked = messages.putIfAbsent(messageId, early);
            if (tracked == null) {
                return;
            }
        }
        long intendedNanos;
        synchronized (tracked) {
            tracked.finals++;
            if (tracked.finals != 1) {
                return;
            }
            tracked.firstFinalNanos = nowNanos;
            intendedNanos = tracked.intendedNanos;
        }
        if (intendedNanos != NONE) {
            awaitingFinal.decrement();
            completion.completed(intendedNanos, nowNanos);
        }
    }

    /**
     * Accepted message ids still without a final receipt. Exact once traffic stops: an id the server issued
     * twice, or a receipt that came before its submit_sm_resp, is counted once.
     */
    long awaitingFinal() {
        return awaitingFinal.sum();
    }

    long intermediateReceipts() {
        return intermediate.sum();
    }

    /** Walks every id once; call when the run is over. */
    Outcome outcome() {
        long accepted = 0;
        long matched = 0;
        long lost = 0;
        long doubled = 0;
        long extraReceipts = 0;
        long unmatched = 0;
        for (Tracked tracked : messages.values()) {
            synchronized (tracked) {
                if (tracked.intendedNanos == NONE) {
                    unmatched += tracked.finals;
                    continue;
                }
                accepted++;
                if (tracked.finals == 0) {
                    lost++;
                } else {
                    matched++;
                    if (tracked.finals > 1) {
                        doubled++;
                        extraReceipts += tracked.finals - 1;
                    }
                }
            }
        }
        return new Outcome(accepted, matched, lost, doubled, extraReceipts, unmatched, duplicateIds.sum());
    }

    /**
     * @param awaited accepted messages that asked for a receipt
     * @param matched those with at least one final receipt
     * @param lost those with none
     * @param doubled those with more than one
     * @param extraReceipts final receipts beyond the first
     * @param unmatched final receipts for ids never accepted
     * @param duplicateIds submit_sm_resp message ids the server issued twice
     */
    record Outcome(long awaited, long matched, long lost, long doubled, long extraReceipts, long unmatched,
            long duplicateIds) {
    }
}
