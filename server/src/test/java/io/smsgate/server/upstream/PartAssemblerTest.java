package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.IngestResult;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.SharedTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PartAssemblerTest {

    private static Database database;
    private static UpstreamStore store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final RecordingIngest ingest = new RecordingIngest();

    /** Stores nothing; records what it was asked to store, under which id. */
    static final class RecordingIngest implements Ingest {
        final Map<MessageId, Submission> accepted = new ConcurrentHashMap<>();
        private final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 9);

        @Override
        public CompletionStage<IngestResult> accept(MessageId id, Submission submission) {
            accepted.put(id, submission);
            return CompletableFuture.completedFuture(new IngestResult.Accepted(id));
        }

        @Override
        public MessageId nextId() {
            return ids.next();
        }
    }

    @BeforeAll
    static void open() {
        database = Database.open(SharedTestDatabase.fresh("part_assembler_test"));
        store = new UpstreamStore(database.dataSource(), 1, 100);
    }

    @AfterAll
    static void close() {
        store.close();
        database.close();
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private PartAssembler assembler(Duration timeout, int maxSets) {
        return new PartAssembler(ingest, store, timer, Clock.systemUTC(), timeout, maxSets);
    }

    private static Submission part(String destination, String text) {
        return Submission.single("acme", Address.alphanumeric("ACME"), Address.international(destination), 0, 1,
                OctetString.ascii(text));
    }

    private static MessageId stored(CompletionStage<PartAssembler.Outcome> outcome) throws Exception {
        return ((PartAssembler.Stored) outcome.toCompletableFuture().get(10, TimeUnit.SECONDS)).messageId();
    }

    @Test
    void partsInAnyOrderBecomeOneMessageInPartOrderUnderOneId() throws Exception {
        PartAssembler assembler = assembler(Duration.ofMinutes(5), 10);
        MessageId third = stored(assembler.offer(part("4401", "C"), new SubmitValidator.Part(9, 3, 3)));
        MessageId first = stored(assembler.offer(part("4401", "A"), new SubmitValidator.Part(9, 3, 1)));
        assertThat(ingest.accepted).isEmpty();
        MessageId second = stored(assembler.offer(part("4401", "B"), new SubmitValidator.Part(9, 3, 2)));

        assertThat(List.of(first, second)).containsOnly(third);
        assertThat(ingest.accepted.get(third).parts()).containsExactly(OctetString.ascii("A"), OctetString.ascii("B"),
                OctetString.ascii("C"));
        assertThat(assembler.held()).isZero();
    }

    @Test
    void anIncompleteSetIsStoredWithThePartsThatCameAfterTheTimeout() throws Exception {
        PartAssembler assembler = assembler(Duration.ofMillis(200), 10);
        MessageId id = stored(assembler.offer(part("4402", "only"), new SubmitValidator.Part(1, 2, 1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> ingest.accepted.containsKey(id));
        assertThat(ingest.accepted.get(id).parts()).containsExactly(OctetString.ascii("only"));
    }

    @Test
    void stagedPartsSurviveARestartAndCompleteTheirSet() throws Exception {
        MessageId id = stored(assembler(Duration.ofMinutes(5), 10).offer(part("4403", "before "),
                new SubmitValidator.Part(4, 2, 1)));

        PartAssembler restarted = assembler(Duration.ofMinutes(5), 10);
        restarted.recover(store.recover());
        MessageId completed = stored(restarted.offer(part("4403", "after"), new SubmitValidator.Part(4, 2, 2)));

        assertThat(completed).isEqualTo(id);
        assertThat(ingest.accepted.get(id).parts()).containsExactly(OctetString.ascii("before "),
                OctetString.ascii("after"));
    }

    @Test
    void beyondTheHeldSetsANewSetIsRefused() throws Exception {
        PartAssembler assembler = assembler(Duration.ofMinutes(5), 1);
        stored(assembler.offer(part("4404", "x"), new SubmitValidator.Part(1, 2, 1)));

        PartAssembler.Outcome outcome = assembler.offer(part("4405", "y"), new SubmitValidator.Part(1, 2, 1))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(PartAssembler.Refused.class, refused -> assertThat(
                UpstreamRequestHandler.status(refused.refusal()).name()).isEqualTo("ESME_RMSGQFUL"));
    }

    /** Refuses, as an opted-out recipient is, every destination in {@code optedOut} at the time it is asked. */
    static final class OptingOutIngest implements Ingest {
        final java.util.Set<String> optedOut = ConcurrentHashMap.newKeySet();
        final RecordingIngest next = new RecordingIngest();

        @Override
        public CompletionStage<IngestResult> accept(MessageId id, Submission submission) {
            return refusal(submission).<CompletionStage<IngestResult>>map(CompletableFuture::completedFuture)
                    .orElseGet(() -> next.accept(id, submission));
        }

        @Override
        public java.util.Optional<IngestResult.Refused> refusal(Submission submission) {
            return optedOut.contains(submission.destination().address())
                    ? java.util.Optional.of(new IngestResult.Refused(IngestResult.Reason.OPTED_OUT, "opted out"))
                    : java.util.Optional.empty();
        }

        @Override
        public MessageId nextId() {
            return next.nextId();
        }
    }

    @Test
    void aPartToAnOptedOutRecipientIsRefusedBeforeItIsStagedWithTheOptOutStatus() throws Exception {
        OptingOutIngest optingOut = new OptingOutIngest();
        optingOut.optedOut.add("4409");
        PartAssembler assembler = new PartAssembler(optingOut, store, timer, Clock.systemUTC(), Duration.ofMinutes(5),
                10);

        PartAssembler.Outcome outcome = assembler.offer(part("4409", "A"), new SubmitValidator.Part(3, 2, 1))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(PartAssembler.Refused.class, refused -> assertThat(
                UpstreamRequestHandler.status(refused.refusal())).isEqualTo(CommandStatus.ESME_RX_P_APPN));
        assertThat(assembler.held()).isZero();
    }

    @Test
    void anIncompleteSetWhoseRecipientOptedOutIsDroppedAtItsTimeoutNotRetried() throws Exception {
        OptingOutIngest optingOut = new OptingOutIngest();
        PartAssembler assembler = new PartAssembler(optingOut, store, timer, Clock.systemUTC(), Duration.ofMillis(200),
                10);
        stored(assembler.offer(part("4410", "A"), new SubmitValidator.Part(4, 2, 1)));
        optingOut.optedOut.add("4410");

        // The timeout tries to store the parts received, is refused for good, and lets the set go.
        await().atMost(Duration.ofSeconds(10)).until(() -> assembler.held() == 0);
        assertThat(optingOut.next.accepted).isEmpty();
    }
}
