package io.smsgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.text.Ucs2;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.store.EventDetail;
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
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The V050 triggers queue webhook events in the same transaction as the Journal's state change or MO. */
class WebhookTriggersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 1);
    private WebhookFixture fixture;
    private Journal journal;

    @BeforeEach
    void open(TestInfo test) throws Exception {
        fixture = new WebhookFixture("trigger_" + test.getTestMethod().orElseThrow().getName());
        new Partitions(fixture.database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
        journal = new Journal(fixture.database.dataSource(), new JournalConfig(100, Duration.ofMillis(2), 1000),
                new SimpleMeterRegistry());
        journal.start();
    }

    @AfterEach
    void close() throws Exception {
        journal.close();
        fixture.close();
    }

    private MessageId accept(Optional<String> statusCallback) throws Exception {
        NewMessage message = new NewMessage(ids.next(), WebhookFixture.ACCOUNT, Address.alphanumeric("ACME"),
                Address.international("447700900123"), 0, 0, 0, 0, 1, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(OctetString.ascii("hello")), OctetString.EMPTY);
        MessageId id = journal.submit(new JournalWrite.InsertMessage(message)).get(10, TimeUnit.SECONDS);
        if (statusCallback.isPresent()) {
            // Stands in for the send API, which stores status_callback with the message.
            fixture.execute("UPDATE message SET status_callback = '" + statusCallback.get() + "' WHERE message_id = "
                    + id.value());
        }
        return id;
    }

    private List<JsonNode> events(String type) throws Exception {
        String rows = fixture.text("SELECT coalesce(json_agg(data ORDER BY event_id), '[]') FROM webhook_event "
                + "WHERE event_type = '" + type + "'");
        return List.copyOf(JSON.readTree(rows).findParents("at"));
    }

    @Test
    void queuesAStatusEventForEachStateChangeOfASubscribedMessageInOrder() throws Exception {
        MessageId id = accept(Optional.of("https://hooks.example.com/status"));
        Instant now = Instant.now();

        journal.submit(new JournalWrite.RecordSubmission(id, "carrier-a", "c-1", 0, 1, now, ReceiptNotice.NONE,
                MultipartReceipts.ALL_PARTS)).get(10, TimeUnit.SECONDS);
        journal.submit(new JournalWrite.CorrelateReceipt("carrier-a", "c-1", MessageStatus.DELIVERED,
                Optional.of("DELIVRD"), Optional.of("000"), now.plusMillis(5), ReceiptNotice.NONE,
                MultipartReceipts.ALL_PARTS)).get(10, TimeUnit.SECONDS);

        List<JsonNode> events = events("message.status");
        assertThat(events).extracting(event -> event.path("status").asText()).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(events).allSatisfy(event -> assertThat(event.path("message_id").asLong()).isEqualTo(id.value()));
        assertThat(events.get(1).path("receipt_stat").asText()).isEqualTo("DELIVRD");
        assertThat(fixture.text("SELECT string_agg(DISTINCT order_key || ' ' || url || ' ' || endpoint, ',') "
                + "FROM webhook_event")).isEqualTo("msg:" + id.value()
                + " https://hooks.example.com/status https://hooks.example.com");
    }

    @Test
    void queuesNothingForMessagesWithoutAStatusCallback() throws Exception {
        MessageId id = accept(Optional.empty());

        journal.submit(JournalWrite.Transition.fromPending(id, MessageStatus.UNDELIVERABLE, EventDetail.NONE,
                Instant.now())).get(10, TimeUnit.SECONDS);

        assertThat(fixture.text("SELECT count(*) FROM message_event")).isEqualTo("1");
        assertThat(fixture.text("SELECT count(*) FROM webhook_event")).isEqualTo("0");
    }

    @Test
    void sendsAnMoToTheAccountsCallbackInsteadOfTheSmppOutbox() throws Exception {
        fixture.execute("INSERT INTO webhook_account (system_id, mo_url) VALUES ('acme', 'https://hooks.example.com/mo')");
        ClientEvent.Mo mo = new ClientEvent.Mo(Address.international("447700900999"), Address.international("12345"),
                0, 0, 0x08, Ucs2.INSTANCE.encode("héllo ☃"));

        journal.submit(mo.toOutbox(ids.next(), WebhookFixture.ACCOUNT, Instant.now(), Duration.ofDays(1)))
                .get(10, TimeUnit.SECONDS);

        assertThat(fixture.text("SELECT count(*) FROM outbox")).isEqualTo("0");
        List<JsonNode> events = events("message.received");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("from").asText()).isEqualTo("447700900999");
        assertThat(events.get(0).path("to").asText()).isEqualTo("12345");
        assertThat(fixture.text("SELECT order_key FROM webhook_event")).isEqualTo("mo:447700900999>12345");

        WebhookEvent claimed = new WebhookStore(fixture.database.dataSource())
                .settleAndClaim(List.of(), Instant.now().plusSeconds(1),
                        new WebhookStore.Claim(10, 10, Set.of(), Instant.now().plusSeconds(60))).get(0);
        JsonNode body = JSON.readTree(WebhookPayload.render(claimed));
        assertThat(body.path("type").asText()).isEqualTo("message.received");
        assertThat(body.path("data").path("text").asText()).isEqualTo("héllo ☃");
        assertThat(body.path("data").has("payload")).isFalse();
    }

    @Test
    void sendsAnMoToItsNumbersCallbackBeforeTheAccounts() throws Exception {
        fixture.execute("INSERT INTO webhook_account (system_id, mo_url) VALUES ('acme', 'https://hooks.example.com/mo')");
        fixture.execute("INSERT INTO number (number, system_id, mo_callback_url) "
                + "VALUES ('12345', 'acme', 'https://numbers.example.com/12345')");
        ClientEvent.Mo mo = new ClientEvent.Mo(Address.international("447700900999"), Address.international("12345"),
                0, 0, 0, OctetString.ascii("HELLO"));

        journal.submit(mo.toOutbox(ids.next(), WebhookFixture.ACCOUNT, Instant.now(), Duration.ofDays(1)))
                .get(10, TimeUnit.SECONDS);

        assertThat(fixture.text("SELECT count(*) FROM outbox")).isEqualTo("0");
        assertThat(fixture.text("SELECT url FROM webhook_event")).isEqualTo("https://numbers.example.com/12345");
    }

    @Test
    void leavesAnMoInTheOutboxWhenTheAccountHasNoMoCallback() throws Exception {
        ClientEvent.Mo mo = new ClientEvent.Mo(Address.international("447700900999"), Address.international("12345"),
                0, 0, 0, OctetString.ascii("STOP"));

        journal.submit(mo.toOutbox(ids.next(), WebhookFixture.ACCOUNT, Instant.now(), Duration.ofDays(1)))
                .get(10, TimeUnit.SECONDS);

        assertThat(fixture.text("SELECT count(*) FROM outbox")).isEqualTo("1");
        assertThat(fixture.text("SELECT count(*) FROM webhook_event")).isEqualTo("0");
    }
}
