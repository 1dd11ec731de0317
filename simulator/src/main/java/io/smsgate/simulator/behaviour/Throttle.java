package io.smsgate.simulator.behaviour;

/**
 * TPS limits a carrier enforces, answering ESME_RTHROTTLED above them; 0 means unlimited.
 * {@code burst} is how many requests may arrive back to back before the rate applies.
 */
public record Throttle(int tpsPerBind, int tpsPerSystemId, int burst) {
    public static final Throttle UNLIMITED = new Throttle(0, 0, 1);

    public Throttle {
        if (tpsPerBind < 0) {
            throw new IllegalArgumentException("throttle.tps-per-bind: " + tpsPerBind + " (expected: >= 0, 0 = unlimited)");
        }
        if (tpsPerSystemId < 0) {
            throw new IllegalArgumentException(
                    "throttle.tps-per-system-id: " + tpsPerSystemId + " (expected: >= 0, 0 = unlimited)");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("throttle.burst: " + burst + " (expected: >= 1)");
        }
    }
}
