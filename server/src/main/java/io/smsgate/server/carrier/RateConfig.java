package io.smsgate.server.carrier;

/**
 * How a bind's send rate adapts below its {@code tps} ceiling ({@code carriers.<id>.rate}): throttling halves it,
 * SMPP 5.0 congestion_state above the optimum band (80–89) lowers it, and it climbs back additively while the
 * carrier is healthy (AIMD, as TCP does).
 *
 * @param minTps the floor the rate never goes below ({@code min-tps})
 * @param decrease the factor a throttle multiplies the rate by ({@code decrease}, 0 < f < 1)
 * @param increasePerSecond tps regained per second of healthy answers ({@code increase-per-second})
 */
public record RateConfig(double minTps, double decrease, double increasePerSecond) {

    public static final RateConfig DEFAULTS = new RateConfig(1.0, 0.5, 10.0);

    public RateConfig {
        if (!(minTps > 0.0)) {
            throw new IllegalArgumentException("rate.min-tps: " + minTps + " (expected: > 0)");
        }
        if (!(decrease > 0.0 && decrease < 1.0)) {
            throw new IllegalArgumentException("rate.decrease: " + decrease + " (expected: between 0 and 1)");
        }
        if (!(increasePerSecond > 0.0)) {
            throw new IllegalArgumentException("rate.increase-per-second: " + increasePerSecond + " (expected: > 0)");
        }
    }
}
