package io.smsgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.CarrierProfile;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.Faults;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.MessageIdFormat;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.behaviour.StatusMix;
import io.smsgate.simulator.behaviour.Throttle;
import io.smsgate.simulator.counters.CounterSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The carrier faults of reliability.md Checklist B, each played by the simulated carrier, seen through the whole
 * gateway from a client's side: every message the client got ESME_ROK for reaches a carrier and produces exactly
 * one DELIVRD receipt carrying our id, whatever the carrier did. CarrierDispatchIT proves the dispatcher's part of
 * each fault (its store rows, metrics and back-off); this proves what the client sees.
 */
@Timeout(120)
class GatewayCarrierFaultsIT {

    private static final int MESSAGES = 20;
    /** The RST comes after this many requests on a connection (bind included): more than a full window of 10. */
    private static final int RESET_AFTER_REQUESTS = 12;
    /**
     * A carrier that resets after fewer requests than our window of 10 (bind and 3 submits): without the window
     * shrinking after each connection lost with requests in flight, the unknown outcomes went again as one burst
     * and met the next reset, for ever (a livelock).
     */
    private static final int RESET_BELOW_WINDOW = 4;

    @TempDir
    Path dataPath;

    private GatewayFixture gateway;
    private SMPPSession client;

    /** One fault: the carriers' behaviours in route order, our config for them, and what it changes. */
    record Fault(String name, LinkedHashMap<String, CarrierBehaviour> carriers, UnaryOperator<CarrierConfig> tune,
                 Consumer<GatewayFixture> beforeTraffic, Consumer<GatewayFixture> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fault> faults() {
        CarrierBehaviour healthy = CarrierBehaviour.DEFAULTS;
        return Stream.of(
                fault("B2 bind refused: traffic fails over to the second carrier",
                        carriers(healthy.withFaults(faults(OptionalInt.of(0x0E), false, 0)), healthy),
                        UnaryOperator.identity(), g -> g.awaitBound("b"), g -> {
                            assertThat(g.counters("a").bindsRefused()).isPositive();
                            assertThat(g.counters("a").messagesReceived()).isZero();
                            assertThat(g.counters("b").messagesReceived()).isEqualTo(MESSAGES);
                        }),
                fault("B4/B16 silent carrier: unknown outcomes resubmitted on the second carrier",
                        carriers(healthy, healthy), UnaryOperator.identity(), g -> {
                            g.awaitBound("a");
                            g.awaitBound("b");
                            g.carrier("a").control().update(b -> b.withFaults(faults(OptionalInt.empty(), true, 0)));
                        }, g -> assertThat(g.counters("b").messagesReceived()).isEqualTo(MESSAGES)),
                fault("B15 connection reset mid-window: in-flight parts resubmitted, nothing lost",
                        carriers(healthy.withResponseLatency(new LatencyModel.Fixed(Duration.ofMillis(20)))
                                .withFaults(faults(OptionalInt.empty(), false, RESET_AFTER_REQUESTS))),
                        UnaryOperator.identity(), g -> g.awaitBound("a"), g -> {
                            assertThat(g.counters("a").connections()).isGreaterThan(1);
                            assertThat(g.counters("a").messagesReceived()).isGreaterThanOrEqualTo(MESSAGES);
                        }),
                fault("B15 reset after fewer requests than our window: the window shrinks, every message goes",
                        carriers(healthy.withResponseLatency(new LatencyModel.Fixed(Duration.ofMillis(20)))
                                .withFaults(faults(OptionalInt.empty(), false, RESET_BELOW_WINDOW))),
                        UnaryOperator.identity(), g -> g.awaitBound("a"), g -> {
                            assertThat(g.counters("a").connections()).isGreaterThan(1);
                            assertThat(g.counters("a").messagesReceived()).isGreaterThanOrEqualTo(MESSAGES);
                            assertThat(g.server().context().metrics().registry()
                                    .get("smsgate.carrier.window.reductions").tag("carrier", "a").counter().count())
                                    .isPositive();
                        }),
                fault("B5 throttling: the bind slows down and every message still goes",
                        carriers(healthy.withThrottle(new Throttle(10, 0, 1))), UnaryOperator.identity(),
                        g -> g.awaitBound("a"), g -> {
                            assertThat(g.counters("a").sent(0x80000004, 0x58)).isPositive();
                            assertThat(g.counters("a").messagesReceived()).isEqualTo(MESSAGES);
                            assertThat(g.counters("a").duplicates()).isZero();
                        }),
                fault("B12 receipts before the submit_sm_resp",
                        carriers(healthy.withReceipts(receipts(Optional.empty(), 1.0, 0.0))),
                        UnaryOperator.identity(), g -> g.awaitBound("a"), GatewayCarrierFaultsIT::allOnCarrierA),
                fault("B13 every receipt sent twice",
                        carriers(healthy.withReceipts(receipts(Optional.empty(), 0.0, 1.0))),
                        UnaryOperator.identity(), g -> g.awaitBound("a"), g -> {
                            allOnCarrierA(g);
                            assertThat(g.counters("a").receiptsSent()).isEqualTo(2L * MESSAGES);
                        }),
                fault("B14 hexadecimal ids in receipts, decimal in responses",
                        carriers(healthy.withReceipts(receipts(
                                Optional.of(new MessageIdFormat(MessageIdFormat.Base.HEX, 10)), 0.0, 0.0))),
                        carrier -> carrier.withProfile(CarrierProfile.DEFAULTS
                                .withIds(MessageIdCorrelation.jasminDlrMsgIdBases(2))),
                        g -> g.awaitBound("a"), GatewayCarrierFaultsIT::allOnCarrierA));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.unbindAndClose();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void everyAcceptedMessageGetsExactlyOneDeliveredReceiptWithOurId(Fault fault) throws Exception {
        gateway = GatewayFixture.start("gateway_faults_it", dataPath, fault.carriers(), false,
                List.of(AccountConfig.of("acme", "secret1", List.of("127.0.0.1/32")).withTpsLimit(1000)),
                fault.tune());
        fault.beforeTraffic().accept(gateway);
        GatewayJsmppIT.Inbox inbox = bindClient();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.add(GatewayJsmppIT.submit(client, String.format("4477009011%02d", i), new ESMClass(), 0,
                    ("fault " + i).getBytes(StandardCharsets.US_ASCII)));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.receipts().size() >= MESSAGES);
        // Nothing more can be on its way: the outbox is empty and every receipt a carrier sent was answered.
        await().atMost(Duration.ofSeconds(20)).until(() ->
                gateway.count("SELECT count(*) FROM outbox WHERE kind = 'RECEIPT'") == 0
                        && fault.carriers().keySet().stream().map(gateway::counters)
                        .allMatch(c -> c.receiptsAcknowledged() + c.receiptsRejected() >= c.receiptsSent()));
        assertThat(inbox.receipts()).extracting(GatewayJsmppIT::receiptedId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(inbox.receipts()).extracting(GatewayCarrierFaultsIT::text)
                .allSatisfy(text -> assertThat(text).contains("stat:DELIVRD"));
        for (String id : ids) {
            assertThat(gateway.state(id)).contains("DELIVERED");
        }
        fault.check().accept(gateway);
    }

    @Test
    void aMessageThatResetsTheCarrierEveryTimeFailsAfterMaxConnectionResets() throws Exception {
        // The carrier resets every connection at its first submit_sm (the request after the bind): the message is
        // what it cannot take. Before the cap it went round on fresh connections until max-route-wait (10 minutes).
        gateway = GatewayFixture.start("gateway_faults_it", dataPath,
                carriers(CarrierBehaviour.DEFAULTS.withFaults(faults(OptionalInt.empty(), false, 1))), false,
                List.of(AccountConfig.of("acme", "secret1", List.of("127.0.0.1/32")).withTpsLimit(1000)),
                UnaryOperator.identity());
        gateway.awaitBound("a");
        GatewayJsmppIT.Inbox inbox = bindClient();

        String id = GatewayJsmppIT.submit(client, "447700901199", new ESMClass(), 0,
                "poison".getBytes(StandardCharsets.US_ASCII));

        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.receipts().size() >= 1);
        assertThat(inbox.receipts()).singleElement().satisfies(receipt -> {
            assertThat(GatewayJsmppIT.receiptedId(receipt)).isEqualTo(id);
            assertThat(text(receipt)).contains("stat:UNDELIV");
        });
        assertThat(gateway.state(id)).contains("FAILED");
        // Sent at most once per connection, so at most max-connection-resets times; the carrier may have read one
        // fewer when another request (an enquire_link) was the one it reset on while the message was in flight.
        assertThat(gateway.counters("a").received(0x00000004, 0))
                .as("submit_sm received, each answered by a reset")
                .isBetween((long) CarrierConfig.DEFAULT_MAX_CONNECTION_RESETS - 1,
                        (long) CarrierConfig.DEFAULT_MAX_CONNECTION_RESETS);
        assertThat(gateway.count("SELECT count(*) FROM message_event WHERE state = 'FAILED' AND detail LIKE "
                + "'%lost with the message in flight 3 times (carriers.a.max-connection-resets: 3)%'")).isOne();
    }

    // ---- fixtures ---------------------------------------------------------------------------------------------

    // A jSMPP transceiver bound as acme; the receipts it gets land in the returned inbox.
    private GatewayJsmppIT.Inbox bindClient() throws Exception {
        GatewayJsmppIT.Inbox inbox = new GatewayJsmppIT.Inbox();
        client = new SMPPSession();
        client.setTransactionTimer(10_000);
        client.setMessageReceiverListener(inbox);
        client.connectAndBind("127.0.0.1", gateway.smppPort(), new BindParameter(BindType.BIND_TRX, "acme",
                "secret1", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
        return inbox;
    }

    private static Fault fault(String name, LinkedHashMap<String, CarrierBehaviour> carriers,
            UnaryOperator<CarrierConfig> tune, Consumer<GatewayFixture> beforeTraffic,
            Consumer<GatewayFixture> check) {
        return new Fault(name, carriers, tune, beforeTraffic, check);
    }

    private static void allOnCarrierA(GatewayFixture gateway) {
        CounterSnapshot a = gateway.counters("a");
        assertThat(a.messagesReceived()).isEqualTo(MESSAGES);
        assertThat(a.duplicates()).isZero();
        assertThat(a.receiptsRejected()).isZero();
    }

    private static LinkedHashMap<String, CarrierBehaviour> carriers(CarrierBehaviour... behaviours) {
        LinkedHashMap<String, CarrierBehaviour> carriers = new LinkedHashMap<>();
        for (int i = 0; i < behaviours.length; i++) {
            carriers.put(String.valueOf((char) ('a' + i)), behaviours[i]);
        }
        return carriers;
    }

    private static Faults faults(OptionalInt refuseBinds, boolean silent, long resetAfterRequests) {
        return new Faults(refuseBinds, false, resetAfterRequests, silent, 0, 1.0, 0, Faults.Malformed.NONE, 0.0);
    }

    private static ReceiptBehaviour receipts(Optional<MessageIdFormat> idFormat, double beforeResponse,
            double duplicate) {
        return new ReceiptBehaviour(true, LatencyModel.ZERO, StatusMix.ALL_DELIVERED, 0.0,
                ReceiptBehaviour.Encoding.TEXT, idFormat, ReceiptBehaviour.DateFormat.TWELVE_DIGITS, false,
                beforeResponse, duplicate, 0.0);
    }

    private static String text(DeliverSm receipt) {
        return new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1);
    }
}
