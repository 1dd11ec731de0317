package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

/** Whether one assertion held, with what was measured. */
public record AssertionOutcome(String assertion, boolean passed, String measured) {
    public AssertionOutcome {
        requireNonNull(assertion, "assertion");
        requireNonNull(measured, "measured");
    }

    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + assertion + " (measured: " + measured + ")";
    }
}
