package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.routing.CircuitState;
import io.smsgate.routing.HealthBoard;
import io.smsgate.routing.HealthConfig;
import io.smsgate.routing.Router;
import io.smsgate.routing.RoutingListener;
import io.smsgate.routing.SubmitResult;
import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.server.config.ConfigLoader;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.gateway.GatewayFixture;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.store.EventDetail;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageEvent;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.StoredMessage;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.Faults;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.counters.CounterSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The carrier side's gaps of issue 4 closed, through the Journal (real embedded PostgreSQL) and a simulated carrier:
 * half-open breaker probes, late receipts under the WAIT in-flight policy, validity and scheduled delivery.
 */
class CarrierFeaturesIT {

    private static final String SYSTEM_ID = "acme";

    private static DispatchStore db;
    private static final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 9);
    private static final AtomicInteger runs = new AtomicInteger();

    private final int run = runs.incrementAndGet();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SmscSimulator simulator;
    private CarrierDispatcher dispatcher;
    private Router router;

    @BeforeAll
    static void store() {
        db = DispatchStore.open("carrier_features_it", "carrier-features-it");
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

    // ---- half-open breaker probes -----------------------------------------------------------------------------

    @Test
    void aHalfOpenCarrierWithOneMessageAtATimeIsProbedWhenDueAndItsBreakerCloses() {
        // One probe in 1,000 keys: left to the message's own key, a quiet carrier would practically never be probed.
        HealthConfig health = new HealthConfig(Duration.ofSeconds(60), 12, 20, 0.5, 3, Duration.ofMillis(300), 1000,
                2, 50);
        // A probe must succeed: with the quick carrier's 1.5 s response timeout, a pause of the machine between the
        // simulator's answer and our read of it timed a probe out, opened the breaker again, and left it open.
        start(UnaryOperator.identity(), carrier -> carrier.withBinds(List.of(carrier.binds().get(0).withTimers(
                        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(3)))), health,
                new DispatchConfig(Duration.ofMillis(50), Duration.ofMinutes(1), Duration.ofHours(1),
                        Duration.ofMillis(100)));
        // The breaker is read at the time of the failures: read later, 300 ms of open-duration may have passed.
        Instant failed = Instant.now();
        for (int i = 0; i < 3; i++) {
            router.health().submitted(carrier(), "", SubmitResult.TIMEOUT, Duration.ofSeconds(1), failed);
        }
        assertThat(router.health().status(carrier()).circuitAt(failed.toEpochMilli())).isEqualTo(CircuitState.OPEN);
        await().atMost(Duration.ofSeconds(10)).until(() -> circuit() == CircuitState.HALF_OPEN);

        for (int i = 0; i < 3; i++) {
            StoredMessage message =
                    db.insert(gsm7("44770091000" + i, "probe " + i, Optional.empty(), Optional.empty()));
            dispatcher.dispatch(message);
            db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        }

        assertThat(circuit()).isEqualTo(CircuitState.CLOSED);
        assertThat(counters().messagesReceived()).isEqualTo(3);
    }

    // ---- session timers from smsgate.yaml ----------------------------------------------------------------------

    @Test
    void aBindTheCarrierFallsSilentOnIsClosedAfterTheInactivityTimeoutReadFromYamlAndBindsAgain() {
        // The carrier answers the bind, then nothing: not our enquire_link (sent after 1 s idle, its response timeout
        // 30 s), so only the 2 s inactivity timeout can end the connection within the wait below.
        startAt(behaviour -> behaviour.withFaults(new Faults(OptionalInt.empty(), false, 0, false, 1, 1.0, 0,
                        Faults.Malformed.NONE, 0.0)),
                port -> ConfigLoader.parse("carriers: [{id: " + carrier() + ", host: 127.0.0.1, port: " + port
                        + ", system-id: smsgate, password: secret, reconnect: {initial: 50ms, max: 500ms},"
                        + " binds: [{enquire-link-interval: 1s, inactivity-timeout: 2s}]}]", "test.yaml",
                        SmsgateConfig.class, Map.of()).carriers().get(0).toConfig(CarrierProfile.DEFAULTS),
                HealthConfig.DEFAULTS, fastDispatch());

        await().atMost(Duration.ofSeconds(15)).until(() -> counters().bindsAccepted() >= 2);
        assertThat(counters().received(CommandId.ENQUIRE_LINK.code(), 0)).isPositive();
        assertThat(counters().sent(CommandId.ENQUIRE_LINK_RESP.code(), 0)).isZero();
    }

    // ---- the WAIT in-flight policy -----------------------------------------------------------------------------

    @Test
    void underTheWaitPolicyALateResponseLeavesTheMessageOpenAndItsReceiptIsCorrelatedWhenItComes() {
        start(behaviour -> behaviour.withResponseLatency(new LatencyModel.Fixed(Duration.ofMillis(1200))),
                carrier -> carrier.withInFlight(InFlightPolicy.WAIT).withBinds(List.of(BindConfig.DEFAULTS
                        .withTimers(Duration.ofSeconds(30), Duration.ofMillis(400), Duration.ofSeconds(3)))),
                HealthConfig.DEFAULTS, fastDispatch());
        StoredMessage message = db.insert(gsm7("447700912001", "slow carrier", Optional.empty(), Optional.empty()));

        dispatcher.dispatch(message);

        db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        assertThat(db.receiptFor(SYSTEM_ID, message.id()).state()).isEqualTo(ReceiptState.DELIVRD);
        assertThat(counters().messagesReceived()).isEqualTo(1);
        assertThat(counters().duplicates()).isZero();
        assertThat(registry.get("smsgate.carrier.resubmissions").tag("carrier", carrier()).counter().count())
                .isZero();
    }

    // ---- validity_period and schedule_delivery_time ------------------------------------------------------------

    @Test
    void aMessageWhoseValidityEndedBeforeSubmissionIsExpiredWithAReceiptAndNeverReachesTheCarrier() {
        start(UnaryOperator.identity(), UnaryOperator.identity(), HealthConfig.DEFAULTS, fastDispatch());
        Instant validUntil = Instant.now().plusMillis(200);
        StoredMessage message = db.insert(gsm7("447700911001", "too late", Optional.of(validUntil), Optional.empty()));
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(validUntil));

        dispatcher.dispatch(message);

        db.awaitStatus(message.id(), MessageStatus.EXPIRED);
        ClientEvent.Receipt receipt = db.receiptFor(SYSTEM_ID, message.id());
        assertThat(receipt.state()).isEqualTo(ReceiptState.EXPIRED);
        assertThat(receipt.delivered()).isZero();
        assertThat(counters().messagesReceived()).isZero();
    }

    @Test
    void aScheduledMessageIsHeldUntilItsTimeThenSubmittedWithinItsValidity() {
        start(UnaryOperator.identity(), UnaryOperator.identity(), HealthConfig.DEFAULTS, fastDispatch());
        Instant notBefore = Instant.now().plusMillis(1500);
        StoredMessage message = db.insert(gsm7("447700911002", "later", Optional.of(notBefore.plusSeconds(3600)),
                Optional.of(notBefore)));

        dispatcher.dispatch(message);

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> counters().messagesReceived() == 0);
        db.awaitStatus(message.id(), MessageStatus.DELIVERED);
        assertThat(counters().messagesReceived()).isEqualTo(1);
        List<MessageEvent> events = db.reader().events(message.id()).join();
        assertThat(events).filteredOn(event -> event.status() == MessageStatus.SUBMITTED).isNotEmpty()
                .allSatisfy(event -> assertThat(event.at()).isAfterOrEqualTo(notBefore));
    }

    @Test
    void aScheduledMessageCancelledWhileHeldNeverReachesTheCarrier() {
        start(UnaryOperator.identity(), UnaryOperator.identity(), HealthConfig.DEFAULTS, fastDispatch());
        Instant notBefore = Instant.now().plusMillis(700);
        StoredMessage message = db.insert(gsm7("447700911003", "never mind", Optional.empty(), Optional.of(notBefore)));
        dispatcher.dispatch(message);

        assertThat(db.journal().submit(JournalWrite.Transition.fromPending(message.id(), MessageStatus.CANCELLED,
                EventDetail.note("cancel_sm"), Instant.now())).join()).isTrue();

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> counters().messagesReceived() == 0);
        assertThat(db.reader().findMessage(message.id()).join().orElseThrow().status())
                .isEqualTo(MessageStatus.CANCELLED);
    }

    // ---- fixtures ---------------------------------------------------------------------------------------------

    private void start(UnaryOperator<CarrierBehaviour> behaviour, UnaryOperator<CarrierConfig> tune,
                       HealthConfig health, DispatchConfig dispatch) {
        startAt(behaviour, port -> tune.apply(GatewayFixture.quickCarrier(carrier(), port)), health, dispatch);
    }

    /** Starts the simulated carrier, then a dispatcher for the carrier {@code carrierAt} its port. */
    private void startAt(UnaryOperator<CarrierBehaviour> behaviour, IntFunction<CarrierConfig> carrierAt,
                       HealthConfig health, DispatchConfig dispatch) {
        LinkedHashMap<String, CarrierBehaviour> simulated = new LinkedHashMap<>();
        simulated.put("sim", behaviour.apply(CarrierBehaviour.DEFAULTS));
        simulator = GatewayFixture.simulate(simulated);
        int port = simulator.carrier("sim").orElseThrow().address().getPort();
        CarrierConfig carrier = carrierAt.apply(port);
        router = new Router(StaticRoutes.snapshot(Map.of("", List.of(carrier()))),
                new HealthBoard(health, RoutingListener.NOOP), RoutingListener.NOOP);
        dispatcher = db.dispatcher(List.of(carrier), dispatch, router, ids, registry);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> dispatcher.connector(carrier()).orElseThrow().boundBinds() == 1);
    }

    /** Our id of the simulated carrier: each test's own, as the database is shared and simulator ids restart at 1. */
    private String carrier() {
        return "sim-" + run;
    }

    private CircuitState circuit() {
        return router.health().status(carrier()).circuitAt(Instant.now().toEpochMilli());
    }

    private CounterSnapshot counters() {
        return simulator.carrier("sim").orElseThrow().counters().snapshot();
    }

    private static NewMessage gsm7(String destination, String text, Optional<Instant> validityUntil,
                                   Optional<Instant> notBefore) {
        return new NewMessage(ids.next(), SYSTEM_ID, Address.alphanumeric("ACME"), Address.international(destination),
                0, 0, 0, 0, 1, validityUntil, notBefore, Optional.empty(), List.of(Gsm7.DEFAULT.encode(text)),
                OctetString.EMPTY);
    }

    private static DispatchConfig fastDispatch() {
        return new DispatchConfig(Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofHours(1));
    }
}
