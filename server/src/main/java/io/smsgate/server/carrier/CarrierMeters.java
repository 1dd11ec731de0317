package io.smsgate.server.carrier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.server.metrics.SmppMeters;
import io.smsgate.server.store.MessageStatus;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The meters of one carrier (STYLE.md Metrics). Carrier latency by status, receipt latency, bound binds, window in
 * use, allowed rate, queue depth and the oldest queued message's age are the {@link SmppMeters.CarrierMeters} every
 * carrier shares (errors are its submits by status); this class adds the connector's own: submits per bind, time waited in the queue,
 * resubmissions after an unknown outcome (the duplicate risk), ack-to-commit time, throttling, bind failures,
 * receipts by correlation outcome and MOs. Tagged by {@code carrier} (and {@code bind}, its index), sets bounded by
 * configuration.
 */
final class CarrierMeters {

    private final MeterRegistry registry;
    private final String carrier;
    private final SmppMeters.CarrierMeters shared;
    private final ConcurrentHashMap<String, Counter> receipts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> bindSubmits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> moDropped = new ConcurrentHashMap<>();
    final Timer queueWait;
    final Timer ackToCommit;
    final Counter resubmissions;
    final Counter throttled;
    final Counter bindFailures;
    final Counter windowReductions;
    final Counter mo;
    // Written on the connector's thread after each part; the scrape reads the last count.
    private final AtomicInteger moPending = new AtomicInteger();

    CarrierMeters(MeterRegistry registry, SmppMeters smpp, String carrier) {
        this.registry = registry;
        this.carrier = carrier;
        this.shared = smpp.carrier(carrier);
        this.queueWait = Timer.builder("smsgate.carrier.queue.wait")
                .description("Time a message waited in its carrier queue before its first submit_sm went out")
                .tag("carrier", carrier).register(registry);
        this.ackToCommit = Timer.builder("smsgate.carrier.ack.commit")
                .description("From the carrier's submit_sm_resp to our commit of it: the duplicate window")
                .tag("carrier", carrier).register(registry);
        this.resubmissions = Counter.builder("smsgate.carrier.resubmissions")
                .description("Parts submitted again after an unknown outcome (timeout, connection lost): duplicate risk")
                .tag("carrier", carrier).register(registry);
        this.throttled = Counter.builder("smsgate.carrier.throttled")
                .description("submit_sm answered ESME_RTHROTTLED or ESME_RMSGQFUL: the bind slowed down")
                .tag("carrier", carrier).register(registry);
        this.bindFailures = Counter.builder("smsgate.carrier.bind.failures")
                .description("Bind attempts that failed (connect, refused, timeout)")
                .tag("carrier", carrier).register(registry);
        this.windowReductions = Counter.builder("smsgate.carrier.window.reductions")
                .description("Bind windows halved because a connection was lost with requests in flight")
                .tag("carrier", carrier).register(registry);
        this.mo = Counter.builder("smsgate.carrier.mo")
                .description("Whole MO messages received from the carrier")
                .tag("carrier", carrier).register(registry);
        Gauge.builder("smsgate.carrier.mo.pending", moPending, AtomicInteger::get)
                .description("Concatenated MOs held incomplete, waiting for their other parts (mo-reassembly)")
                .tag("carrier", carrier).register(registry);
    }

    /** Registers the carrier's gauges once; the suppliers are read on the scraping thread. */
    void gauges(Supplier<Number> windowInUse, Supplier<Number> bindsUp, Supplier<Number> queueDepth,
                Supplier<Number> rate, Supplier<Number> oldestQueuedSeconds) {
        shared.gauges(bindsUp, windowInUse, rate, queueDepth, oldestQueuedSeconds);
    }

    /** A part went out on bind {@code bind}: the per-bind throughput. */
    void sent(int bind) {
        bindSubmits.computeIfAbsent(bind, index -> Counter.builder("smsgate.carrier.bind.submits")
                .description("submit_sm sent on one bind of the carrier")
                .tags("carrier", carrier, "bind", Integer.toString(index)).register(registry)).increment();
    }

    /** The carrier answered a submit_sm: latency and errors by status, the status bounded by {@code StatusTag}. */
    void answered(CommandStatus status, long elapsedNanos) {
        shared.submitted(status, elapsedNanos);
    }

    void timedOut(Duration elapsed) {
        shared.submitTimedOut(elapsed.toNanos());
    }

    /** A message reached its final state {@code state} {@code nanos} after we accepted it. */
    void finalReceipt(MessageStatus state, long nanos) {
        shared.receipt(state, nanos);
    }

    /**
     * A concatenated MO given up ({@code expired}, {@code evicted}, {@code superseded}) or a part refused
     * ({@code too-many-parts}, {@code refused}): a bounded set of reasons.
     */
    void moPending(int held) {
        moPending.set(held);
    }

    void moDropped(String reason) {
        moDropped.computeIfAbsent(reason, r -> Counter.builder("smsgate.carrier.mo.dropped")
                .description("Concatenated MOs given up incomplete, or parts refused, by reason")
                .tags("carrier", carrier, "reason", r).register(registry)).increment();
    }

    void receipt(String outcome) {
        receipts.computeIfAbsent(outcome, o -> Counter.builder("smsgate.carrier.receipts.correlated")
                .description("Receipts from the carrier by correlation outcome")
                .tags("carrier", carrier, "outcome", o).register(registry)).increment();
    }
}
