package io.smsgate.simulator.scenario;

import io.smsgate.simulator.counters.CounterSnapshot;
import io.smsgate.simulator.load.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Decides a scenario's assertions over its load result and the simulated carriers' counters. */
public final class AssertionEvaluator {
    private AssertionEvaluator() {
    }

    /** Evaluates every assertion, in file order; failures name their assertion. */
    public static List<AssertionOutcome> evaluate(List<ScenarioAssertion> assertions, LoadResult result,
            List<CounterSnapshot> carrierCounters) {
        List<AssertionOutcome> outcomes = new ArrayList<>(assertions.size());
        for (ScenarioAssertion assertion : assertions) {
            outcomes.add(evaluate(assertion, result, carrierCounters));
        }
        return outcomes;
    }

    /** The assertions that failed, or an empty list when the scenario passed. */
    public static List<AssertionOutcome> failures(List<AssertionOutcome> outcomes) {
        List<AssertionOutcome> failed = new ArrayList<>();
        for (AssertionOutcome outcome : outcomes) {
            if (!outcome.passed()) {
                failed.add(outcome);
            }
        }
        return failed;
    }

    static AssertionOutcome evaluate(ScenarioAssertion assertion, LoadResult result, List<CounterSnapshot> carriers) {
        LoadResult.Receipts receipts = result.receipts();
        if (assertion instanceof ScenarioAssertion.NothingLost) {
            return outcome(assertion, receipts.lost() == 0, receipts.lost() + " of " + receipts.awaited()
                    + " accepted messages without a final receipt");
        } else if (assertion instanceof ScenarioAssertion.DuplicatesAtMost duplicates) {
            long total = 0;
            for (CounterSnapshot snapshot : carriers) {
                total += snapshot.duplicates();
            }
            return outcome(assertion, total <= duplicates.limit(), total + " duplicate messages at the carriers");
        } else if (assertion instanceof ScenarioAssertion.DoubledReceiptsAtMost doubled) {
            return outcome(assertion, receipts.doubled() <= doubled.limit(),
                    receipts.doubled() + " messages with more than one final receipt");
        } else if (assertion instanceof ScenarioAssertion.UnansweredAtMost unanswered) {
            return outcome(assertion, result.unanswered() <= unanswered.limit(),
                    result.unanswered() + " submits without a response");
        } else if (assertion instanceof ScenarioAssertion.SubmitResponseP99AtMost p99) {
            double measured = result.submitResponse().p99();
            return outcome(assertion, result.submitResponse().count() > 0 && measured <= millis(p99.limit()),
                    millis(measured) + " over " + result.submitResponse().count() + " responses");
        } else if (assertion instanceof ScenarioAssertion.ReceiptP99AtMost p99) {
            double measured = result.receipt().p99();
            return outcome(assertion, result.receipt().count() > 0 && measured <= millis(p99.limit()),
                    millis(measured) + " over " + result.receipt().count() + " receipts");
        } else if (assertion instanceof ScenarioAssertion.AllReceiptsWithin within) {
            double max = result.receipt().max();
            boolean passed = receipts.lost() == 0 && max <= millis(within.limit());
            return outcome(assertion, passed, "slowest " + millis(max) + ", " + receipts.lost() + " missing");
        } else if (assertion instanceof ScenarioAssertion.AcceptedAtLeast accepted) {
            double fraction = result.submitted() == 0 ? 0.0 : (double) result.accepted() / result.submitted();
            return outcome(assertion, result.submitted() > 0 && fraction >= accepted.fraction(),
                    String.format(Locale.ROOT, "%.4f (%d of %d)", fraction, result.accepted(), result.submitted()));
        }
        throw new IllegalStateException("assertion type without an evaluation: " + assertion);
    }

    private static AssertionOutcome outcome(ScenarioAssertion assertion, boolean passed, String measured) {
        return new AssertionOutcome(assertion.key(), passed, measured);
    }

    private static double millis(java.time.Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.3f ms", value);
    }
}
