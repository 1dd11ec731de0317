package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The least a route must offer to be used by a least-cost policy: a minimum rate-card tier and a minimum DELIVRD
 * share of receipts (judged once the health window has enough receipts).
 */
public record QualityFloor(OptionalInt minTier, OptionalDouble minDeliveredRatio) {
    public static final QualityFloor NONE = new QualityFloor(OptionalInt.empty(), OptionalDouble.empty());

    public QualityFloor {
        requireNonNull(minTier, "minTier");
        requireNonNull(minDeliveredRatio, "minDeliveredRatio");
        if (minDeliveredRatio.isPresent()
                && !(minDeliveredRatio.getAsDouble() >= 0 && minDeliveredRatio.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("quality-floor.min-delivered-ratio: " + minDeliveredRatio.getAsDouble()
                    + " (expected: 0..1)");
        }
    }
}
