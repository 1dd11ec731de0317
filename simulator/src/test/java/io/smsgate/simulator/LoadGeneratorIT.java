package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.simulator.counters.CounterSnapshot;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.load.SeriesPoint;
import io.smsgate.simulator.scenario.LoadPhase;
import io.smsgate.simulator.scenario.MessageMix;
import io.smsgate.simulator.scenario.SystemUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The load generator against the simulated SMSC: both sides' counts must agree, message for message. */
@Timeout(120)
class LoadGeneratorIT {
    private static final int SUBMIT_SM = 0x00000004;
    private static final int SUBMIT_SM_RESP = 0x80000004;

    @RegisterExtension
    final OneCarrier smsc = new OneCarrier("load", 5, 1);

    private static SystemUnderTest target(int binds, int window, String password) {
        return new SystemUnderTest("127.0.0.1", 1, Optional.empty(), "load", password,
                SystemUnderTest.BindType.TRANSCEIVER, binds, window, Duration.ofSeconds(5));
    }

    private static LoadResult run(SmscSimulator.Carrier carrier, SystemUnderTest target, MessageIdCorrelation ids,
            List<LoadPhase> phases) throws Exception {
        return run(carrier, target, ids, phases, Duration.ofSeconds(10));
    }

    private static LoadResult run(SmscSimulator.Carrier carrier, SystemUnderTest target, MessageIdCorrelation ids,
            List<LoadPhase> phases, Duration receiptWait) throws Exception {
        List<SeriesPoint> progress = new ArrayList<>();
        try (LoadGenerator generator = LoadGenerator.connect(carrier.address(), target, ids, 9, 1)) {
            LoadResult result = generator.run("it", phases, receiptWait, progress::add);
            assertThat(progress).isNotEmpty();
            return result;
        }
    }

    @Test
    void openLoopCountsAgreeWithTheSimulatorsAndEveryReceiptIsMatched() throws Exception {
        SmscSimulator.Carrier carrier = smsc.start("""
                response-latency: {distribution: uniform, min: 1ms, max: 3ms}
                receipts: {delay: {distribution: uniform, min: 10ms, max: 200ms}, enroute: 0.5}
                """);
        MessageMix mix = new MessageMix(60, 20, 20, 1.0, "12345", List.of("+4477009", "+4478009"), 12);
        LoadResult result = run(carrier, target(2, 20, "secret"), MessageIdCorrelation.AS_IS,
                List.of(new LoadPhase("steady", Duration.ofSeconds(2), 400, mix)));

        CounterSnapshot counters = carrier.counters().snapshot();
        assertThat(result.submitted()).isEqualTo(counters.received(SUBMIT_SM, 0)).isGreaterThanOrEqualTo(800);
        assertThat(result.accepted()).isEqualTo(counters.sent(SUBMIT_SM_RESP, 0)).isEqualTo(result.submitted());
        assertThat(result.unanswered()).isZero();
        assertThat(result.receipts().awaited()).isEqualTo(result.accepted());
        assertThat(result.receipts().matched()).isEqualTo(result.accepted());
        assertThat(result.receipts().lost()).isZero();
        assertThat(result.receipts().doubled()).isZero();
        assertThat(result.receipts().unmatched()).isZero();
        assertThat(result.receipts().intermediate()).isPositive();
        assertThat(counters.receiptsSent()).isEqualTo(result.receipts().matched() + result.receipts().intermediate());
        assertThat(counters.receiptsAcknowledged()).isEqualTo(counters.receiptsSent());
        assertThat(counters.duplicates()).isZero();
        // Destinations: a prefix without its '+' filled up with digits to one less than the destination length.
        assertThat(counters.messagesPerDestination().keySet()).isNotEmpty()
                .allSatisfy(destination -> assertThat(destination).matches("447[78]009[0-9]{4}"));
        // Two-part messages are reassembled at the carrier: every accepted submit is a part, fewer are messages.
        assertThat(counters.partsReceived()).isEqualTo(result.accepted());
        assertThat(counters.messagesReceived()).isLessThan(counters.partsReceived());
        assertThat(result.submitResponse().count()).isEqualTo(result.submitted());
        assertThat(result.receipt().count()).isEqualTo(result.accepted());
    }

    @Test
    @Timeout(60)
    void stopsWaitingForReceiptsOnceEveryAcceptedMessageHasItsFinalReceipt() throws Exception {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {delay: 20ms, enroute: 1.0}");
        MessageMix mix = new MessageMix(50, 0, 50, 1.0, "12345", List.of("+4477009"), 12);
        // A ten-minute receipt wait: the run returns within the test's timeout only if it stops at the last receipt.
        LoadResult result = run(carrier, target(2, 10, "secret"), MessageIdCorrelation.AS_IS,
                List.of(new LoadPhase("short", Duration.ofSeconds(1), 200, mix)), Duration.ofMinutes(10));
        assertThat(result.receipts().matched()).isEqualTo(result.accepted()).isPositive();
        assertThat(result.receipts().lost()).isZero();
    }

    @Test
    void acceptdAndUnknownReceiptsAreFinalWhetherSentAsTextOrAsTheMessageStateTlv() throws Exception {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {encoding: tlv, status-mix: {acceptd: 1, unknown: 1}}");
        MessageMix mix = new MessageMix(100, 0, 0, 1.0, "12345", List.of("+4477009"), 12);
        LoadResult result = run(carrier, target(1, 10, "secret"), MessageIdCorrelation.AS_IS,
                List.of(new LoadPhase("final states", Duration.ofSeconds(1), 100, mix)));
        assertThat(result.receipts().matched()).isEqualTo(result.accepted()).isPositive();
        assertThat(result.receipts().intermediate()).isZero();
    }

    @Test
    void reportsDoubledAndUnknownReceiptsAcrossIdFormats() throws Exception {
        SmscSimulator.Carrier carrier = smsc.start("""
                message-id: {base: hex, width: 12}
                receipts: {duplicate: 1.0, unknown-id: 1.0, id-format: {base: decimal}}
                """);
        MessageMix mix = new MessageMix(100, 0, 0, 1.0, "12345", List.of("+4477009"), 12);
        // submit_sm_resp ids are hex, receipt ids decimal: Jasmin's dlr_msg_id_bases 1 (hex resp, decimal receipt).
        LoadResult result = run(carrier, target(1, 10, "secret"), MessageIdCorrelation.jasminDlrMsgIdBases(1),
                List.of(new LoadPhase("doubled", Duration.ofSeconds(1), 100, mix)));
        assertThat(result.receipts().matched()).isEqualTo(result.accepted());
        assertThat(result.receipts().doubled()).isEqualTo(result.accepted());
        assertThat(result.receipts().unmatched()).isEqualTo(result.accepted());
        assertThat(result.receipts().lost()).isZero();
    }

    @Test
    void closedLoopKeepsTheWindowFullAndCountsThrottling() throws Exception {
        SmscSimulator.Carrier carrier = smsc.start("throttle: {tps-per-bind: 200, burst: 20}\nreceipts: {enabled: false}");
        MessageMix mix = new MessageMix(100, 0, 0, 0.0, "12345", List.of("+4477009"), 12);
        LoadResult result = run(carrier, target(1, 5, "secret"), MessageIdCorrelation.AS_IS,
                List.of(new LoadPhase("flat out", Duration.ofSeconds(1), 0, mix)));
        assertThat(result.statusCounts()).containsKey("0x00000058 ESME_RTHROTTLED");
        assertThat(result.accepted()).isBetween(150L, 260L);
        assertThat(result.submitted()).isEqualTo(result.accepted() + result.rejected());
        assertThat(carrier.counters().snapshot().sent(SUBMIT_SM_RESP, 0x58)).isEqualTo(result.rejected());
    }

    @Test
    void aRefusedBindFailsNamingTheStatus() {
        SmscSimulator.Carrier carrier = smsc.start("{}");
        assertThatThrownBy(() -> LoadGenerator.connect(carrier.address(), target(1, 1, "wrong"),
                MessageIdCorrelation.AS_IS, 1, 1))
                .isInstanceOf(LoadGenerator.BindFailedException.class)
                .hasMessageContaining("ESME_RINVPASWD");
    }

    @Test
    void aWarmUpPhaseIsSentButNotCounted() throws Exception {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {delay: 5ms}");
        MessageMix mix = new MessageMix(100, 0, 0, 1.0, "12345", List.of("+4477009"), 12);
        LoadResult result = run(carrier, target(1, 10, "secret"), MessageIdCorrelation.AS_IS, List.of(
                new LoadPhase("warm-up", Duration.ofSeconds(1), 200, mix, true),
                new LoadPhase("measured", Duration.ofSeconds(1), 200, mix)));
        long received = carrier.counters().snapshot().received(SUBMIT_SM, 0);
        assertThat(result.submitted()).isBetween(190L, 210L);
        assertThat(received).isBetween(result.submitted() + 190, result.submitted() + 210);
        assertThat(result.receipts().matched()).isEqualTo(result.accepted());
        assertThat(result.receipts().unmatched()).isZero();
    }
}
