package io.smsgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalConfig;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.MultipartReceipts;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.Partitions;
import io.smsgate.server.store.ReceiptNotice;
import io.smsgate.server.store.RetentionConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A status event written by the V050 trigger in a Journal transaction is delivered when that transaction commits,
 * not at the next poll: the poll here is an hour, so only the Journal's commit signal can have sent it.
 */
class WebhookCommitWakeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WebhookConfig POLL_HOURLY = WebhookConfig.DEFAULTS.withPollInterval(Duration.ofHours(1));

    private final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 1);
    private WebhookFixture fixture;
    private Journal journal;
    private Receiver receiver;

    @BeforeEach
    void open(TestInfo test) throws Exception {
        fixture = new WebhookFixture("wake_" + test.getTestMethod().orElseThrow().getName());
        new Partitions(fixture.database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
        journal = new Journal(fixture.database.dataSource(), new JournalConfig(100, Duration.ofMillis(2), 1000),
                new SimpleMeterRegistry());
        journal.start();
        receiver = new Receiver(fixture.vertx, Receiver.always(204));
    }

    @AfterEach
    void close() throws Exception {
        receiver.close();
        journal.close();
        fixture.close();
    }

    @Test
    void deliversAStatusEventWhenItsJournalTransactionCommitsWithoutWaitingForThePoll() throws Exception {
        WebhookDispatcher dispatcher = fixture.start(POLL_HOURLY);
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);
        journal.addCommitListener(dispatcher::wake);
        firstPollDone();
        MessageId id = acceptWithCallback(receiver.url("/status"));

        journal.submit(new JournalWrite.RecordSubmission(id, "carrier-a", "c-1", 0, 1, Instant.now(),
                ReceiptNotice.NONE, MultipartReceipts.ALL_PARTS)).get(10, TimeUnit.SECONDS);
        journal.submit(new JournalWrite.CorrelateReceipt("carrier-a", "c-1", MessageStatus.DELIVERED,
                Optional.of("DELIVRD"), Optional.of("000"), Instant.now(), ReceiptNotice.NONE,
                MultipartReceipts.ALL_PARTS)).get(10, TimeUnit.SECONDS);

        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.accepted().size() == 2);
        assertThat(receiver.requests).extracting(r -> JSON.readTree(r.body()).path("data").path("status").asText())
                .containsExactly("SUBMITTED", "DELIVERED");
    }

    @Test
    void waitsForThePollWhenNothingSignalsTheCommit() throws Exception {
        WebhookDispatcher dispatcher = fixture.start(POLL_HOURLY);
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);
        firstPollDone();
        MessageId id = acceptWithCallback(receiver.url("/status"));

        journal.submit(new JournalWrite.RecordSubmission(id, "carrier-a", "c-1", 0, 1, Instant.now(),
                ReceiptNotice.NONE, MultipartReceipts.ALL_PARTS)).get(10, TimeUnit.SECONDS);
        // Without the listener the event stays queued (the hourly poll ran at start, before it existed): this is
        // what makes the test above depend on the commit signal.
        assertThat(fixture.text("SELECT state || ' ' || attempts FROM webhook_event")).isEqualTo("PENDING 0");

        dispatcher.wake();
        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.accepted().size() == 1);
    }

    // The poll's first cycle runs at start; the next one is an hour away.
    private void firstPollDone() {
        await().atMost(10, TimeUnit.SECONDS).until(() -> fixture.meters.counter("smsgate.webhook.cycles").count() >= 1);
    }

    private MessageId acceptWithCallback(String url) throws Exception {
        NewMessage message = new NewMessage(ids.next(), WebhookFixture.ACCOUNT, Address.alphanumeric("ACME"),
                Address.international("447700900123"), 0, 0, 0, 0, 1, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(OctetString.ascii("hello")), OctetString.EMPTY);
        MessageId id = journal.submit(new JournalWrite.InsertMessage(message)).get(10, TimeUnit.SECONDS);
        // Stands in for the send API, which stores status_callback with the message.
        fixture.execute("UPDATE message SET status_callback = '" + url + "' WHERE message_id = " + id.value());
        return id;
    }
}
