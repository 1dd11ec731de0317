package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

import io.smsgate.simulator.config.ConfigNode;
import java.time.Duration;

/**
 * A behaviour change of one simulated carrier at a time from the start of the run
 * ("carrier-a goes silent at 10 s"): {@code patch} is applied over the behaviour current at that moment.
 */
public record TimedEvent(Duration at, String carrier, String description, ConfigNode patch) {
    public TimedEvent {
        requireNonNull(at, "at");
        requireNonNull(carrier, "carrier");
        requireNonNull(description, "description");
        requireNonNull(patch, "patch");
        if (at.isNegative()) {
            throw new IllegalArgumentException("at: " + at + " (expected: >= 0)");
        }
    }
}
