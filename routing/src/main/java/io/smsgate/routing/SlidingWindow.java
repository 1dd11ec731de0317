package io.smsgate.routing;

import java.util.Arrays;

/**
 * Counters summed over the last {@code buckets} time buckets; time is passed in (epoch or monotonic millis,
 * as long as the caller is consistent). Not thread-safe: {@link CarrierHealth} guards it.
 */
final class SlidingWindow {
    static final int SUBMITS = 0;
    static final int SUBMIT_ERRORS = 1;
    static final int TIMEOUTS = 2;
    static final int THROTTLES = 3;
    static final int SUBMIT_LATENCY_MICROS = 4;
    static final int RECEIPTS = 5;
    static final int DELIVERED = 6;
    static final int RECEIPT_LATENCY_MILLIS = 7;
    static final int COUNTERS = 8;

    private final long bucketMillis;
    private final long[] epochs;
    private final long[] counts;

    SlidingWindow(int buckets, long bucketMillis) {
        this.bucketMillis = bucketMillis;
        this.epochs = new long[buckets];
        this.counts = new long[buckets * COUNTERS];
        Arrays.fill(epochs, Long.MIN_VALUE);
    }

    void add(int counter, long amount, long nowMillis) {
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        int bucket = (int) Math.floorMod(epoch, (long) epochs.length);
        if (epochs[bucket] != epoch) {
            if (epochs[bucket] > epoch) {
                return; // older than the window: the clock went backwards far enough to be ignored
            }
            epochs[bucket] = epoch;
            Arrays.fill(counts, bucket * COUNTERS, (bucket + 1) * COUNTERS, 0);
        }
        counts[bucket * COUNTERS + counter] += amount;
    }

    /** Sum of one counter over the buckets still inside the window at {@code nowMillis}. */
    long sum(int counter, long nowMillis) {
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = epoch - epochs.length + 1;
        long sum = 0;
        for (int b = 0; b < epochs.length; b++) {
            if (epochs[b] >= oldest && epochs[b] <= epoch) {
                sum += counts[b * COUNTERS + counter];
            }
        }
        return sum;
    }

    /**
     * Every counter's {@link #sum} at {@code nowMillis} in one pass over the buckets, into {@code sums} (indexed by
     * the counter constants): a health publication reads most of them after every answer and receipt.
     */
    void sums(long nowMillis, long[] sums) {
        Arrays.fill(sums, 0, COUNTERS, 0);
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = epoch - epochs.length + 1;
        for (int b = 0; b < epochs.length; b++) {
            if (epochs[b] >= oldest && epochs[b] <= epoch) {
                int base = b * COUNTERS;
                for (int c = 0; c < COUNTERS; c++) {
                    sums[c] += counts[base + c];
                }
            }
        }
    }

    void clear() {
        Arrays.fill(epochs, Long.MIN_VALUE);
        Arrays.fill(counts, 0);
    }
}
