package io.smsgate.simulator.behaviour;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything a simulated carrier does, as one immutable snapshot; {@link CarrierControl} swaps snapshots
 * atomically while the carrier runs.
 *
 * @param windowLimit outstanding requests per bind above which submits get ESME_RMSGQFUL; 0 = unlimited
 * @param congestionState add the SMPP 5.0 congestion_state TLV (0x0428) to responses
 */
public record CarrierBehaviour(
        LatencyModel responseLatency,
        MessageIdFormat messageId,
        Throttle throttle,
        int windowLimit,
        boolean congestionState,
        List<ErrorRule> errors,
        ReceiptBehaviour receipts,
        MoTraffic mo,
        Faults faults) {

    public static final CarrierBehaviour DEFAULTS = new CarrierBehaviour(LatencyModel.ZERO, MessageIdFormat.DEFAULTS,
            Throttle.UNLIMITED, 0, false, List.of(), ReceiptBehaviour.DEFAULTS, MoTraffic.NONE, Faults.NONE);

    public CarrierBehaviour {
        requireNonNull(responseLatency, "responseLatency");
        requireNonNull(messageId, "messageId");
        requireNonNull(throttle, "throttle");
        if (windowLimit < 0) {
            throw new IllegalArgumentException("window.max-outstanding: " + windowLimit + " (expected: >= 0, 0 = unlimited)");
        }
        errors = List.copyOf(errors);
        requireNonNull(receipts, "receipts");
        requireNonNull(mo, "mo");
        requireNonNull(faults, "faults");
    }

    /**
     * The error to inject for a submit to {@code destination}: each matching rule draws once, in file order;
     * the first that fires wins.
     */
    public Optional<ErrorRule> injectedError(String destination, RandomGenerator random) {
        for (int i = 0; i < errors.size(); i++) {
            ErrorRule rule = errors.get(i);
            if (rule.fraction() > 0.0 && rule.covers(destination) && random.nextDouble() < rule.fraction()) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The response delay model with the slow-down fault applied. */
    public LatencyModel effectiveResponseLatency() {
        return faults.slowDown() == 1.0 ? responseLatency : responseLatency.scaled(faults.slowDown());
    }

    public CarrierBehaviour withFaults(Faults newFaults) {
        return new CarrierBehaviour(responseLatency, messageId, throttle, windowLimit, congestionState, errors, receipts,
                mo, newFaults);
    }

    public CarrierBehaviour withReceipts(ReceiptBehaviour newReceipts) {
        return new CarrierBehaviour(responseLatency, messageId, throttle, windowLimit, congestionState, errors,
                newReceipts, mo, faults);
    }

    public CarrierBehaviour withResponseLatency(LatencyModel latency) {
        return new CarrierBehaviour(latency, messageId, throttle, windowLimit, congestionState, errors, receipts, mo,
                faults);
    }

    public CarrierBehaviour withThrottle(Throttle newThrottle) {
        return new CarrierBehaviour(responseLatency, messageId, newThrottle, windowLimit, congestionState, errors,
                receipts, mo, faults);
    }
}
