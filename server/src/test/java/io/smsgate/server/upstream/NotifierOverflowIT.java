package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.pipeline.ClientEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client notifier's memory queue, full: the rows it could not hold are read back, and none goes out twice. */
@Timeout(120)
class NotifierOverflowIT {

    private static final int MEMORY_QUEUE = 5;

    private UpstreamFixture fixture;
    private ExecutorService executor;
    private DefaultSmppClient client;

    @BeforeEach
    void start() {
        fixture = new UpstreamFixture("notifier_overflow_it",
                List.of(AccountConfig.of("overflow", "secret7", List.of("127.0.0.1"))),
                config -> config.withNotifier(new NotifierConfig(Duration.ofMillis(200), 100, Duration.ofMillis(200),
                        Duration.ofSeconds(2), MEMORY_QUEUE)));
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 1);
    }

    @AfterEach
    void stop() {
        client.destroy();
        executor.shutdownNow();
        fixture.close();
    }

    @Test
    void rowsBeyondTheMemoryQueueAreReadBackAndEachGoesOutOnce() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.RECEIVER, "overflow", "secret7");
        config.setHost("127.0.0.1");
        config.setPort(fixture.port());
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        SmppSession session = client.bind(config, new DefaultSmppSessionHandler() {
            @Override
            @SuppressWarnings("rawtypes")
            public PduResponse firePduRequestReceived(PduRequest request) {
                if (request instanceof DeliverSm deliver) {
                    String text = new String(deliver.getShortMessage(), StandardCharsets.ISO_8859_1);
                    received.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
                }
                return request.createResponse();
            }
        });
        try {
            int rows = 200;
            for (int i = 0; i < rows; i++) {
                fixture.commit("overflow", new ClientEvent.Mo(Address.international("447700900200"),
                        new Address(0, 0, "5555"), 0, 0, 0, OctetString.ascii("row " + i)), Duration.ofHours(1));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fixture.count(
                    "SELECT count(*) FROM outbox WHERE system_id = 'overflow'")).isZero());
            assertThat(received).hasSize(rows);
            assertThat(received.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(fixture.meters.get("smsgate.outbox.reads").counter().count()).isPositive();
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }
}
