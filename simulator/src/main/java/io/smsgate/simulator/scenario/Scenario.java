package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A scripted run: simulated carriers, the system under test, load phases, timed carrier events and the
 * assertions that decide pass or fail. Read with {@link ScenarioYaml}.
 *
 * @param receiptWait how long to wait for outstanding receipts after the last phase
 */
public record Scenario(
        String name,
        String description,
        List<SimulatedCarrier> carriers,
        SystemUnderTest systemUnderTest,
        List<LoadPhase> phases,
        List<TimedEvent> events,
        Duration receiptWait,
        List<ScenarioAssertion> assertions) {

    public Scenario {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        carriers = List.copyOf(carriers);
        requireNonNull(systemUnderTest, "systemUnderTest");
        phases = List.copyOf(phases);
        events = List.copyOf(events);
        requireNonNull(receiptWait, "receiptWait");
        assertions = List.copyOf(assertions);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("phases: [] (expected: at least one load phase)");
        }
        boolean measuring = false;
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).warmUp() && measuring) {
                throw new IllegalArgumentException("phases[" + i + "].warm-up: true after a measured phase "
                        + "(expected: warm-up phases come first)");
            }
            measuring |= !phases.get(i).warmUp();
        }
        if (!measuring) {
            throw new IllegalArgumentException("phases: every phase is a warm-up (expected: at least one measured phase)");
        }
        Set<String> names = new HashSet<>();
        for (SimulatedCarrier carrier : carriers) {
            if (!names.add(carrier.name())) {
                throw new IllegalArgumentException("carriers: \"" + carrier.name() + "\" appears twice");
            }
        }
    }

    /** The length of all load phases together. */
    public Duration loadDuration() {
        Duration total = Duration.ZERO;
        for (LoadPhase phase : phases) {
            total = total.plus(phase.duration());
        }
        return total;
    }

    public Optional<SimulatedCarrier> carrier(String carrierName) {
        for (SimulatedCarrier carrier : carriers) {
            if (carrier.name().equals(carrierName)) {
                return Optional.of(carrier);
            }
        }
        return Optional.empty();
    }
}
