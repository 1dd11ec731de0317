package io.smsgate.simulator.load;

import io.smsgate.simulator.config.StatusNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a load run measured: submit → submit_sm_resp and submit → final receipt latencies (HdrHistogram
 * recorders, from the intended send time), per-interval throughput and percentiles, every command_status,
 * and the receipt matching that finds the lost and the doubled. Recording is safe from any thread; {@link #tick}
 * and {@link #finish} belong to one reporting thread. Time is passed in.
 */
public final class LoadStatistics {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Instant startedAt;
    private long startNanos;
    private final Recorder submitResponse = new Recorder(SIGNIFICANT_DIGITS);
    private final Recorder receipt = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram submitResponseTotal = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram receiptTotal = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram submitResponseInterval;
    private Histogram receiptInterval;

    private final LongAdder submitted = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final LongAdder finalReceipts = new LongAdder();
    private final LongAdder intervalSubmitted = new LongAdder();
    private final LongAdder intervalAccepted = new LongAdder();
    private final LongAdder intervalRejected = new LongAdder();
    private final LongAdder intervalReceipts = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final ReceiptMatcher matcher;

    private final List<SeriesPoint> series = new ArrayList<>();
    private long lastTickNanos;

    public LoadStatistics(Instant startedAt, long startNanos) {
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.lastTickNanos = startNanos;
        this.matcher = new ReceiptMatcher(this::receiptCompleted);
    }

    /**
     * Moves the start of measurement (the series' zero and the rate's denominator) to {@code nanos}, e.g. past
     * a warm-up; call before anything is recorded.
     */
    public void measureFrom(long nanos) {
        startNanos = nanos;
        lastTickNanos = nanos;
    }

    /** A submit written to the wire. */
    public void submitted() {
        submitted.increment();
        intervalSubmitted.increment();
    }

    /**
     * The submit_sm_resp (or generic_nack) of a submit intended for {@code intendedNanos}.
     * ESME_ROK counts as accepted; any other status as rejected.
     */
    public void responded(int commandStatus, long intendedNanos, long nowNanos) {
        submitResponse.recordValue(micros(nowNanos - intendedNanos));
        LongAdder counter = statuses.get(commandStatus);
        if (counter == null) {
            counter = statuses.computeIfAbsent(commandStatus, code -> new LongAdder());
        }
        counter.increment();
        if (commandStatus == 0) {
            accepted.increment();
            intervalAccepted.increment();
        } else {
            rejected.increment();
            intervalRejected.increment();
        }
    }

    /** An accepted message that asked for a receipt: from now on it must get exactly one final receipt. */
    public void awaitReceipt(String messageId, long intendedNanos) {
        matcher.accepted(messageId, intendedNanos);
    }

    /** A warm-up message's id: its receipts are answered but not counted. */
    public void ignoreReceipts(String messageId) {
        matcher.ignore(messageId);
    }

    /**
     * Accepted message ids still waiting for their first final receipt: a run can stop waiting at 0. Counted
     * per id by the matcher, so an id issued twice or a receipt ahead of its response cannot hold it above 0.
     */
    public long outstandingReceipts() {
        return matcher.awaitingFinal();
    }

    /** A delivery receipt for {@code messageId}; {@code terminal} is false for ENROUTE and other intermediate states. */
    public void receipt(String messageId, boolean terminal, long nowNanos) {
        matcher.receipt(messageId, terminal, nowNanos);
    }

    /** A submit that got no response (response timeout, connection lost): its outcome is unknown. */
    public void unanswered() {
        unanswered.increment();
    }

    private void receiptCompleted(long intendedNanos, long finalNanos) {
        receipt.recordValue(micros(finalNanos - intendedNanos));
        finalReceipts.increment();
        intervalReceipts.increment();
    }

    /** Closes the current interval and returns its point. */
    public SeriesPoint tick(long nowNanos) {
        submitResponseInterval = submitResponse.getIntervalHistogram(submitResponseInterval);
        receiptInterval = receipt.getIntervalHistogram(receiptInterval);
        submitResponseTotal.add(submitResponseInterval);
        receiptTotal.add(receiptInterval);
        double interval = Math.max(1, nowNanos - lastTickNanos) / 1e9;
        lastTickNanos = nowNanos;
        SeriesPoint point = new SeriesPoint((nowNanos - startNanos) / 1e9, interval,
                intervalSubmitted.sumThenReset(), intervalAccepted.sumThenReset(), intervalRejected.sumThenReset(),
                intervalReceipts.sumThenReset(),
                LatencySummary.ofMicros(submitResponseInterval), LatencySummary.ofMicros(receiptInterval));
        series.add(point);
        return point;
    }

    /** Closes the last interval and summarises the run. */
    public LoadResult finish(long nowNanos, String description) {
        if (nowNanos > lastTickNanos || series.isEmpty()) {
            tick(Math.max(nowNanos, lastTickNanos + 1));
        }
        ReceiptMatcher.Outcome outcome = matcher.outcome();
        Map<String, Long> statusCounts = new TreeMap<>();
        statuses.forEach((code, count) -> statusCounts.put(StatusNames.describe(code), count.sum()));
        double seconds = Math.max(1, nowNanos - startNanos) / 1e9;
        return new LoadResult(description, startedAt.toString(), seconds, submitted.sum(), accepted.sum(), rejected.sum(),
                unanswered.sum(), statusCounts, accepted.sum() / seconds,
                new LoadResult.Receipts(outcome.awaited(), outcome.matched(), outcome.lost(), outcome.doubled(),
                        outcome.extraReceipts(), outcome.unmatched(), matcher.intermediateReceipts(),
                        outcome.duplicateIds()),
                LatencySummary.ofMicros(submitResponseTotal), LatencySummary.ofMicros(receiptTotal), series);
    }

    private static long micros(long nanos) {
        // A response cannot precede its intended send time; clock granularity can make it look so.
        return nanos <= 0 ? 0 : nanos / 1000;
    }
}
