package io.smsgate.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.simulator.counters.CounterSnapshot;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.counters.MessageAssembly;
import io.smsgate.simulator.counters.MessagePart;
import io.smsgate.simulator.counters.SimulatorCounters;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.load.LoadStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssertionEvaluatorTest {
    private static final long MS = 1_000_000L;

    /** 10 submits: 9 accepted with receipts after 100 ms (one lost, one doubled), 1 throttled; p99 resp 20 ms. */
    private static LoadResult result() {
        LoadStatistics statistics = new LoadStatistics(Instant.EPOCH, 0);
        for (int i = 0; i < 10; i++) {
            statistics.submitted();
            statistics.responded(i == 9 ? 0x58 : 0, 0, (i + 1) * 2 * MS);
            if (i < 9) {
                statistics.awaitReceipt("m" + i, 0);
                if (i != 3) {
                    statistics.receipt("m" + i, true, 100 * MS);
                }
            }
        }
        statistics.receipt("m5", true, 150 * MS);
        return statistics.finish(1000 * MS, "evaluated");
    }

    private static CounterSnapshot carrierWithOneDuplicate() {
        SimulatorCounters counters = new SimulatorCounters(CountersConfig.DEFAULTS, MessageAssembly.SINGLE_PARTS, 0);
        counters.messagePartReceived(MessagePart.single("a", "b", OctetString.ascii("x")), 0);
        counters.messagePartReceived(MessagePart.single("a", "b", OctetString.ascii("x")), 1);
        return counters.snapshot();
    }

    @Test
    void namesEachFailingAssertionWithWhatWasMeasured() {
        List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(List.of(
                new ScenarioAssertion.NothingLost(),
                new ScenarioAssertion.DuplicatesAtMost(0),
                new ScenarioAssertion.DuplicatesAtMost(1),
                new ScenarioAssertion.DoubledReceiptsAtMost(0),
                new ScenarioAssertion.UnansweredAtMost(0),
                new ScenarioAssertion.SubmitResponseP99AtMost(Duration.ofMillis(10)),
                new ScenarioAssertion.SubmitResponseP99AtMost(Duration.ofMillis(25)),
                new ScenarioAssertion.ReceiptP99AtMost(Duration.ofMillis(101)),
                new ScenarioAssertion.AllReceiptsWithin(Duration.ofSeconds(1)),
                new ScenarioAssertion.AcceptedAtLeast(0.9),
                new ScenarioAssertion.AcceptedAtLeast(0.95)),
                result(), List.of(carrierWithOneDuplicate()));

        assertThat(outcomes).extracting(AssertionOutcome::passed)
                .containsExactly(false, false, true, false, true, false, true, true, false, true, false);
        // HdrHistogram (3 significant digits) reports the highest value equivalent to a recorded one, so
        // 20 ms reads as 20.015 ms and 100 ms as 100.031 ms: latency assertions err on the strict side.
        assertThat(AssertionEvaluator.failures(outcomes)).extracting(AssertionOutcome::toString).containsExactly(
                "FAIL nothing-lost: true (measured: 1 of 9 accepted messages without a final receipt)",
                "FAIL duplicates-at-most: 0 (measured: 1 duplicate messages at the carriers)",
                "FAIL doubled-receipts-at-most: 0 (measured: 1 messages with more than one final receipt)",
                "FAIL p99-submit-response-at-most: 10ms (measured: 20.015 ms over 10 responses)",
                "FAIL all-receipts-within: 1s (measured: slowest 100.031 ms, 1 missing)",
                "FAIL accepted-at-least: 0.95 (measured: 0.9000 (9 of 10))");
    }

    @Test
    void aLatencyAssertionWithNothingMeasuredFails() {
        LoadResult empty = new LoadStatistics(Instant.EPOCH, 0).finish(MS, "empty");
        List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(
                List.of(new ScenarioAssertion.ReceiptP99AtMost(Duration.ofSeconds(1))), empty, List.of());
        assertThat(outcomes.get(0).passed()).isFalse();
        assertThat(outcomes.get(0).measured()).isEqualTo("0.000 ms over 0 receipts");
    }
}
