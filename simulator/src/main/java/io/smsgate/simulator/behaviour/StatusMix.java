package io.smsgate.simulator.behaviour;

import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Relative weights of the final receipt states a carrier reports; picking one allocates nothing. */
public record StatusMix(Map<ReceiptStatus, Integer> weights) {
    public static final StatusMix ALL_DELIVERED = new StatusMix(Map.of(ReceiptStatus.DELIVRD, 1));

    public StatusMix {
        weights = Map.copyOf(weights);
        long total = 0;
        for (Map.Entry<ReceiptStatus, Integer> entry : weights.entrySet()) {
            if (!entry.getKey().terminal()) {
                throw new IllegalArgumentException("status-mix." + entry.getKey().name().toLowerCase(java.util.Locale.ROOT)
                        + ": (expected: a final state; ENROUTE is set with receipts.enroute)");
            }
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("status-mix." + entry.getKey().name().toLowerCase(java.util.Locale.ROOT)
                        + ": " + entry.getValue() + " (expected: >= 0)");
            }
            total += entry.getValue();
        }
        if (total <= 0 || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("status-mix: " + weights + " (expected: weights adding up to 1.." + Integer.MAX_VALUE + ")");
        }
    }

    /** Draws one final state with probability weight / total. */
    public ReceiptStatus pick(RandomGenerator random) {
        // The map is small (at most seven entries); walking it in enum order keeps the draw reproducible per seed.
        int total = 0;
        for (ReceiptStatus status : ReceiptStatus.values()) {
            total += weights.getOrDefault(status, 0);
        }
        int ticket = random.nextInt(total);
        for (ReceiptStatus status : ReceiptStatus.values()) {
            ticket -= weights.getOrDefault(status, 0);
            if (ticket < 0) {
                return status;
            }
        }
        throw new IllegalStateException("status-mix: ticket beyond total " + total);
    }

    /** The weights in enum order, for reports. */
    public Map<ReceiptStatus, Integer> ordered() {
        return new EnumMap<>(weights);
    }
}
