package io.smsgate.routing;

import java.util.OptionalDouble;

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
    private SlidingWindow window;
    private SlidingWindow breakerWindow;
    private boolean bindUp = true;
    private CircuitState circuit = CircuitState.CLOSED;
    private long openUntilMillis;
    private int consecutiveFailures;
    private int probeSuccesses;
    private volatile HealthStatus status = HealthStatus.UNKNOWN;
    /** On a carrier's own health: whether any of its carrier-and-country healths ever got a report. */
    private volatile boolean countryReports;

    CarrierHealth(HealthConfig config, Transitions transitions) {
        this.config = config;
        this.transitions = transitions;
    }

    HealthStatus status() {
        return status;
    }

    boolean countryReports() {
        return countryReports;
    }

    void countryReported() {
        if (!countryReports) {
            countryReports = true;
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
        publish(nowMillis);
    }

    private SlidingWindow window() {
        if (window == null) { // most carrier-and-country pairs never see traffic: allocate on first use
            window = new SlidingWindow(config.buckets(), config.bucketMillis());
            breakerWindow = new SlidingWindow(config.buckets(), config.bucketMillis());
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
            status = new HealthStatus(bindUp, circuit, openUntilMillis, 0, 0, 0, 0, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty());
            return;
        }
        long submits = window.sum(SlidingWindow.SUBMITS, nowMillis);
        long receipts = window.sum(SlidingWindow.RECEIPTS, nowMillis);
        double perSubmit = submits == 0 ? 0 : 1.0 / submits;
        status = new HealthStatus(bindUp, circuit, openUntilMillis, submits,
                window.sum(SlidingWindow.SUBMIT_ERRORS, nowMillis) * perSubmit,
                window.sum(SlidingWindow.TIMEOUTS, nowMillis) * perSubmit,
                window.sum(SlidingWindow.THROTTLES, nowMillis) * perSubmit,
                receipts >= config.minReceipts()
                        ? OptionalDouble.of((double) window.sum(SlidingWindow.DELIVERED, nowMillis) / receipts)
                        : OptionalDouble.empty(),
                submits == 0 ? OptionalDouble.empty()
                        : OptionalDouble.of((double) window.sum(SlidingWindow.SUBMIT_LATENCY_MICROS, nowMillis) / submits),
                receipts == 0 ? OptionalDouble.empty()
                        : OptionalDouble.of((double) window.sum(SlidingWindow.RECEIPT_LATENCY_MILLIS, nowMillis) / receipts));
    }
}
