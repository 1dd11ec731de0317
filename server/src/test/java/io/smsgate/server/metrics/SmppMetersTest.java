package io.smsgate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.session.SessionState;
import io.smsgate.server.metrics.SmppMeters.DeliveryKind;
import io.smsgate.server.metrics.SmppMeters.DeliveryOutcome;
import io.smsgate.server.metrics.SmppMeters.Side;
import io.smsgate.server.metrics.SmppMeters.SubmitOutcome;
import io.smsgate.server.store.MessageStatus;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmppMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SmppMeters meters = new SmppMeters(registry, false);
    private final SmppMeters.SideMeters upstream = meters.side(Side.UPSTREAM);

    private double sessions(String side, String bindType) {
        return registry.get(SmppMeters.SESSIONS).tag("side", side).tag("bind.type", bindType).gauge().value();
    }

    @Test
    void sessionsFollowBindStateChangesPerSideAndBindType() {
        upstream.stateChanged(SessionState.OPEN, SessionState.BOUND_TRX);
        upstream.stateChanged(SessionState.OPEN, SessionState.BOUND_TRX);
        upstream.stateChanged(SessionState.OPEN, SessionState.BOUND_RX);
        meters.side(Side.CARRIER).stateChanged(SessionState.OPEN, SessionState.BOUND_TX);
        upstream.stateChanged(SessionState.BOUND_TRX, SessionState.UNBINDING);
        upstream.stateChanged(SessionState.UNBINDING, SessionState.CLOSED);
        upstream.stateChanged(SessionState.BOUND_RX, SessionState.CLOSED);

        assertThat(sessions("upstream", "trx")).isEqualTo(1);
        assertThat(sessions("upstream", "rx")).isZero();
        assertThat(sessions("upstream", "tx")).isZero();
        assertThat(sessions("carrier", "tx")).isEqualTo(1);
    }

    @Test
    void aConnectionThatNeverBoundChangesNoCount() {
        upstream.stateChanged(SessionState.OPEN, SessionState.CLOSED);
        assertThat(sessions("upstream", "trx")).isZero();
        assertThat(sessions("upstream", "tx")).isZero();
    }

    @Test
    void requestsAreTimedPerCommandAndStatus() {
        upstream.requestCompleted(CommandId.SUBMIT_SM, CommandStatus.ESME_ROK, 2_000_000);
        upstream.requestCompleted(CommandId.SUBMIT_SM, CommandStatus.ESME_ROK, 4_000_000);
        upstream.requestCompleted(CommandId.SUBMIT_SM, CommandStatus.ESME_RTHROTTLED, 0);

        Timer ok = registry.get(SmppMeters.REQUESTS).tag("side", "upstream").tag("command", "submit_sm")
                .tag("status", "ESME_ROK").timer();
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(registry.get(SmppMeters.REQUESTS).tag("status", "ESME_RTHROTTLED").timer().count()).isEqualTo(1);
    }

    @Test
    void outboundRequestsCountTimeoutsAsAStatus() {
        SmppMeters.SideMeters carrier = meters.side(Side.CARRIER);
        carrier.outboundCompleted(CommandId.SUBMIT_SM, CommandStatus.ESME_ROK, 1_000_000);
        carrier.outboundExpired(CommandId.SUBMIT_SM, 30_000_000_000L);

        assertThat(registry.get(SmppMeters.OUTBOUND_REQUESTS).tag("side", "carrier").tag("status", "timeout")
                .timer().totalTime(TimeUnit.SECONDS)).isEqualTo(30.0);
        assertThat(registry.get(SmppMeters.OUTBOUND_REQUESTS).tag("status", "ESME_ROK").timer().count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        named status           | 0x00000058 | ESME_RTHROTTLED
        reserved code          | 0x00000009 | 0x00000009
        vendor range           | 0x00000400 | 0x00000400
        vendor range last      | 0x000004ff | 0x000004ff
        beyond every range     | 0x00001234 | other
        negative as int        | 0xffffffff | other
        """)
    void statusTagValuesAreBounded(String caseName, String code, String tag) {
        meters.side(Side.CARRIER).outboundCompleted(CommandId.SUBMIT_SM, CommandStatus.valueOf(code), 1);
        assertThat(registry.get(SmppMeters.OUTBOUND_REQUESTS).tag("status", tag).timer().count()).isEqualTo(1);
    }

    @Test
    void aFloodOfDistinctStatusesMakesAtMostOneSeriesPerSlot() {
        for (int code = 0; code < 100_000; code += 7) {
            meters.side(Side.CARRIER).outboundCompleted(CommandId.SUBMIT_SM, CommandStatus.of(code), 1);
        }
        assertThat(registry.find(SmppMeters.OUTBOUND_REQUESTS).timers()).hasSizeLessThanOrEqualTo(StatusTag.SLOTS);
    }

    @Test
    void malformedAndUnmatchedAreCounted() {
        upstream.malformed(CommandStatus.ESME_RINVCMDID);
        upstream.malformed(CommandStatus.ESME_RINVCMDID);
        upstream.unmatchedResponse(CommandId.SUBMIT_SM_RESP);

        assertThat(registry.get(SmppMeters.PDUS_MALFORMED).tag("side", "upstream").tag("status", "ESME_RINVCMDID")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get(SmppMeters.RESPONSES_UNMATCHED).tag("command", "submit_sm_resp").counter().count())
                .isEqualTo(1);
    }

    @Test
    void meterReferencesAreReusedNotReRegistered() {
        upstream.requestCompleted(CommandId.ENQUIRE_LINK, CommandStatus.ESME_ROK, 1);
        int before = registry.getMeters().size();
        for (int i = 0; i < 1_000; i++) {
            upstream.requestCompleted(CommandId.ENQUIRE_LINK, CommandStatus.ESME_ROK, 1);
        }
        assertThat(registry.getMeters()).hasSize(before);
        assertThat(registry.get(SmppMeters.REQUESTS).tag("command", "enquire_link").timer().count()).isEqualTo(1_001);
    }

    @Test
    void accountMetersCarryTheSystemId() {
        SmppMeters.AccountMeters acme = meters.account("acme");
        acme.submitted(SubmitOutcome.ACCEPTED);
        acme.submitted(SubmitOutcome.ACCEPTED);
        acme.submitted(SubmitOutcome.THROTTLED);
        acme.delivered(DeliveryKind.RECEIPT, DeliveryOutcome.ACKNOWLEDGED);
        acme.delivered(DeliveryKind.MO, DeliveryOutcome.EXPIRED);
        AtomicInteger window = new AtomicInteger(7);
        acme.windowInUse(window::get);
        acme.outbox(() -> 12, () -> 3.5);

        assertThat(meters.account("acme")).isSameAs(acme);
        assertThat(registry.get(SmppMeters.ACCOUNT_SUBMITS).tag("system.id", "acme").tag("outcome", "accepted")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get(SmppMeters.ACCOUNT_SUBMITS).tag("outcome", "throttled").counter().count()).isEqualTo(1);
        assertThat(registry.get(SmppMeters.ACCOUNT_DELIVERIES).tag("kind", "receipt").tag("outcome", "acknowledged")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(SmppMeters.ACCOUNT_DELIVERIES).tag("kind", "mo").tag("outcome", "expired")
                .counter().count()).isEqualTo(1);
        window.set(9);
        assertThat(registry.get(SmppMeters.ACCOUNT_WINDOW).tag("system.id", "acme").gauge().value()).isEqualTo(9);
        assertThat(registry.get(SmppMeters.ACCOUNT_OUTBOX_DEPTH).gauge().value()).isEqualTo(12);
        assertThat(registry.get(SmppMeters.ACCOUNT_OUTBOX_AGE).gauge().value()).isEqualTo(3.5);
    }

    @Test
    void carrierMetersCarryTheCarrier() {
        SmppMeters.CarrierMeters a = meters.carrier("carrier-a");
        a.submitted(CommandStatus.ESME_ROK, 3_000_000);
        a.submitted(CommandStatus.ESME_RMSGQFUL, 1_000_000);
        a.submitTimedOut(30_000_000_000L);
        a.receipt(MessageStatus.DELIVERED, 2_000_000_000L);
        a.gauges(() -> 2, () -> 40, () -> 500.0, () -> 1_000, () -> 0.25);

        assertThat(registry.get(SmppMeters.CARRIER_SUBMITS).tag("carrier", "carrier-a").tag("status", "ESME_ROK")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get(SmppMeters.CARRIER_SUBMITS).tag("status", "ESME_RMSGQFUL").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(SmppMeters.CARRIER_SUBMITS).tag("status", "timeout").timer().count()).isEqualTo(1);
        assertThat(registry.get(SmppMeters.CARRIER_RECEIPTS).tag("state", "delivered").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
        assertThat(registry.get(SmppMeters.CARRIER_BINDS).gauge().value()).isEqualTo(2);
        assertThat(registry.get(SmppMeters.CARRIER_WINDOW).gauge().value()).isEqualTo(40);
        assertThat(registry.get(SmppMeters.CARRIER_RATE).gauge().value()).isEqualTo(500);
        assertThat(registry.get(SmppMeters.CARRIER_QUEUE_DEPTH).gauge().value()).isEqualTo(1_000);
        assertThat(registry.get(SmppMeters.CARRIER_QUEUE_AGE).gauge().value()).isEqualTo(0.25);
    }

    @Test
    void everyMeterNameFollowsTheNamingRule() {
        meters.account("acme").submitted(SubmitOutcome.ACCEPTED);
        meters.carrier("a").submitTimedOut(1);
        upstream.malformed(CommandStatus.ESME_RINVCMDLEN);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getName()).matches("smsgate(\\.[a-z]+)+").doesNotEndWith(".count")
                    .doesNotEndWith(".total");
            meter.getId().getTags().forEach(tag -> assertThat(tag.getKey()).matches("[a-z]+(\\.[a-z]+)*"));
        }
    }

    @Test
    void bindTypesMatchTheSessionGauge() {
        upstream.stateChanged(SessionState.OPEN, SessionState.BOUND_TX);
        assertThat(upstream.bound(BindType.TX)).isEqualTo(1);
    }
}
