package io.smsgate.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoadStatisticsTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final LoadStatistics statistics = new LoadStatistics(Instant.parse("2026-11-21T00:00:00Z"), 0);

    @Test
    void measuresFromTheIntendedTimeSoAStallIsNotHidden() {
        // Open loop at 1000/s: 1000 messages intended over one second. The server stalls for 500 ms at the
        // start, then answers everything at once; each latency counts from its own intended time.
        OpenLoopPacer pacer = new OpenLoopPacer(1000, 0);
        for (int i = 0; i < 1000; i++) {
            long intended = pacer.intendedTime(i);
            statistics.submitted();
            long answered = Math.max(intended, 500 * MS) + MS;
            statistics.responded(0, intended, answered);
        }
        LoadResult result = statistics.finish(SECOND, "stall");
        // Message i < 500 waited 501 - i ms; the rest 1 ms. A closed-loop client would have seen one slow
        // response; from intended times, half of all messages were late, the 900th by 401 ms.
        assertThat(result.submitResponse().max()).isCloseTo(501.0, within(1.0));
        assertThat(result.submitResponse().p50()).isCloseTo(1.0, within(0.1));
        assertThat(result.submitResponse().p90()).isCloseTo(401.0, within(1.0));
        assertThat(result.submitResponse().mean()).isCloseTo((500 * 1 + (2 + 501) * 250) / 1000.0, within(0.5));
        assertThat(result.accepted()).isEqualTo(1000);
    }

    @Test
    void countsEveryStatusAndSplitsAcceptedFromRejected() {
        statistics.responded(0, 0, MS);
        statistics.responded(0x58, 0, MS);
        statistics.responded(0x58, 0, MS);
        statistics.responded(0x0400, 0, MS);
        statistics.unanswered();
        LoadResult result = statistics.finish(SECOND, "statuses");
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(3);
        assertThat(result.unanswered()).isEqualTo(1);
        assertThat(result.statusCounts()).containsEntry("0x00000000 ESME_ROK", 1L)
                .containsEntry("0x00000058 ESME_RTHROTTLED", 2L)
                .containsEntry("0x00000400", 1L);
    }

    @Test
    void matchesEachAcceptedMessageToExactlyOneFinalReceipt() {
        statistics.awaitReceipt("ok", 0);
        statistics.receipt("ok", false, 10 * MS);
        statistics.receipt("ok", true, 20 * MS);

        statistics.awaitReceipt("lost", 0);
        statistics.receipt("lost", false, 10 * MS);

        statistics.awaitReceipt("doubled", 0);
        statistics.receipt("doubled", true, 30 * MS);
        statistics.receipt("doubled", true, 40 * MS);
        statistics.receipt("doubled", true, 50 * MS);

        // Quick receipt: before the submit_sm_resp (reliability.md B12).
        statistics.receipt("quick", true, 5 * MS);
        statistics.awaitReceipt("quick", 1 * MS);

        statistics.receipt("never-submitted", true, 5 * MS);

        LoadResult.Receipts receipts = statistics.finish(SECOND, "receipts").receipts();
        assertThat(receipts.awaited()).isEqualTo(4);
        assertThat(receipts.matched()).isEqualTo(3);
        assertThat(receipts.lost()).isEqualTo(1);
        assertThat(receipts.doubled()).isEqualTo(1);
        assertThat(receipts.extra()).isEqualTo(2);
        assertThat(receipts.unmatched()).isEqualTo(1);
        assertThat(receipts.intermediate()).isEqualTo(2);
        assertThat(receipts.duplicateIds()).isZero();
    }

    @Test
    void receiptLatencyRunsFromTheIntendedSendTimeToTheFirstFinalReceipt() {
        statistics.awaitReceipt("a", 100 * MS);
        statistics.receipt("a", true, 350 * MS);
        statistics.receipt("a", true, 900 * MS);
        statistics.receipt("b", true, 200 * MS);
        statistics.awaitReceipt("b", 150 * MS);
        LoadResult result = statistics.finish(SECOND, "receipt latency");
        assertThat(result.receipt().count()).isEqualTo(2);
        assertThat(result.receipt().max()).isCloseTo(250.0, within(0.5));
        assertThat(result.receipt().p50()).isCloseTo(50.0, within(0.1));
    }

    @Test
    void nothingIsOutstandingOnceEveryAcceptedIdHasAFinalReceipt() {
        statistics.awaitReceipt("a", 0);
        statistics.awaitReceipt("b", 0);
        statistics.receipt("c", true, MS);      // ahead of its submit_sm_resp
        statistics.awaitReceipt("c", 0);
        assertThat(statistics.outstandingReceipts()).isEqualTo(2);
        statistics.receipt("a", false, MS);     // ENROUTE is not final
        assertThat(statistics.outstandingReceipts()).isEqualTo(2);
        statistics.receipt("a", true, 2 * MS);
        statistics.receipt("a", true, 3 * MS);  // doubled: still one id
        statistics.awaitReceipt("b", 0);        // the server issued "b" twice
        assertThat(statistics.outstandingReceipts()).isEqualTo(1);
        statistics.receipt("b", true, 4 * MS);
        assertThat(statistics.outstandingReceipts()).isZero();
    }

    @Test
    void aMessageIdIssuedTwiceIsReported() {
        statistics.awaitReceipt("same", 0);
        statistics.awaitReceipt("same", 5);
        assertThat(statistics.finish(SECOND, "ids").receipts().duplicateIds()).isEqualTo(1);
    }

    @Test
    void eachTickClosesOneIntervalWithItsOwnCountsAndPercentiles() {
        statistics.submitted();
        statistics.responded(0, 0, 2 * MS);
        SeriesPoint first = statistics.tick(SECOND);
        statistics.submitted();
        statistics.submitted();
        statistics.responded(0, SECOND, SECOND + 8 * MS);
        statistics.responded(0x14, SECOND, SECOND + 8 * MS);
        SeriesPoint second = statistics.tick(3 * SECOND);

        assertThat(first.submitted()).isEqualTo(1);
        assertThat(first.accepted()).isEqualTo(1);
        assertThat(first.submitResponse().p99()).isCloseTo(2.0, within(0.01));
        assertThat(first.elapsedSeconds()).isEqualTo(1.0);

        assertThat(second.submitted()).isEqualTo(2);
        assertThat(second.accepted()).isEqualTo(1);
        assertThat(second.rejected()).isEqualTo(1);
        assertThat(second.intervalSeconds()).isEqualTo(2.0);
        assertThat(second.acceptedPerSecond()).isEqualTo(0.5);
        assertThat(second.submitResponse().p50()).isCloseTo(8.0, within(0.01));

        LoadResult result = statistics.finish(3 * SECOND, "ticks");
        assertThat(result.series()).containsExactly(first, second);
        assertThat(result.submitResponse().count()).isEqualTo(3);
        assertThat(result.acceptedPerSecond()).isCloseTo(2 / 3.0, within(1e-9));
    }
}
