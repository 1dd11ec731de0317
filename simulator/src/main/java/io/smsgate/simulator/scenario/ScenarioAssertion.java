package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** One pass/fail condition over a scenario's results; {@link #key()} names it as the file does. */
public sealed interface ScenarioAssertion {

    /** The assertion as written in the scenario file, e.g. {@code p99-submit-response-at-most: 50ms}. */
    String key();

    /** Every accepted message that asked for a receipt got a final one. */
    record NothingLost() implements ScenarioAssertion {
        @Override
        public String key() {
            return "nothing-lost: true";
        }
    }

    /** The simulated carriers received at most this many duplicate messages (their counters, summed). */
    record DuplicatesAtMost(long limit) implements ScenarioAssertion {
        public DuplicatesAtMost {
            nonNegative("duplicates-at-most", limit);
        }

        @Override
        public String key() {
            return "duplicates-at-most: " + limit;
        }
    }

    /** At most this many accepted messages got more than one final receipt. */
    record DoubledReceiptsAtMost(long limit) implements ScenarioAssertion {
        public DoubledReceiptsAtMost {
            nonNegative("doubled-receipts-at-most", limit);
        }

        @Override
        public String key() {
            return "doubled-receipts-at-most: " + limit;
        }
    }

    /** At most this many submits got no response at all. */
    record UnansweredAtMost(long limit) implements ScenarioAssertion {
        public UnansweredAtMost {
            nonNegative("unanswered-at-most", limit);
        }

        @Override
        public String key() {
            return "unanswered-at-most: " + limit;
        }
    }

    /** The 99th percentile of submit → submit_sm_resp, from intended send times. */
    record SubmitResponseP99AtMost(Duration limit) implements ScenarioAssertion {
        public SubmitResponseP99AtMost {
            requireNonNull(limit, "limit");
        }

        @Override
        public String key() {
            return "p99-submit-response-at-most: " + ScenarioYaml.format(limit);
        }
    }

    /** The 99th percentile of submit → final receipt. */
    record ReceiptP99AtMost(Duration limit) implements ScenarioAssertion {
        public ReceiptP99AtMost {
            requireNonNull(limit, "limit");
        }

        @Override
        public String key() {
            return "p99-receipt-at-most: " + ScenarioYaml.format(limit);
        }
    }

    /** Every final receipt arrived within this time of its message's intended send time, and none is missing. */
    record AllReceiptsWithin(Duration limit) implements ScenarioAssertion {
        public AllReceiptsWithin {
            requireNonNull(limit, "limit");
        }

        @Override
        public String key() {
            return "all-receipts-within: " + ScenarioYaml.format(limit);
        }
    }

    /** At least this fraction of submits was accepted (ESME_ROK). */
    record AcceptedAtLeast(double fraction) implements ScenarioAssertion {
        public AcceptedAtLeast {
            if (!(fraction >= 0.0 && fraction <= 1.0)) {
                throw new IllegalArgumentException("accepted-at-least: " + fraction + " (expected: 0..1)");
            }
        }

        @Override
        public String key() {
            return "accepted-at-least: " + fraction;
        }
    }

    private static void nonNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: >= 0)");
        }
    }
}
