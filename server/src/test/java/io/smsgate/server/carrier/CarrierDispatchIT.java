package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.protocol.text.SegmentOptions;
import io.smsgate.protocol.text.Ucs2;
import io.smsgate.routing.CircuitState;
import io.smsgate.routing.HealthBoard;
import io.smsgate.routing.HealthConfig;
import io.smsgate.routing.Router;
import io.smsgate.routing.RoutingListener;
import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.server.gateway.GatewayFixture;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.MultipartReceipts;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.OutboxEntry;
import io.smsgate.server.store.ReceiptNotice;
import io.smsgate.server.store.StoredMessage;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.Faults;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.MessageIdFormat;
import io.smsgate.simulator.behaviour.MoTraffic;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.behaviour.ReceiptStatus;
import io.smsgate.simulator.behaviour.StatusMix;
import io.smsgate.simulator.behaviour.Throttle;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages stored through the Journal (real embedded PostgreSQL) and dispatched reach the simulated carriers, come
 * back as receipts, and survive the carrier faults of reliability.md Checklist B.
 */
class CarrierDispatchIT {

    private static final String SYSTEM_ID = "acme";
    private static final int SUBMIT_SM = 0x00000004;
    private static final int DELIVER_SM_RESP = 0x80000005;
    private static final int UNBIND_RESP = 0x80000006;
    /** How carrier "a" (the default profile in the recovery tests) combines a multipart message's receipts. */
    private static final MultipartReceipts A_RECEIPTS = CarrierProfile.DEFAULTS.multipartReceipts();

    private static DispatchStore db;
    private static final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 7);

    private static final AtomicInteger runs = new AtomicInteger();
    private final int run = runs.incrementAndGet();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** Every carrier breaker that opened during the test, as "carrier country". */
    private final List<String> breakersOpened = new CopyOnWriteArrayList<>();
    private SmscSimulator simulator;
    private CarrierDispatcher dispatcher;

    @BeforeAll
    static void store() {
        db = DispatchStore.open("carrier_dispatch_it", "carrier-it");
    }

    @AfterAll
    static void closeStore() {
        db.close();
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    // ---- the happy path ---------------------------------------------------------------------------------------

    @Test
    void shortMessageIsSubmittedThenDeliveredWithAReceiptInTheOutbox() {
        start(Map.of("a", UnaryOperator.identity()), List.of("a"), UnaryOperator.identity());
        StoredMessage message = db.insert(gsm7("447700900001", "hello world"));

        dispatcher.dispatch(message);

        db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        StoredMessage stored = db.reader().findMessage(message.id()).join().orElseThrow();
        assertThat(stored.carrierId()).contains(id("a"));
        assertThat(stored.carrierMessageId()).isPresent();
        ClientEvent.Receipt receipt = db.receiptFor(SYSTEM_ID, message.id());
        assertThat(receipt.messageId()).isEqualTo(message.id());
        assertThat(receipt.state()).isEqualTo(ReceiptState.DELIVRD);
        assertThat(receipt.destination()).isEqualTo(message.message().destination());
        assertThat(counters("a").messagesReceived()).isEqualTo(1);
        assertThat(counters("a").messagesTo("447700900001")).isEqualTo(1);
    }

    @Test
    void longGsm7AndUcs2MessagesAreResegmentedIntoUdhParts() {
        start(Map.of("a", UnaryOperator.identity()), List.of("a"), UnaryOperator.identity());
        StoredMessage gsm = db.insert(gsm7("447700900002", "x".repeat(200)));
        StoredMessage ucs = db.insert(ucs2("447700900003", "emoji \uD83D\uDE00 ".repeat(10)));

        dispatcher.dispatch(gsm);
        dispatcher.dispatch(ucs);

        db.awaitStatus(gsm.id(), MessageStatus.DELIVERED);
        db.awaitStatus(ucs.id(), MessageStatus.DELIVERED);
        // 200 septets: 153 + 47 with an 8-bit UDH; 90 UTF-16 units: 67 + 23.
        assertThat(counters("a").partsReceived()).isEqualTo(4);
        assertThat(counters("a").received(SUBMIT_SM, 0)).isEqualTo(4);
        assertThat(db.receiptFor(SYSTEM_ID, gsm.id()).state()).isEqualTo(ReceiptState.DELIVRD);
        assertThat(db.receiptFor(SYSTEM_ID, ucs.id()).state()).isEqualTo(ReceiptState.DELIVRD);
    }

    @Test
    void longMessageGoesAsOneMessagePayloadWhereTheProfileSaysSo() {
        start(Map.of("a", UnaryOperator.identity()), List.of("a"), carrier -> carrier.withProfile(
                CarrierProfile.DEFAULTS.withConcatenation(SegmentOptions.Concatenation.MESSAGE_PAYLOAD)));
        StoredMessage message = db.insert(gsm7("447700900004", "y".repeat(300)));

        dispatcher.dispatch(message);

        db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        assertThat(counters("a").received(SUBMIT_SM, 0)).isEqualTo(1);
    }

    @Test
    void clientConcatenatedTwoPartMessageGetsExactlyOneDeliveredReceipt() throws SQLException {
        start(Map.of("a", behaviour -> behaviour.withReceipts(receipts(StatusMix.ALL_DELIVERED, 0.5))), List.of("a"),
                UnaryOperator.identity());
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(db.insert(concatenated("4477009110" + i, i)));
        }

        messages.forEach(dispatcher::dispatch);

        messages.forEach(message -> db.awaitStatus(message.id(), MessageStatus.DELIVERED));
        awaitEveryPartReceipt(messages);
        for (StoredMessage message : messages) {
            assertThat(committedOutboxFor(message.id())).as("one client receipt for %s", message.id()).hasSize(1);
            ClientEvent.Receipt receipt = db.receiptFor(SYSTEM_ID, message.id());
            assertThat(receipt.state()).isEqualTo(ReceiptState.DELIVRD);
            assertThat(receipt.submitted()).isEqualTo(2);
            assertThat(receipt.delivered()).isEqualTo(2);
        }
    }

    @Test
    void aFailedPartFailsTheMessageWithExactlyOneReceiptCarryingTheFailure() throws SQLException {
        StatusMix mix = new StatusMix(Map.of(ReceiptStatus.DELIVRD, 1, ReceiptStatus.UNDELIV, 1));
        start(Map.of("a", behaviour -> behaviour.withReceipts(receipts(mix, 0.5))), List.of("a"),
                UnaryOperator.identity());
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            messages.add(db.insert(concatenated("4477009120" + String.format("%02d", i), i)));
        }

        messages.forEach(dispatcher::dispatch);

        awaitEveryPartReceipt(messages);
        int failed = 0;
        for (StoredMessage message : messages) {
            // ALL_PARTS: DELIVRD only when both parts are, otherwise the failed part's state.
            long undelivered = db.count("SELECT count(*) FROM carrier_ref WHERE message_id = " + message.id().value()
                    + " AND state <> 'DELIVERED'");
            MessageStatus expected = undelivered == 0 ? MessageStatus.DELIVERED : MessageStatus.UNDELIVERABLE;
            db.awaitStatus(message.id(), expected);
            assertThat(committedOutboxFor(message.id())).as("one client receipt for %s", message.id()).hasSize(1);
            assertThat(db.receiptFor(SYSTEM_ID, message.id()).state())
                    .isEqualTo(undelivered == 0 ? ReceiptState.DELIVRD : ReceiptState.UNDELIV);
            failed += undelivered == 0 ? 0 : 1;
        }
        assertThat(failed).as("messages with a failed part").isPositive();
    }

    @Test
    void lastPartPolicyAsksOnlyTheLastPartForAReceiptAndItDecides() throws SQLException {
        start(Map.of("a", behaviour -> behaviour.withReceipts(receipts(StatusMix.ALL_DELIVERED, 0.0))), List.of("a"),
                carrier -> carrier.withProfile(CarrierProfile.DEFAULTS.withMultipartReceipts(
                        MultipartReceipts.LAST_PART)));
        StoredMessage message = db.insert(concatenated("447700913000", 0));

        dispatcher.dispatch(message);

        db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        assertThat(db.receiptFor(SYSTEM_ID, message.id()).state()).isEqualTo(ReceiptState.DELIVRD);
        assertThat(db.outboxFor(SYSTEM_ID, message.id())).hasSize(1);
        assertThat(counters("a").partsReceived()).isEqualTo(2);
        // The carrier answered a receipt for the one part that asked (the first part's stays open).
        assertThat(db.count("SELECT count(*) FROM carrier_ref WHERE message_id = " + message.id().value()
                + " AND state IS NOT NULL")).isEqualTo(1);
    }

    // ---- carrier faults ---------------------------------------------------------------------------------------

    @Test
    void throttlingSlowsTheBindAndRetriesWithoutFailingAnything() {
        start(Map.of("a", behaviour -> behaviour.withThrottle(new Throttle(20, 0, 1))), List.of("a"),
                carrier -> carrier.withRetryDelay(Duration.ofMillis(50)));
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            messages.add(db.insert(gsm7("44770090" + String.format("%04d", i), "burst " + i)));
        }

        messages.forEach(dispatcher::dispatch);

        messages.forEach(message -> db.awaitStatus(message.id(), MessageStatus.DELIVERED));
        assertThat(counters("a").messagesReceived()).isEqualTo(40);
        assertThat(registry.get("smsgate.carrier.throttled").counter().count()).isPositive();
        assertThat(counters("a").duplicates()).isZero();
    }

    @Test
    void refusedBindsBackOffSlowlyAndTrafficFailsOverToTheSecondCarrier() {
        start(Map.of("a", behaviour -> behaviour.withFaults(faults(OptionalInt.of(0x0E), false, false)),
                        "b", UnaryOperator.identity()), List.of("a", "b"),
                carrier -> carrier.withReconnect(new ReconnectConfig(Duration.ofMillis(50), Duration.ofSeconds(2),
                        Duration.ofSeconds(1), 0.2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> counters("a").bindsRefused() >= 1
                && dispatcher.connector(id("b")).orElseThrow().boundBinds() == 1);
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            messages.add(db.insert(gsm7("4477009010" + i, "failover " + i)));
        }

        messages.forEach(dispatcher::dispatch);

        messages.forEach(message -> db.awaitStatus(message.id(), MessageStatus.DELIVERED));
        assertThat(counters("b").messagesReceived()).isEqualTo(10);
        assertThat(counters("a").messagesReceived()).isZero();
        assertThat(counters("b").duplicates()).isZero();
        // B2: the refused bind retries after a second, not in a hot loop.
        assertThat(counters("a").bindsRefused()).isLessThanOrEqualTo(5);
    }

    @Test
    void bindNeverAnsweredTimesOutAndTrafficGoesToTheSecondCarrier() {
        start(Map.of("a", behaviour -> behaviour.withFaults(faults(OptionalInt.empty(), true, false)),
                        "b", UnaryOperator.identity()), List.of("a", "b"), UnaryOperator.identity());
        StoredMessage message = db.insert(gsm7("447700902001", "black hole"));

        dispatcher.dispatch(message);

        db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        assertThat(counters("b").messagesReceived()).isEqualTo(1);
        assertThat(counters("a").messagesReceived()).isZero();
        assertThat(registry.get("smsgate.carrier.bind.failures").tag("carrier", id("a")).counter().count())
                .isPositive();
    }

    @Test
    void closeBehindSilentCarriersReturnsWithinItsTimeoutAndLeavesEveryMessageQueued() {
        // Production timers (30 s response timeout and enquire_link): the silent sessions stay open until the stop.
        start(Map.of("a", UnaryOperator.identity(), "b", UnaryOperator.identity(), "c", UnaryOperator.identity()),
                List.of("a", "b", "c"), carrier -> carrier.withBinds(List.of(BindConfig.DEFAULTS)));
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of("a", "b", "c")
                .allMatch(name -> dispatcher.connector(id(name)).orElseThrow().boundBinds() == 1));
        for (String name : List.of("a", "b", "c")) {
            simulator.carrier(name).orElseThrow().control()
                    .update(behaviour -> behaviour.withFaults(faults(OptionalInt.empty(), false, true)));
        }
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            messages.add(db.insert(gsm7(String.format("4477009030%02d", i), "queued at stop " + i)));
        }
        messages.forEach(dispatcher::dispatch);
        // A window of 10 in flight on carrier a, unanswered; the other 20 wait in its queue.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> dispatcher.connector(id("a")).orElseThrow().queueDepth() == messages.size());

        // None of the three answers its unbind: closed one after another, 5 s each, this took 15 s.
        CarrierDispatcher closing = dispatcher;
        dispatcher = null;
        assertTimeoutPreemptively(Duration.ofSeconds(6), () -> closing.close(Duration.ofSeconds(2)));

        // Nothing failed or moved on: the store has them as before, for recovery at the next start.
        for (StoredMessage message : messages) {
            assertThat(db.reader().findMessage(message.id()).join().orElseThrow().status())
                    .isEqualTo(MessageStatus.QUEUED);
        }
        assertThat(counters("b").messagesReceived() + counters("c").messagesReceived()).isZero();
    }

    @Test
    void halfOpenCarrierTimesOutAndTheUnknownOutcomeIsResubmittedOnTheSecondCarrier() {
        start(Map.of("a", UnaryOperator.identity(), "b", UnaryOperator.identity()), List.of("a", "b"),
                UnaryOperator.identity());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> dispatcher.connector(id("a")).orElseThrow().boundBinds() == 1);
        simulator.carrier("a").orElseThrow().control()
                .update(behaviour -> behaviour.withFaults(faults(OptionalInt.empty(), false, true)));
        StoredMessage message = db.insert(gsm7("447700902002", "half-open"));

        dispatcher.dispatch(message);

        db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        assertThat(counters("b").messagesReceived()).isEqualTo(1);
        // The silent carrier may have taken it: the resubmission is the counted duplicate risk.
        assertThat(registry.get("smsgate.carrier.resubmissions").tag("carrier", id("a")).counter().count())
                .isEqualTo(1.0);
        // B16: enquire_link goes unanswered too, the session is closed and the bind reconnects.
        await().atMost(Duration.ofSeconds(10)).until(() -> counters("a").connections() >= 2);
    }

    @Test
    void receiptsBeforeResponsesDuplicatedAndInAnotherBaseEndInOneClientReceiptEach() {
        start(Map.of("a", behaviour -> behaviour.withReceipts(new ReceiptBehaviour(true,
                        io.smsgate.simulator.behaviour.LatencyModel.ZERO,
                        io.smsgate.simulator.behaviour.StatusMix.ALL_DELIVERED, 0.0, ReceiptBehaviour.Encoding.TEXT,
                        Optional.of(new MessageIdFormat(MessageIdFormat.Base.HEX, 10)),
                        ReceiptBehaviour.DateFormat.TWELVE_DIGITS, false, 1.0, 1.0, 0.0))),
                List.of("a"), carrier -> carrier.withProfile(CarrierProfile.DEFAULTS.withIds(
                        MessageIdCorrelation.jasminDlrMsgIdBases(2))));
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(db.insert(gsm7("4477009030" + i, "quick " + i)));
        }

        messages.forEach(dispatcher::dispatch);

        messages.forEach(message -> db.awaitStatus(message.id(), MessageStatus.DELIVERED));
        await().atMost(Duration.ofSeconds(10)).until(() -> counters("a").received(DELIVER_SM_RESP, 0) >= 10);
        for (StoredMessage message : messages) {
            assertThat(committedOutboxFor(message.id())).hasSize(1);
        }
    }

    @Test
    void receiptsForUnknownIdsAreAcknowledgedAndKeptAsOrphans() throws SQLException {
        start(Map.of("a", behaviour -> behaviour.withReceipts(new ReceiptBehaviour(true,
                        io.smsgate.simulator.behaviour.LatencyModel.ZERO,
                        io.smsgate.simulator.behaviour.StatusMix.ALL_DELIVERED, 0.0, ReceiptBehaviour.Encoding.BOTH,
                        Optional.empty(), ReceiptBehaviour.DateFormat.TEN_DIGITS, false, 0.0, 0.0, 1.0))),
                List.of("a"), UnaryOperator.identity());
        long orphansBefore = db.count("SELECT count(*) FROM receipt_orphan WHERE carrier_id = '" + id("a") + "'");
        StoredMessage message = db.insert(gsm7("447700904001", "with a stranger"));

        dispatcher.dispatch(message);

        db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                db.count("SELECT count(*) FROM receipt_orphan WHERE carrier_id = '" + id("a") + "'") > orphansBefore);
        assertThat(counters("a").receiptsRejected()).isZero();
    }


    // ---- MO, connection faults, congestion, recovery -----------------------------------------------------------

    @Test
    void moSingleAndConcatenatedOutOfOrderAreReassembledAndReachTheAccountOwningTheNumber() throws SQLException {
        String number = "9900" + String.format("%04d", run);
        String account = "mo" + run;
        db.execute("INSERT INTO account (system_id, password_hash) VALUES ('" + account
                + "', 'x') ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO number (number, system_id) VALUES ('" + number + "', '" + account + "')");
        String text = "an inbound message long enough to be cut in three parts by the simulated carrier, 0123456789";
        MoTraffic mo = new MoTraffic(40, "+4477009#####", number, text, MoTraffic.Encoding.GSM7, 0.5, 3, true);
        start(Map.of("a", behaviour -> new CarrierBehaviour(behaviour.responseLatency(), behaviour.messageId(),
                behaviour.throttle(), 0, false, List.of(), behaviour.receipts(), mo, behaviour.faults())),
                List.of("a"), UnaryOperator.identity());

        await().atMost(Duration.ofSeconds(20)).until(() -> mos(account).size() >= 8);
        simulator.carrier("a").orElseThrow().control().update(behaviour -> new CarrierBehaviour(
                behaviour.responseLatency(), behaviour.messageId(), behaviour.throttle(), 0, false, List.of(),
                behaviour.receipts(), MoTraffic.NONE, behaviour.faults()));
        await().atMost(Duration.ofSeconds(10)).until(() -> counters("a").received(DELIVER_SM_RESP, 0)
                == counters("a").moSent());

        List<ClientEvent.Mo> received = mos(account);
        assertThat(received).allSatisfy(message -> {
            assertThat(Gsm7.DEFAULT.decode(message.text())).isEqualTo(text);
            assertThat(message.destination().address()).isEqualTo(number);
        });
        // Every part was acknowledged, and more parts than messages arrived: some MOs came in three parts.
        long parts = counters("a").received(DELIVER_SM_RESP, 0);
        assertThat(parts).isGreaterThan(received.size());
        assertThat((parts - received.size()) % 2).as("each concatenated MO adds two parts").isZero();
    }

    @Test
    void connectionResetMidWindowLosesNothingAndResubmitsThePartsInFlight() {
        start(Map.of("a", behaviour -> behaviour.withResponseLatency(new LatencyModel.Fixed(Duration.ofMillis(20)))
                        .withFaults(resetAfter(12))),
                List.of("a"), UnaryOperator.identity());
        List<StoredMessage> messages = storeBurst("4477009050", 30, "reset ");

        messages.forEach(dispatcher::dispatch);

        assertEveryOneDeliveredOnceAfterResets(messages, "4477009050");
    }

    /**
     * B15 at its worst: the carrier answers slower than the window fills, so a reset fails a full window at once
     * (10 parts, as many as the breaker's consecutive-failure limit; then the window halves, {@code BindWindow}, and
     * later resets catch fewer). A reset is one bind event: it must not open the breaker and park a single-route
     * plan's messages until max-route-wait fails them. Here the carrier's
     * answers and receipts are on the wire when it resets, and the simulator does not send a receipt again that the
     * RST destroyed: the carrier taking each message (SUBMITTED) is what this test asks of smsgate.
     */
    @Test
    void connectionResetWithAFullWindowEveryTimeNeitherOpensTheBreakerNorStrandsAMessage() {
        start(Map.of("a", behaviour -> behaviour.withResponseLatency(new LatencyModel.Fixed(Duration.ofMillis(300)))
                        .withFaults(resetAfter(20))),
                List.of("a"), UnaryOperator.identity());
        List<StoredMessage> messages = storeBurst("4477009051", 40, "full window ");

        messages.forEach(dispatcher::dispatch);

        messages.forEach(message -> await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(db.reader().findMessage(message.id()).join().orElseThrow().status()).as("message %s",
                        message.id()).isIn(MessageStatus.SUBMITTED, MessageStatus.DELIVERED)));
        assertThat(breakersOpened).as("a reset is one bind event, not a failed submit per part in flight").isEmpty();
        assertThat(counters("a").connections()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(counters("a").messagesTo("4477009051" + String.format("%02d", i))).isPositive();
        }
        for (StoredMessage message : messages) {
            if (db.reader().findMessage(message.id()).join().orElseThrow().status() == MessageStatus.DELIVERED) {
                assertThat(committedOutboxFor(message.id())).as("one client receipt for %s", message.id()).hasSize(1);
            }
        }
        // The first reset caught a full window of ten in flight, and each reset with parts in flight halved it.
        double resubmitted = registry.get("smsgate.carrier.resubmissions").tag("carrier", id("a")).counter().count();
        assertThat(resubmitted).isGreaterThanOrEqualTo(10.0);
        assertThat(registry.get("smsgate.carrier.window.reductions").tag("carrier", id("a")).counter().count())
                .isGreaterThanOrEqualTo(2.0);
        assertThat((double) counters("a").duplicates()).isLessThanOrEqualTo(resubmitted);
    }

    private static Faults resetAfter(long requests) {
        return new Faults(OptionalInt.empty(), false, requests, false, 0, 1.0, 0, Faults.Malformed.NONE, 0.0);
    }

    private List<StoredMessage> storeBurst(String prefix, int count, String text) {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(db.insert(gsm7(prefix + String.format("%02d", i), text + i)));
        }
        return messages;
    }

    /** Every message DELIVERED with one client receipt, every resubmission counted, the breaker never opened. */
    private void assertEveryOneDeliveredOnceAfterResets(List<StoredMessage> messages, String prefix) {
        messages.forEach(message -> db.awaitStatus(message.id(), MessageStatus.DELIVERED));
        assertThat(counters("a").connections()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(counters("a").messagesTo(prefix + String.format("%02d", i))).isPositive();
        }
        for (StoredMessage message : messages) {
            assertThat(committedOutboxFor(message.id())).as("one client receipt for %s", message.id()).hasSize(1);
        }
        // Parts lost with the connection were resubmitted: any duplicate at the carrier is one we counted.
        double resubmitted = registry.get("smsgate.carrier.resubmissions").tag("carrier", id("a")).counter().count();
        assertThat(resubmitted).isPositive();
        assertThat((double) counters("a").duplicates()).isLessThanOrEqualTo(resubmitted);
        assertThat(breakersOpened).as("a reset is one bind event, not a failed submit per part in flight").isEmpty();
    }

    @Test
    void congestionStateAboveTheOptimumLowersTheRateAndItClimbsBackWhenTheCarrierIsHealthy() {
        start(Map.of("a", behaviour -> new CarrierBehaviour(new LatencyModel.Fixed(Duration.ofMillis(100)),
                        behaviour.messageId(), behaviour.throttle(), 10, true, List.of(), behaviour.receipts(),
                        behaviour.mo(), behaviour.faults())),
                List.of("a"), carrier -> carrier.withInterfaceVersion(io.smsgate.protocol.smpp.pdu.InterfaceVersion.V50)
                        .withBinds(List.of(BindConfig.DEFAULTS.withWindow(10).withTps(100).withTimers(
                                Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(3))))
                        .withRate(new RateConfig(1.0, 0.5, 20.0)));
        List<StoredMessage> burst = new ArrayList<>();
        // 100 submits/s against a 100 ms carrier fill the carrier's window of 10: congestion_state 90.
        for (int i = 0; i < 80; i++) {
            burst.add(db.insert(gsm7("4477009060" + String.format("%02d", i), "congested " + i)));
        }

        burst.forEach(dispatcher::dispatch);

        CarrierConnector connector = dispatcher.connector(id("a")).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> connector.bindRates().get(0) < 95.0);
        burst.forEach(message -> db.awaitStatus(message.id(), MessageStatus.DELIVERED));
        assertThat(registry.get("smsgate.carrier.throttled").counter().count()).isZero();
        // The carrier reports no congestion any more: each healthy answer lets the rate climb back to its ceiling.
        simulator.carrier("a").orElseThrow().control().update(behaviour -> new CarrierBehaviour(LatencyModel.ZERO,
                behaviour.messageId(), behaviour.throttle(), 0, false, List.of(), behaviour.receipts(),
                behaviour.mo(), behaviour.faults()));
        List<StoredMessage> calm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calm.add(db.insert(gsm7("4477009061" + String.format("%02d", i), "calm " + i)));
        }
        calm.forEach(dispatcher::dispatch);
        calm.forEach(message -> db.awaitStatus(message.id(), MessageStatus.DELIVERED));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            StoredMessage probe = db.insert(gsm7("447700906200", "probe"));
            dispatcher.dispatch(probe);
            db.awaitStatus(probe.id(), MessageStatus.DELIVERED);
            return connector.bindRates().get(0) == 100.0;
        });
    }

    @Test
    void anSmscThatUnbindsIsAnsweredAndReconnectedToAndMessagesContinue() {
        start(Map.of("a", behaviour -> behaviour.withFaults(new Faults(OptionalInt.empty(), false, 0, false, 0, 1.0,
                        4, Faults.Malformed.NONE, 0.0))),
                List.of("a"), UnaryOperator.identity());
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            messages.add(db.insert(gsm7("4477009070" + String.format("%02d", i), "unbound " + i)));
        }

        messages.forEach(dispatcher::dispatch);

        // The carrier took every one (SUBMITTED); receipts it had for the unbound session may be lost with it.
        messages.forEach(message -> await().atMost(Duration.ofSeconds(20)).until(() -> java.util.Set.of(
                MessageStatus.SUBMITTED, MessageStatus.DELIVERED).contains(db.reader().findMessage(message.id()).join()
                .orElseThrow().status())));
        assertThat(counters("a").received(UNBIND_RESP, 0)).isPositive();
        assertThat(counters("a").connections()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < 12; i++) {
            assertThat(counters("a").messagesTo("4477009070" + String.format("%02d", i))).isPositive();
        }
    }

    @Test
    void recoveryAtStartUpSubmitsQueuedMessagesOnceAndLeavesSubmittedOnesToTheirReceipts() {
        start(Map.of("a", UnaryOperator.identity()), List.of("a"), UnaryOperator.identity());
        List<StoredMessage> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(db.insert(gsm7("4477009080" + i, "recovered " + i)));
        }
        StoredMessage submitted = db.insert(gsm7("447700908099", "already at the carrier"));
        db.journal().submit(new JournalWrite.RecordSubmission(submitted.id(), id("a"), "777000" + run, 0, 1,
                Instant.now(), ReceiptNotice.NONE, A_RECEIPTS)).join();

        int recovered = dispatcher.recover(db.reader());

        assertThat(recovered).isGreaterThanOrEqualTo(queued.size() + 1);
        queued.forEach(message -> db.awaitStatus(message.id(), MessageStatus.DELIVERED));
        // A second start-up finds them final: nothing goes twice.
        dispatcher.recover(db.reader());
        for (int i = 0; i < 5; i++) {
            assertThat(counters("a").messagesTo("4477009080" + i)).isEqualTo(1);
        }
        assertThat(counters("a").messagesTo("447700908099")).isZero();
        assertThat(db.reader().findMessage(submitted.id()).join().orElseThrow().status())
                .isEqualTo(MessageStatus.SUBMITTED);
        assertThat(counters("a").duplicates()).isZero();
    }

    @Test
    void recoveryAtStartUpQueuesTheReceiptOfAMessageThatWentFinalWithoutOneExactlyOnce() {
        start(Map.of("a", UnaryOperator.identity()), List.of("a"), UnaryOperator.identity());
        StoredMessage undelivered = db.insert(gsm7("447700908200", "final just before the crash"));
        Instant now = Instant.now();
        db.journal().submit(new JournalWrite.RecordSubmission(undelivered.id(), id("a"), "778000" + run, 0, 1, now,
                ReceiptNotice.NONE, A_RECEIPTS)).join();
        // The crash came after this commit and before the one of the client's outbox row.
        db.journal().submit(new JournalWrite.CorrelateReceipt(id("a"), "778000" + run, MessageStatus.UNDELIVERABLE,
                Optional.of("UNDELIV"), Optional.of("042"), now, ReceiptNotice.NONE, A_RECEIPTS)).join();
        assertThat(db.outboxFor(SYSTEM_ID, undelivered.id())).isEmpty();

        int owed = dispatcher.recoverReceipts(db.reader(), now.minus(Duration.ofDays(1)));
        // A second start-up finds the receipt queued: it does not go twice.
        dispatcher.recoverReceipts(db.reader(), now.minus(Duration.ofDays(1)));

        assertThat(owed).isGreaterThanOrEqualTo(1);
        assertThat(db.outboxFor(SYSTEM_ID, undelivered.id())).hasSize(1);
        ClientEvent.Receipt receipt = db.receiptFor(SYSTEM_ID, undelivered.id());
        assertThat(receipt.state()).isEqualTo(ReceiptState.UNDELIV);
        assertThat(receipt.error()).contains("042");
        assertThat(receipt.destination()).isEqualTo(undelivered.message().destination());
    }

    @Test
    void recoveryAtStartUpMakesFinalAMultipartMessageWhosePartsAreAllFinalWithOneClientReceipt() throws Exception {
        start(Map.of("a", UnaryOperator.identity()), List.of("a"), UnaryOperator.identity());
        StoredMessage stuck = db.insert(gsm7("447700908300", "both parts delivered, message still open"));
        Instant now = Instant.now();
        db.journal().submit(new JournalWrite.RecordSubmission(stuck.id(), id("a"), "779000" + run, 0, 2, now,
                ReceiptNotice.NONE, A_RECEIPTS)).join();
        db.journal().submit(new JournalWrite.RecordSubmission(stuck.id(), id("a"), "779001" + run, 1, 2, now,
                ReceiptNotice.NONE, A_RECEIPTS)).join();
        // Both parts' receipts committed, the message's combined state did not: what a receipt left before the
        // Journal combined parts in the part receipt's own transaction.
        db.execute("UPDATE carrier_ref SET state = 'DELIVERED' WHERE carrier_id = '" + id("a")
                + "' AND carrier_message_id IN ('779000" + run + "', '779001" + run + "')");
        assertThat(db.reader().findMessage(stuck.id()).join().orElseThrow().status())
                .isEqualTo(MessageStatus.SUBMITTED);

        dispatcher.recoverReceipts(db.reader(), now.minus(Duration.ofDays(1)));
        // A second start-up finds it final with its receipt queued: nothing goes twice.
        dispatcher.recoverReceipts(db.reader(), now.minus(Duration.ofDays(1)));

        assertThat(db.reader().findMessage(stuck.id()).join().orElseThrow().status())
                .isEqualTo(MessageStatus.DELIVERED);
        assertThat(db.outboxFor(SYSTEM_ID, stuck.id())).hasSize(1);
        assertThat(db.receiptFor(SYSTEM_ID, stuck.id()).state()).isEqualTo(ReceiptState.DELIVRD);
    }

    @Test
    void recoveryAtStartUpNamesTheFailedPartsStatAndErrorInTheEventAndTheClientReceipt() throws Exception {
        start(Map.of("a", UnaryOperator.identity()), List.of("a"), UnaryOperator.identity());
        StoredMessage stuck = db.insert(gsm7("447700908301", "first part failed, second delivered, still open"));
        Instant now = Instant.now();
        for (int part = 0; part < 2; part++) {
            db.journal().submit(new JournalWrite.RecordSubmission(stuck.id(), id("a"), "779100" + part + run, part, 2,
                    now, ReceiptNotice.NONE, A_RECEIPTS)).join();
        }
        db.execute("UPDATE carrier_ref SET state = 'UNDELIVERABLE', receipt_stat = 'UNDELIV', error_code = '042'"
                + " WHERE carrier_id = '" + id("a") + "' AND carrier_message_id = '7791000" + run + "'");
        db.execute("UPDATE carrier_ref SET state = 'DELIVERED', receipt_stat = 'DELIVRD', error_code = '000'"
                + " WHERE carrier_id = '" + id("a") + "' AND carrier_message_id = '7791001" + run + "'");

        dispatcher.recoverReceipts(db.reader(), now.minus(Duration.ofDays(1)));

        assertThat(db.reader().findMessage(stuck.id()).join().orElseThrow().status())
                .isEqualTo(MessageStatus.UNDELIVERABLE);
        ClientEvent.Receipt receipt = db.receiptFor(SYSTEM_ID, stuck.id());
        assertThat(receipt.state()).isEqualTo(ReceiptState.UNDELIV);
        assertThat(receipt.error()).contains("042");
        assertThat(db.reader().events(stuck.id()).join()).last().satisfies(event -> {
            assertThat(event.status()).isEqualTo(MessageStatus.UNDELIVERABLE);
            assertThat(event.detail().receiptStat()).contains("UNDELIV");
            assertThat(event.detail().errorCode()).contains("042");
        });
    }

    // ---- fixtures ---------------------------------------------------------------------------------------------

    private void start(Map<String, UnaryOperator<CarrierBehaviour>> behaviours, List<String> route,
                       UnaryOperator<CarrierConfig> tune) {
        LinkedHashMap<String, CarrierBehaviour> simulated = new LinkedHashMap<>();
        for (String name : route) {
            simulated.put(name, behaviours.get(name).apply(CarrierBehaviour.DEFAULTS));
        }
        simulator = GatewayFixture.simulate(simulated);
        List<CarrierConfig> carriers = new ArrayList<>();
        for (String name : route) {
            int port = simulator.carrier(name).orElseThrow().address().getPort();
            carriers.add(tune.apply(GatewayFixture.quickCarrier(id(name), port)));
        }
        RoutingListener breakers = new RoutingListener() {
            @Override
            public void circuitChanged(String carrierId, Optional<String> country, CircuitState from,
                                       CircuitState to, Instant at) {
                if (to == CircuitState.OPEN) {
                    breakersOpened.add(carrierId + " " + country.orElse("*"));
                }
            }
        };
        Router router = new Router(StaticRoutes.snapshot(Map.of("", route.stream().map(this::id).toList())),
                new HealthBoard(HealthConfig.DEFAULTS, breakers), RoutingListener.NOOP);
        dispatcher = db.dispatcher(carriers, new DispatchConfig(Duration.ofMillis(100), Duration.ofMinutes(1),
                Duration.ofHours(1)), router, ids, registry);
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.connector(id(route.get(route.size() - 1)))
                .orElseThrow().boundBinds() == 1);
    }

    /**
     * Our carrier id for simulated carrier {@code name} in this test: every test starts a new simulator whose
     * message ids start at 1 again, and the database is shared, so each test's carriers get ids of their own.
     */
    private String id(String name) {
        return name + "-" + run;
    }

    /** Two parts as a client sends them: esm_class UDHI, each with an 8-bit concatenation UDH (TS 23.040). */
    private static NewMessage concatenated(String destination, int reference) {
        String first = "p".repeat(153);
        String second = "second part " + reference;
        OctetString udh1 = OctetString.of(new byte[] {5, 0, 3, (byte) reference, 2, 1});
        OctetString udh2 = OctetString.of(new byte[] {5, 0, 3, (byte) reference, 2, 2});
        return new NewMessage(ids.next(), SYSTEM_ID, Address.alphanumeric("ACME"),
                Address.international(destination), CarrierEncoder.UDHI, 0, 0, 0, 1, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(udh1.concat(Gsm7.DEFAULT.encode(first)),
                udh2.concat(Gsm7.DEFAULT.encode(second))), OctetString.EMPTY);
    }

    private static ReceiptBehaviour receipts(StatusMix mix, double duplicate) {
        return new ReceiptBehaviour(true, LatencyModel.ZERO, mix, 0.5, ReceiptBehaviour.Encoding.BOTH,
                Optional.empty(), ReceiptBehaviour.DateFormat.TEN_DIGITS, false, 0.0, duplicate, 0.0);
    }

    /** Every part's receipt (and any repeat of it) was answered: nothing more is on its way. */
    private void awaitEveryPartReceipt(List<StoredMessage> messages) {
        String ids = messages.stream().map(m -> Long.toString(m.id().value()))
                .collect(java.util.stream.Collectors.joining(","));
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                "SELECT count(*) FROM carrier_ref WHERE message_id IN ("
                + ids + ") AND state IN ('DELIVERED', 'UNDELIVERABLE')") == 2L * messages.size()
                && counters("a").receiptsAcknowledged() >= counters("a").receiptsSent());
    }

    private static NewMessage gsm7(String destination, String text) {
        return message(destination, 0, List.of(Gsm7.DEFAULT.encode(text)));
    }

    private static List<ClientEvent.Mo> mos(String account) {
        return db.reader().dueOutbox(account, Instant.now().plusSeconds(3600), 10_000).join().stream()
                .map(entry -> ClientEvent.decode(entry.payload()))
                .filter(ClientEvent.Mo.class::isInstance)
                .map(ClientEvent.Mo.class::cast).toList();
    }

    private static NewMessage ucs2(String destination, String text) {
        return message(destination, 8, List.of(Ucs2.INSTANCE.encode(text)));
    }

    private static NewMessage message(String destination, int dataCoding, List<OctetString> parts) {
        return new NewMessage(ids.next(), SYSTEM_ID, Address.alphanumeric("ACME"), Address.international(destination),
                0, 0, 0, dataCoding, 1, Optional.empty(), Optional.empty(), Optional.empty(), parts,
                OctetString.EMPTY);
    }

    /** The message's outbox rows once its first one committed: that commit comes after the final state's. */
    private static List<OutboxEntry> committedOutboxFor(MessageId id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !db.outboxFor(SYSTEM_ID, id).isEmpty());
        return db.outboxFor(SYSTEM_ID, id);
    }

    private io.smsgate.simulator.counters.CounterSnapshot counters(String carrier) {
        return simulator.carrier(carrier).orElseThrow().counters().snapshot();
    }

    private static Faults faults(OptionalInt refuse, boolean ignoreBinds, boolean silent) {
        return new Faults(refuse, ignoreBinds, 0, silent, 0, 1.0, 0, Faults.Malformed.NONE, 0.0);
    }
}
