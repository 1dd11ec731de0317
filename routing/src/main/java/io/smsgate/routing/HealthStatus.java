package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * A carrier's (or carrier and country's) health as last computed: bind, breaker and the window's rates.
 *
 * @param openUntilMillis when an {@code OPEN} breaker half-opens
 * @param submits submits in the window
 * @param submitErrorRate share of submits answered with an error status (throttling excluded)
 * @param timeoutRate share of submits that got no response in time
 * @param throttleRate share of submits answered ESME_RTHROTTLED
 * @param deliveredRatio DELIVRD share of final receipts, once the window has enough receipts
 * @param submitLatencyMicros mean submit-to-response latency
 * @param receiptLatencyMillis mean submit-to-receipt latency
 */
public record HealthStatus(boolean bindUp, CircuitState circuit, long openUntilMillis, long submits,
                           double submitErrorRate, double timeoutRate, double throttleRate,
                           OptionalDouble deliveredRatio, OptionalDouble submitLatencyMicros,
                           OptionalDouble receiptLatencyMillis) {
    /** A carrier nothing is known about yet: bound, closed, no data. */
    public static final HealthStatus UNKNOWN = new HealthStatus(true, CircuitState.CLOSED, 0, 0, 0, 0, 0,
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());

    public HealthStatus {
        requireNonNull(circuit, "circuit");
        requireNonNull(deliveredRatio, "deliveredRatio");
        requireNonNull(submitLatencyMicros, "submitLatencyMicros");
        requireNonNull(receiptLatencyMillis, "receiptLatencyMillis");
    }

    /** The breaker state at {@code nowMillis}: an open breaker whose period is over reads as half-open. */
    public CircuitState circuitAt(long nowMillis) {
        return circuit == CircuitState.OPEN && nowMillis >= openUntilMillis ? CircuitState.HALF_OPEN : circuit;
    }

    /** Probability that a message sent now fails: submit failure, or an undelivered receipt. */
    double failureProbability() {
        double submitted = Math.max(0, 1 - submitErrorRate - timeoutRate);
        return 1 - submitted * deliveredRatio.orElse(1);
    }
}
