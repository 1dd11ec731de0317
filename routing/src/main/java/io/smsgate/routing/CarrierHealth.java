package io.smsgate.routing;

import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live health of one carrier, or of one carrier towards one destination country: sliding-window rates and a
 * circuit breaker. Updates are serialised on this object; readers take the last published {@link HealthStatus}
 * with one volatile read and no lock.
 */
final class CarrierHealth {
    /** Observes breaker transitions; called under this object's lock, so it must be quick. */
    interface Transitions {
        void changed(CircuitState from, CircuitState to, long nowMillis);
    }

    private final HealthConfig config;
    private final Transitions transitions;
    /** Counts changes of what the router reads, on the whole board: cached plans are valid for one count. */
    private final AtomicLong epoch;
    private SlidingWindow window;
    private SlidingWindow breakerWindow;
    /** Scratch for {@link SlidingWindow#sums}, used under this object's lock; made with the window. */
    private long[] sums;
    private boolean bindUp = true;
    private CircuitState circuit = CircuitState.CLOSED;
    private long openUntilMillis;
    private int consecutiveFailures;
    private int probeSuccesses;
    private volatile HealthStatus status = HealthStatus.UNKNOWN;
    /** Set while {@link #advance} publishes: the router's rates then take their exact values. */
    private boolean exact;

    /**
     * How far a rate the router reads may drift from the window before an event republishes it: under traffic
     * every answer moves the rates a little, and each republication ends the reuse of every cached plan. The
     * per-bucket {@link #advance} publishes exact values; 0.2 % of failures weighs at most 0.2 % of the
     * failed-delivery cost in a ranking.
     */
    static final int RATE_STEP_PPM = 2_000;

    /** {@link #gate()} when bound and closed. */
    static final long USABLE = Long.MIN_VALUE;
    /** {@link #gate()} when the bind is down. */
    static final long BIND_DOWN = Long.MAX_VALUE;

    // The router's view of the status as primitives on this object, so that judging a carrier follows no further
    // reference; published with the status. A reader may see two consecutive publications mixed: health is an
    // estimate, and every field is valid on its own.
    private volatile long gate = USABLE;
    private volatile int failurePpm;
    private volatile int deliveredPpm = -1;
    private volatile boolean hasSubmits;
    /** On a carrier's own health: whether any of its carrier-and-country healths ever got a report. */
    private volatile boolean countryReports;

    CarrierHealth(HealthConfig config, Transitions transitions) {
        this(config, new AtomicLong(), transitions);
    }

    CarrierHealth(HealthConfig config, AtomicLong epoch, Transitions transitions) {
        this.config = config;
        this.epoch = epoch;
        this.transitions = transitions;
    }

    HealthStatus status() {
        return status;
    }

    /**
     * {@link #USABLE}, {@link #BIND_DOWN}, or the breaker's open-until time in epoch millis: open before it,
     * half-open from it on.
     */
    long gate() {
        return gate;
    }

    /** Probability that a message sent now fails, in millionths. */
    int failurePpm() {
        return failurePpm;
    }

    /** DELIVRD share of receipts in millionths, or -1 until the window has enough receipts. */
    int deliveredPpm() {
        return deliveredPpm;
    }

    boolean hasSubmits() {
        return hasSubmits;
    }

    boolean countryReports() {
        return countryReports;
    }

    void countryReported() {
        if (!countryReports) {
            countryReports = true;
            epoch.incrementAndGet();
        }
    }

    synchronized void bind(boolean up, long nowMillis) {
        bindUp = up;
        publish(nowMillis);
    }

    synchronized void submitted(SubmitResult result, long latencyMicros, long nowMillis) {
        SlidingWindow w = window();
        w.add(SlidingWindow.SUBMITS, 1, nowMillis);
        w.add(SlidingWindow.SUBMIT_LATENCY_MICROS, Math.max(0, latencyMicros), nowMillis);
        switch (result) {
            case ACCEPTED -> succeeded(nowMillis);
            case ERROR -> {
                w.add(SlidingWindow.SUBMIT_ERRORS, 1, nowMillis);
                failed(nowMillis);
            }
            case TIMEOUT -> {
                w.add(SlidingWindow.TIMEOUTS, 1, nowMillis);
                failed(nowMillis);
            }
            case THROTTLED -> w.add(SlidingWindow.THROTTLES, 1, nowMillis);
        }
        publish(nowMillis);
    }

    synchronized void receipt(boolean delivered, long latencyMillis, long nowMillis) {
        SlidingWindow w = window();
        w.add(SlidingWindow.RECEIPTS, 1, nowMillis);
        w.add(SlidingWindow.RECEIPT_LATENCY_MILLIS, Math.max(0, latencyMillis), nowMillis);
        if (delivered) {
            w.add(SlidingWindow.DELIVERED, 1, nowMillis);
        }
        publish(nowMillis);
    }

    /** Re-reads the window at {@code nowMillis} so that old buckets age out and open breakers half-open. */
    synchronized void advance(long nowMillis) {
        exact = true;
        try {
            publish(nowMillis);
        } finally {
            exact = false;
        }
    }

    private SlidingWindow window() {
        if (window == null) { // most carrier-and-country pairs never see traffic: allocate on first use
            window = new SlidingWindow(config.buckets(), config.bucketMillis());
            breakerWindow = new SlidingWindow(config.buckets(), config.bucketMillis());
            sums = new long[SlidingWindow.COUNTERS];
        }
        return window;
    }

    private void succeeded(long nowMillis) {
        breakerWindow.add(SlidingWindow.SUBMITS, 1, nowMillis);
        consecutiveFailures = 0;
        if (circuitAt(nowMillis) == CircuitState.HALF_OPEN) {
            moveTo(CircuitState.HALF_OPEN, nowMillis);
            if (++probeSuccesses >= config.probeSuccessesToClose()) {
                breakerWindow.clear();
                moveTo(CircuitState.CLOSED, nowMillis);
            }
        }
    }

    private void failed(long nowMillis) {
        breakerWindow.add(SlidingWindow.SUBMITS, 1, nowMillis);
        breakerWindow.add(SlidingWindow.SUBMIT_ERRORS, 1, nowMillis);
        consecutiveFailures++;
        switch (circuitAt(nowMillis)) {
            case CLOSED -> {
                long submits = breakerWindow.sum(SlidingWindow.SUBMITS, nowMillis);
                long failures = breakerWindow.sum(SlidingWindow.SUBMIT_ERRORS, nowMillis);
                boolean burst = submits >= config.minSubmits() && failures >= config.failureRatio() * submits;
                if (burst || consecutiveFailures >= config.consecutiveFailures()) {
                    open(nowMillis);
                }
            }
            case HALF_OPEN -> open(nowMillis);
            case OPEN -> { } // late answers to messages sent before the breaker opened
        }
    }

    private void open(long nowMillis) {
        openUntilMillis = nowMillis + config.openDuration().toMillis();
        probeSuccesses = 0;
        moveTo(CircuitState.OPEN, nowMillis);
    }

    private CircuitState circuitAt(long nowMillis) {
        return circuit == CircuitState.OPEN && nowMillis >= openUntilMillis ? CircuitState.HALF_OPEN : circuit;
    }

    private void moveTo(CircuitState to, long nowMillis) {
        CircuitState from = circuit;
        circuit = to;
        if (from != to) {
            transitions.changed(from, to, nowMillis);
        }
    }

    private void publish(long nowMillis) {
        CircuitState now = circuitAt(nowMillis);
        if (now != circuit) {
            moveTo(now, nowMillis);
        }
        if (window == null) {
            publish(new HealthStatus(bindUp, circuit, openUntilMillis, 0, 0, 0, 0, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty()));
            return;
        }
        long[] sums = this.sums;
        window.sums(nowMillis, sums);
        long submits = sums[SlidingWindow.SUBMITS];
        long receipts = sums[SlidingWindow.RECEIPTS];
        double perSubmit = submits == 0 ? 0 : 1.0 / submits;
        publish(new HealthStatus(bindUp, circuit, openUntilMillis, submits,
                sums[SlidingWindow.SUBMIT_ERRORS] * perSubmit,
                sums[SlidingWindow.TIMEOUTS] * perSubmit,
                sums[SlidingWindow.THROTTLES] * perSubmit,
                receipts >= config.minReceipts()
                        ? OptionalDouble.of((double) sums[SlidingWindow.DELIVERED] / receipts)
                        : OptionalDouble.empty(),
                submits == 0 ? OptionalDouble.empty()
                        : OptionalDouble.of((double) sums[SlidingWindow.SUBMIT_LATENCY_MICROS] / submits),
                receipts == 0 ? OptionalDouble.empty()
                        : OptionalDouble.of((double) sums[SlidingWindow.RECEIPT_LATENCY_MILLIS] / receipts)));
    }

    private void publish(HealthStatus next) {
        long nextGate = !next.bindUp() ? BIND_DOWN
                : next.circuit() == CircuitState.CLOSED ? USABLE : next.openUntilMillis();
        int nextFailurePpm = rate((int) Math.round(next.failureProbability() * 1_000_000), failurePpm);
        int nextDeliveredPpm = rate(next.deliveredRatio().isPresent()
                ? (int) Math.round(next.deliveredRatio().getAsDouble() * 1_000_000) : -1, deliveredPpm);
        boolean nextHasSubmits = next.submits() > 0;
        boolean changed = nextGate != gate || nextFailurePpm != failurePpm || nextDeliveredPpm != deliveredPpm
                || nextHasSubmits != hasSubmits;
        gate = nextGate;
        failurePpm = nextFailurePpm;
        deliveredPpm = nextDeliveredPpm;
        hasSubmits = nextHasSubmits;
        status = next;
        if (changed) {
            epoch.incrementAndGet(); // after the fields: a plan cached under the old count is never reused
        }
    }

    /** The rate to publish: the measured one when exact, new (from or to unknown) or moved by a step, else the old. */
    private int rate(int measured, int published) {
        if (exact || measured < 0 || published < 0 || Math.abs(measured - published) >= RATE_STEP_PPM) {
            return measured;
        }
        return published;
    }
}
