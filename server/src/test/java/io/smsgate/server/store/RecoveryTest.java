package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.JournalWrite.CompleteOutbox;
import io.smsgate.server.store.JournalWrite.EnqueueOutbox;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import io.smsgate.server.store.JournalWrite.RetryOutbox;
import io.smsgate.server.store.JournalWrite.Transition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a restarted node finds: exactly the unfinished messages and outbox rows, as they were stored. */
class RecoveryTest {

    private static StoreFixture store;
    private static StoreFixture.Running running;
    private static Journal journal;
    private static StoreReader reader;

    @BeforeAll
    static void openStore() {
        use(new StoreFixture("recovery_test"));
    }

    @AfterAll
    static void closeStore() {
        running.close();
        store.close();
    }

    @Test
    void recoveryReturnsExactlyTheNonFinalMessagesAndPendingOutboxRows() throws Exception {
        // A database of its own: the other tests' messages would be pending too.
        onOwnDatabase("recovery_test_exact", RecoveryTest::recoverExactly);
    }

    @Test
    void owedReceiptsAreTheFinalMessagesThatAskedForOneAndNeverReachedTheOutbox() throws Exception {
        onOwnDatabase("recovery_test_owed", RecoveryTest::findOwedReceipts);
    }

    /** Runs {@code check} against a fresh database of its own, then returns to the class's shared one. */
    private static void onOwnDatabase(String name, Check check) throws Exception {
        StoreFixture previous = store;
        StoreFixture.Running previousRunning = running;
        use(new StoreFixture(name));
        try {
            check.run();
        } finally {
            running.close();
            store.close();
            store = previous;
            running = previousRunning;
            journal = running.journal();
            reader = running.reader();
        }
    }

    private static void use(StoreFixture fixture) {
        store = fixture;
        running = fixture.start();
        journal = running.journal();
        reader = running.reader();
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    private static void findOwedReceipts() throws Exception {
        Instant now = Instant.now();
        MessageId deliveredQueued = accept(1);
        MessageId deliveredOwed = accept(1);
        MessageId undeliveredOwed = accept(2);
        MessageId deliveredFailureOnly = accept(2);
        MessageId failedNoReceipt = accept(0);
        MessageId failedOwed = accept(1);
        MessageId submitted = accept(1);
        MessageId cancelled = accept(1);
        receipt(deliveredQueued, "r-1", MessageStatus.DELIVERED, "DELIVRD", Optional.empty(), now);
        write(new EnqueueOutbox(store.ids.next(), "acme", OutboxKind.RECEIPT, Optional.of(deliveredQueued),
                OctetString.ascii("id:1 stat:DELIVRD"), now, now.plus(Duration.ofDays(2)), now));
        receipt(deliveredOwed, "r-2", MessageStatus.DELIVERED, "DELIVRD", Optional.empty(), now);
        receipt(undeliveredOwed, "r-3", MessageStatus.UNDELIVERABLE, "UNDELIV", Optional.of("042"), now);
        receipt(deliveredFailureOnly, "r-4", MessageStatus.DELIVERED, "DELIVRD", Optional.empty(), now);
        EventDetail refused = new EventDetail(Optional.empty(), Optional.empty(), OptionalInt.of(0x45),
                Optional.of("REJECTD"), Optional.of("045"), Optional.of("refused"));
        write(Transition.fromPending(failedNoReceipt, MessageStatus.FAILED, refused, now));
        write(Transition.fromPending(failedOwed, MessageStatus.FAILED, refused, now));
        write(CarrierWrites.submission(submitted, "alpha", "r-5", 0, 1, now));
        write(Transition.fromPending(cancelled, MessageStatus.CANCELLED, EventDetail.note("cancel_sm"), now));

        List<OwedReceipt> owed = new ArrayList<>();
        int count = reader.forEachOwedReceipt(now.minus(Duration.ofDays(1)), owed::add);

        assertThat(count).isEqualTo(3);
        assertThat(owed).extracting(o -> o.message().id())
                .containsExactly(deliveredOwed, undeliveredOwed, failedOwed);
        assertThat(owed).extracting(o -> o.message().status())
                .containsExactly(MessageStatus.DELIVERED, MessageStatus.UNDELIVERABLE, MessageStatus.FAILED);
        assertThat(owed).extracting(OwedReceipt::stat).containsExactly(Optional.of("DELIVRD"),
                Optional.of("UNDELIV"), Optional.of("REJECTD"));
        assertThat(owed).extracting(OwedReceipt::error).containsExactly(Optional.empty(), Optional.of("042"),
                Optional.of("045"));
        // Queuing a receipt settles its message; an MO (no message of ours) settles nothing.
        write(new EnqueueOutbox(store.ids.next(), "acme", OutboxKind.RECEIPT, Optional.of(deliveredOwed),
                OctetString.ascii("id:2 stat:DELIVRD"), now, now.plus(Duration.ofDays(2)), now));
        write(new EnqueueOutbox(store.ids.next(), "acme", OutboxKind.MO, Optional.empty(),
                OctetString.ascii("hello"), now, now.plus(Duration.ofDays(2)), now));
        List<OwedReceipt> left = new ArrayList<>();
        reader.forEachOwedReceipt(now.minus(Duration.ofDays(1)), left::add);
        assertThat(left).extracting(o -> o.message().id()).containsExactly(undeliveredOwed, failedOwed);
        assertThat(reader.forEachOwedReceipt(now.plus(Duration.ofDays(1)), o -> { })).isZero();
    }

    private static MessageId accept(int registeredDelivery) throws Exception {
        NewMessage template = store.message("acme", "447700900123");
        return write(new InsertMessage(new NewMessage(template.id(), template.systemId(), template.source(),
                template.destination(), 0, 0, 0, 0, registeredDelivery, Optional.empty(), Optional.empty(),
                Optional.empty(), template.parts(), template.tlvs())));
    }

    private static void receipt(MessageId id, String carrierMessageId, MessageStatus status, String stat,
                                Optional<String> error, Instant now) throws Exception {
        write(CarrierWrites.submission(id, "alpha", carrierMessageId, 0, 1, now));
        write(CarrierWrites.receipt("alpha", carrierMessageId, status, Optional.of(stat), error, now));
    }

    private static void recoverExactly() throws Exception {
        Instant now = Instant.now();
        MessageId queued = accept();
        MessageId submitted = accept();
        MessageId delivered = accept();
        MessageId failed = accept();
        MessageId retrying = accept();
        write(CarrierWrites.submission(submitted, "alpha", "r-1", 0, 1, now));
        write(CarrierWrites.submission(delivered, "alpha", "r-2", 0, 1, now));
        write(CarrierWrites.receipt("alpha", "r-2", MessageStatus.DELIVERED, Optional.of("DELIVRD"), Optional.empty(),
                now));
        write(Transition.fromPending(failed, MessageStatus.FAILED, EventDetail.note("no route"), now));
        Instant retryAt = now.plusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        write(new Transition(retrying, java.util.Set.of(MessageStatus.QUEUED), MessageStatus.QUEUED,
                Optional.of(retryAt), true, EventDetail.carrierAnswer("alpha", 0x58, "throttled"), now));

        MessageId waiting = outbox(now);
        MessageId acknowledged = outbox(now);
        MessageId dead = outbox(now);
        MessageId retried = outbox(now);
        write(new CompleteOutbox(acknowledged));
        write(new RetryOutbox(dead, Optional.empty(), now));
        write(new RetryOutbox(retried, Optional.of(now.plusSeconds(60)), now));

        List<StoredMessage> pending = new ArrayList<>();
        int count = reader.forEachPendingMessage(pending::add);
        List<OutboxEntry> outbox = new ArrayList<>();
        reader.forEachPendingOutbox(outbox::add);

        assertThat(count).isEqualTo(3);
        assertThat(pending).extracting(StoredMessage::id).containsExactly(queued, submitted, retrying);
        assertThat(pending).extracting(StoredMessage::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.SUBMITTED, MessageStatus.QUEUED);
        StoredMessage retry = pending.get(2);
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.message().notBefore()).contains(retryAt);
        assertThat(pending.get(1).carrierId()).contains("alpha");
        assertThat(pending.get(1).carrierMessageId()).contains("r-1");
        assertThat(outbox).extracting(OutboxEntry::outboxId).containsExactlyInAnyOrder(waiting, retried);
        assertThat(outbox).filteredOn(e -> e.outboxId().equals(retried)).singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(reader.dueOutbox("acme", now.plusSeconds(1), 10).get(10, TimeUnit.SECONDS))
                .extracting(OutboxEntry::outboxId).containsExactly(waiting);
    }

    @Test
    void aStoredMessageReadsBackAsAccepted() throws Exception {
        NewMessage message = new NewMessage(store.ids.next(), "acme", new Address(1, 1, "447700900001"),
                new Address(1, 1, "447700900002"), 0x40, 0, 1, 8, 1,
                Optional.of(Instant.parse("2030-01-01T00:00:00Z")), Optional.empty(), Optional.of("ref-1"),
                List.of(OctetString.fromHex("050003aa0201d83dde00"), OctetString.fromHex("050003aa02020041")),
                OctetString.fromHex("020400020001"));
        write(new InsertMessage(message));

        StoredMessage stored = reader.findMessage(message.id()).get(10, TimeUnit.SECONDS).orElseThrow();

        assertThat(stored.message()).isEqualTo(message);
        assertThat(stored.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(reader.findMessage(store.ids.next()).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    static Stream<Arguments> textSpecialToCopy() {
        return Stream.of(
                Arguments.of("backslash and tab", "a\\b\tc"),
                Arguments.of("newline and return", "line1\nline2\r"),
                Arguments.of("COPY's null marker", "\\N"),
                Arguments.of("array and bytea syntax", "{\"\\x00\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textSpecialToCopy")
    void textThatIsSpecialToCopyIsStoredAsIs(String caseName, String value) throws Exception {
        NewMessage message = new NewMessage(store.ids.next(), "acme", Address.alphanumeric(value),
                new Address(1, 1, "447700900002"), 0, 0, 0, 0, 0, Optional.empty(), Optional.empty(),
                Optional.of(value), List.of(OctetString.fromHex("5c78305c")), OctetString.fromHex("5c"));
        write(new InsertMessage(message));

        StoredMessage stored = reader.findMessage(message.id()).get(10, TimeUnit.SECONDS).orElseThrow();

        assertThat(stored.message()).isEqualTo(message);
    }

    @Test
    void aRestartedGeneratorContinuesAfterTheNodesLastStoredId() throws Exception {
        MessageId last = accept();

        Optional<MessageId> found = reader.lastIssuedId(store.ids.nodeId(), Instant.now().minus(Duration.ofDays(1)));

        assertThat(found).isPresent();
        assertThat(found.get()).isGreaterThanOrEqualTo(last);
        assertThat(reader.lastIssuedId(store.ids.nodeId() + 1, Instant.now().minus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void anInboundNumberNamesItsAccount() throws Exception {
        store.execute("INSERT INTO account (system_id, password_hash) VALUES ('mo_acct', 'x')");
        store.execute("INSERT INTO number (number, system_id) VALUES ('447700900999', 'mo_acct')");

        assertThat(reader.accountForNumber("447700900999").get(10, TimeUnit.SECONDS)).contains("mo_acct");
        assertThat(reader.accountForNumber("447700900998").get(10, TimeUnit.SECONDS)).isEmpty();
    }

    private static MessageId accept() throws Exception {
        return write(new InsertMessage(store.message("acme", "447700900123")));
    }

    private static MessageId outbox(Instant now) throws Exception {
        return write(new EnqueueOutbox(store.ids.next(), "acme", OutboxKind.RECEIPT, Optional.empty(),
                OctetString.ascii("id:1 stat:DELIVRD"), now, now.plus(Duration.ofDays(2)), now));
    }

    private static <R> R write(JournalWrite<R> write) throws Exception {
        return journal.submit(write).get(10, TimeUnit.SECONDS);
    }
}
