package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.RetentionConfig;
import io.smsgate.server.store.StoreRetention;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the client notifier treats each deliver_sm_resp, expiry, and back-pressure from the carrier side. */
@Timeout(120)
class DeliveryIT {

    private static UpstreamFixture fixture;
    private static ExecutorService executor;
    private static DefaultSmppClient client;

    @BeforeAll
    static void start() {
        fixture = new UpstreamFixture("delivery_it", List.of(
                AccountConfig.of("retry", "secret1", List.of("127.0.0.1")),
                AccountConfig.of("refuse", "secret2", List.of("127.0.0.1")),
                AccountConfig.of("expire", "secret3", List.of("127.0.0.1")),
                AccountConfig.of("busy", "secret4", List.of("127.0.0.1")),
                AccountConfig.of("memory", "secret6", List.of("127.0.0.1")),
                AccountConfig.of("late", "secret7", List.of("127.0.0.1")),
                // A deliver-window past the session's outbound window (10 in this fixture).
                new AccountConfig("wide", "secret5", Set.of(BindType.values()), 4, List.of("127.0.0.1"), 100, 40,
                        "SMPP34")),
                config -> config);
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 2);
    }

    @AfterAll
    static void stop() {
        client.destroy();
        executor.shutdownNow();
        fixture.close();
    }

    /** Answers the n-th deliver_sm (0-based) with {@code statuses.applyAsInt(n)}. */
    private static com.cloudhopper.smpp.SmppSession receiver(String systemId, String password,
            IntUnaryOperator statuses, AtomicInteger seen) throws Exception {
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.RECEIVER, systemId, password);
        config.setHost("127.0.0.1");
        config.setPort(fixture.port());
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        return client.bind(config, new DefaultSmppSessionHandler() {
            @Override
            @SuppressWarnings("rawtypes")
            public PduResponse firePduRequestReceived(PduRequest request) {
                PduResponse response = request.createResponse();
                if (request instanceof com.cloudhopper.smpp.pdu.DeliverSm) {
                    response.setCommandStatus(statuses.applyAsInt(seen.getAndIncrement()));
                }
                return response;
            }
        });
    }

    private static ClientEvent.Mo mo(String text) {
        return new ClientEvent.Mo(Address.international("447700900200"), new Address(0, 0, "5555"), 0, 0, 0,
                OctetString.ascii(text));
    }

    @Test
    void aTemporaryRefusalIsRetriedAfterABackoffAndTheRowLeavesOnlyOnOk() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        com.cloudhopper.smpp.SmppSession session = receiver("retry", "secret1",
                n -> n == 0 ? SmppConstants.STATUS_X_T_APPN : SmppConstants.STATUS_OK, seen);
        try {
            MessageId row = fixture.enqueue("retry", mo("again"), Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(seen.get()).isEqualTo(2);
                assertThat(fixture.count("SELECT count(*) FROM outbox WHERE outbox_id = ?", row.value())).isZero();
            });
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    @Test
    void aDeliverSmTheSessionRefusedUnsentIsSentAgainWithoutCountingARetry() throws Exception {
        double retriedBefore = retried();
        List<MessageId> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(fixture.enqueue("wide", mo("burst " + i), Duration.ofHours(1)));
        }
        AtomicInteger seen = new AtomicInteger();
        com.cloudhopper.smpp.SmppSession session = receiver("wide", "secret5", n -> SmppConstants.STATUS_OK, seen);
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixture.count(
                    "SELECT count(*) FROM outbox WHERE system_id = 'wide'")).isZero());
            assertThat(seen.get()).isEqualTo(rows.size());
            assertThat(retried()).isEqualTo(retriedBefore);
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    @Test
    void rowsCommittedWhileAReceiverIsBoundGoOutFromMemoryEachOnce() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        com.cloudhopper.smpp.SmppSession session = receiver("memory", "secret6", n -> SmppConstants.STATUS_OK, seen);
        try {
            double readsBefore = fixture.meters.get("smsgate.outbox.reads").counter().count();
            int rows = 300;
            for (int i = 0; i < rows; i++) {
                fixture.commit("memory", mo("hot " + i), Duration.ofHours(1));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixture.count(
                    "SELECT count(*) FROM outbox WHERE system_id = 'memory'")).isZero());
            assertThat(seen.get()).isEqualTo(rows);
            // Only the poll reads the store (every 200 ms here), never once per row.
            assertThat(fixture.meters.get("smsgate.outbox.reads").counter().count() - readsBefore)
                    .isLessThan(rows / 5.0);
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    private static double retried() {
        return fixture.meters.get("smsgate.outbox.deliveries").tag("outcome", "retried").counter().count();
    }

    @Test
    void aPermanentRefusalStopsAndDeadLettersTheRow() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        com.cloudhopper.smpp.SmppSession session = receiver("refuse", "secret2",
                n -> SmppConstants.STATUS_X_P_APPN, seen);
        try {
            MessageId row = fixture.enqueue("refuse", mo("never"), Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixture.count(
                    "SELECT count(*) FROM outbox WHERE outbox_id = ? AND state = 'DEAD'", row.value())).isEqualTo(1));
            assertThat(seen.get()).isEqualTo(1);
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    @Test
    void aRowRetentionDeadLettersWhileItsDeliverSmIsOutIsCountedDeadOnlyByRetention() throws Exception {
        double deadBefore = deliveries("dead");
        double alreadySettledBefore = deliveries("already_settled");
        SimpleMeterRegistry retentionMeters = new SimpleMeterRegistry();
        StoreRetention retention = new StoreRetention(fixture.database.dataSource(), RetentionConfig.DEFAULTS,
                retentionMeters);
        MessageId row = fixture.enqueue("late", mo("refused after its expiry"), Duration.ofHours(1));
        AtomicInteger seen = new AtomicInteger();
        // While the deliver_sm is out, the row expires and the hourly retention dead-letters it; then the client
        // refuses it for good, and the notifier's own dead-lettering finds the row no longer pending.
        com.cloudhopper.smpp.SmppSession session = receiver("late", "secret7", n -> {
            try {
                fixture.execute("UPDATE outbox SET expires_at = now() - interval '1 second' WHERE outbox_id = "
                        + row.value());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            assertThat(retention.run(Instant.now()).outboxDeadLettered()).isEqualTo(1);
            return SmppConstants.STATUS_X_P_APPN;
        }, seen);
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(deliveries("already_settled") - alreadySettledBefore).isEqualTo(1));
            assertThat(deliveries("dead")).isEqualTo(deadBefore);
            assertThat(retentionMeters.get("smsgate.store.retention.rows").tag("table", "outbox")
                    .tag("action", "dead_lettered").counter().count()).isEqualTo(1);
            assertThat(fixture.count("SELECT count(*) FROM outbox WHERE outbox_id = ? AND state = 'DEAD'"
                    + " AND dead_at IS NOT NULL AND attempts = 0", row.value())).isEqualTo(1);
            assertThat(seen.get()).isEqualTo(1);
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    private static double deliveries(String outcome) {
        return fixture.meters.get("smsgate.outbox.deliveries").tag("outcome", outcome).counter().count();
    }

    @Test
    void aRowPastItsExpiryIsDeadLetteredWithoutBeingSent() throws Exception {
        MessageId row = fixture.enqueue("expire", mo("too late"), Duration.ofMillis(1));
        await().until(() -> fixture.count("SELECT count(*) FROM outbox WHERE outbox_id = ? AND expires_at < now()",
                row.value()) == 1);
        AtomicInteger seen = new AtomicInteger();
        com.cloudhopper.smpp.SmppSession session = receiver("expire", "secret3", n -> SmppConstants.STATUS_OK, seen);
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixture.count(
                    "SELECT count(*) FROM outbox WHERE outbox_id = ? AND state = 'DEAD'", row.value())).isEqualTo(1));
            assertThat(seen.get()).isZero();
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    @Test
    void aFullCarrierSideIsAnsweredThrottledAndNothingIsStored() throws Exception {
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.TRANSMITTER, "busy", "secret4");
        config.setHost("127.0.0.1");
        config.setPort(fixture.port());
        com.cloudhopper.smpp.SmppSession session = client.bind(config, new UpstreamServerIT.Inbox());
        fixture.dispatch.full = true;
        try {
            com.cloudhopper.smpp.pdu.SubmitSm submit = new com.cloudhopper.smpp.pdu.SubmitSm();
            submit.setSourceAddress(new com.cloudhopper.smpp.type.Address((byte) 5, (byte) 0, "BUSY"));
            submit.setDestAddress(new com.cloudhopper.smpp.type.Address((byte) 1, (byte) 1, "447700900300"));
            submit.setShortMessage("wait".getBytes(StandardCharsets.US_ASCII));
            assertThat(session.submit(submit, 10_000).getCommandStatus()).isEqualTo(SmppConstants.STATUS_THROTTLED);
            assertThat(fixture.count("SELECT count(*) FROM message WHERE system_id = 'busy'")).isZero();

            fixture.dispatch.full = false;
            assertThat(session.submit(submit, 10_000).getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
        } finally {
            fixture.dispatch.full = false;
            session.unbind(5000);
            session.destroy();
        }
    }
}
