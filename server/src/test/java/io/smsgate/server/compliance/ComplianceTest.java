package io.smsgate.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.IngestResult;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.SharedTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComplianceTest {

    private static final Address NUMBER = Address.international("447700900999");
    private static final Address OTHER_NUMBER = Address.international("447700900998");
    private static final Address RECIPIENT = Address.international("447700900123");
    /** 22:30 in London in winter: inside the 21:00–08:00 window below. */
    private static final Instant LATE = Instant.parse("2026-01-15T22:30:00Z");

    private Database database;
    private Compliance compliance;
    private final RecordingIngest pipeline = new RecordingIngest();

    @BeforeEach
    void open() {
        database = Database.open(SharedTestDatabase.fresh("compliance_test"));
    }

    @AfterEach
    void close() {
        if (compliance != null) {
            compliance.close();
        }
        database.close();
    }

    private Compliance start(OptOutScope scope, List<QuietHoursRule> quietHours, Instant now) {
        ComplianceConfig config = new ComplianceConfig(scope, ComplianceConfig.DEFAULTS.smppStatus(),
                Duration.ofHours(1), Map.of("en", KeywordSet.ENGLISH), quietHours);
        compliance = Compliance.start(config, database.dataSource(), Clock.fixed(now, ZoneOffset.UTC));
        compliance.replyThrough(pipeline);
        return compliance;
    }

    @Test
    void stopUnderAccountScopeRefusesEverySenderAndStartAllowsThemAgain() throws Exception {
        start(OptOutScope.ACCOUNT, List.of(), LATE);
        CompliantIngest ingest = new CompliantIngest(compliance, pipeline, Clock.fixed(LATE, ZoneOffset.UTC));

        compliance.onMo("acme", mo("  stop ")).get(10, TimeUnit.SECONDS);
        // The STOP was confirmed from the number it went to, although the recipient is now opted out.
        assertThat(pipeline.texts()).containsExactly(KeywordSet.ENGLISH.stopReply());
        assertThat(pipeline.accepted.get(0).source()).isEqualTo(NUMBER);
        assertThat(pipeline.accepted.get(0).destination()).isEqualTo(RECIPIENT);
        assertThat(refusal(ingest, NUMBER)).contains(IngestResult.Reason.OPTED_OUT);
        assertThat(refusal(ingest, OTHER_NUMBER)).contains(IngestResult.Reason.OPTED_OUT);
        // Another account's sends to the same recipient are its own business.
        assertThat(ingest.accept(submission("other", NUMBER, Optional.empty())).toCompletableFuture().get())
                .isInstanceOf(IngestResult.Accepted.class);

        compliance.onMo("acme", mo("Start")).get(10, TimeUnit.SECONDS);
        assertThat(refusal(ingest, NUMBER)).isEmpty();
        assertThat(refusal(ingest, OTHER_NUMBER)).isEmpty();
    }

    @Test
    void aMessageThatIsNoKeywordChangesNothingAndSendsNothing() throws Exception {
        start(OptOutScope.SENDER, List.of(), LATE);
        compliance.onMo("acme", mo("please stop")).get(10, TimeUnit.SECONDS);
        assertThat(compliance.isOptedOut("acme", "447700900123", "447700900999")).isFalse();
        assertThat(pipeline.accepted).isEmpty();
    }

    @Test
    void aReloadFindsOptOutsAnotherNodeRecorded() throws Exception {
        start(OptOutScope.SENDER, List.of(), LATE);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO opt_out VALUES ('acme', '447700900123', '447700900999', 'api', now())");
        }
        assertThat(compliance.isOptedOut("acme", "447700900123", "447700900999")).isFalse();
        compliance.reload();
        assertThat(compliance.isOptedOut("acme", "447700900123", "447700900999")).isTrue();
        assertThat(compliance.isOptedOut("acme", "447700900123", "447700900998")).isFalse();
    }

    @Test
    void quietHoursHoldAMessageUntilTheWindowOpensAndLetOthersGo() throws Exception {
        List<QuietHoursRule> rules = List.of(new QuietHoursRule("*", List.of("44"), "Europe/London", "21:00",
                "08:00"));
        start(OptOutScope.SENDER, rules, LATE);
        CompliantIngest late = new CompliantIngest(compliance, pipeline, Clock.fixed(LATE, ZoneOffset.UTC));
        Instant noon = Instant.parse("2026-01-15T12:00:00Z");
        CompliantIngest midday = new CompliantIngest(compliance, pipeline, Clock.fixed(noon, ZoneOffset.UTC));

        late.accept(submission("acme", NUMBER, Optional.empty())).toCompletableFuture().get();
        // Sent at noon but scheduled for 23:00: held as well.
        midday.accept(submission("acme", NUMBER, Optional.of(Instant.parse("2026-01-15T23:00:00Z"))))
                .toCompletableFuture().get();
        midday.accept(submission("acme", NUMBER, Optional.empty())).toCompletableFuture().get();

        assertThat(pipeline.accepted).extracting(Submission::notBefore).containsExactly(
                Optional.of(Instant.parse("2026-01-16T08:00:00Z")),
                Optional.of(Instant.parse("2026-01-16T08:00:00Z")),
                Optional.empty());
    }

    @Test
    void aStopTheCarrierSendsAgainIsRecordedButAnsweredOnceWithinTheWindow() throws Exception {
        MutableClock clock = new MutableClock(LATE);
        startWith(clock);

        compliance.onMo("acme", mo("STOP")).get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(2));
        compliance.onMo("acme", mo("STOP")).get(10, TimeUnit.SECONDS);
        compliance.onMo("acme", mo("stop")).get(10, TimeUnit.SECONDS);
        // The same STOP from another recipient is its own conversation.
        compliance.onMo("acme", new ClientEvent.Mo(Address.international("447700900124"), NUMBER, 0, 0, 0,
                Gsm7.DEFAULT.encode("STOP"))).get(10, TimeUnit.SECONDS);

        assertThat(pipeline.texts()).containsExactly(KeywordSet.ENGLISH.stopReply(), KeywordSet.ENGLISH.stopReply());
        assertThat(compliance.isOptedOut("acme", "447700900123", "447700900999")).isTrue();

        // Once the window has passed, a STOP is answered again.
        clock.advance(Compliance.REPLY_REPEAT_WINDOW);
        compliance.onMo("acme", mo("STOP")).get(10, TimeUnit.SECONDS);
        assertThat(pipeline.texts()).hasSize(3);
    }

    @Test
    void anotherKeywordInBetweenIsAnsweredAndTheNextStopToo() throws Exception {
        startWith(new MutableClock(LATE));

        for (String text : List.of("STOP", "START", "STOP", "HELP", "HELP")) {
            compliance.onMo("acme", mo(text)).get(10, TimeUnit.SECONDS);
        }

        assertThat(pipeline.texts()).containsExactly(KeywordSet.ENGLISH.stopReply(),
                KeywordSet.ENGLISH.startReply(), KeywordSet.ENGLISH.stopReply(), KeywordSet.ENGLISH.helpReply());
        assertThat(compliance.isOptedOut("acme", "447700900123", "447700900999")).isTrue();
    }

    @Test
    void aHeldMessageIsRefusedAtReleaseOnceItsRecipientOptedOut() throws Exception {
        start(OptOutScope.SENDER, List.of(), LATE);
        NewMessage held = new NewMessage(new MessageId(1L << 22), "acme", NUMBER, RECIPIENT, 0, 0, 0, 0, 1,
                Optional.empty(), Optional.of(LATE.plusSeconds(60)), Optional.empty(),
                List.of(Gsm7.DEFAULT.encode("later")), OctetString.EMPTY);
        NewMessage fromOtherNumber = new NewMessage(new MessageId(2L << 22), "acme", OTHER_NUMBER, RECIPIENT, 0, 0,
                0, 0, 1, Optional.empty(), Optional.of(LATE.plusSeconds(60)), Optional.empty(),
                List.of(Gsm7.DEFAULT.encode("later")), OctetString.EMPTY);
        assertThat(compliance.refusal(held)).isEmpty();

        compliance.onMo("acme", mo("STOP")).get(10, TimeUnit.SECONDS);

        assertThat(compliance.refusal(held)).hasValueSatisfying(refusal -> {
            assertThat(refusal.commandStatus()).isEqualTo(ComplianceConfig.DEFAULTS.smppStatus().code());
            assertThat(refusal.detail()).isEqualTo("to: 447700900123 opted out of messages from 447700900999"
                    + " before the held message was due");
        });
        assertThat(compliance.refusal(fromOtherNumber)).isEmpty();
    }

    private void startWith(Clock clock) {
        ComplianceConfig config = new ComplianceConfig(OptOutScope.SENDER, ComplianceConfig.DEFAULTS.smppStatus(),
                Duration.ofHours(1), Map.of("en", KeywordSet.ENGLISH), List.of());
        compliance = Compliance.start(config, database.dataSource(), clock);
        compliance.replyThrough(pipeline);
    }

    /** A clock the test moves on. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("withZone");
        }
    }

    private static Optional<IngestResult.Reason> refusal(Ingest ingest, Address from) throws Exception {
        IngestResult result = ingest.accept(submission("acme", from, Optional.empty())).toCompletableFuture().get();
        return result instanceof IngestResult.Refused refused ? Optional.of(refused.reason()) : Optional.empty();
    }

    private static Submission submission(String systemId, Address from, Optional<Instant> notBefore) {
        return new Submission(systemId, from, RECIPIENT, 0, 0, 0, 0, 1, Optional.empty(), notBefore,
                Optional.empty(), List.of(Gsm7.DEFAULT.encode("hello")));
    }

    private static ClientEvent.Mo mo(String text) {
        return new ClientEvent.Mo(RECIPIENT, NUMBER, 0, 0, 0, Gsm7.DEFAULT.encode(text));
    }

    /** The pipeline behind the check: accepts everything and keeps what it got. */
    private static final class RecordingIngest implements Ingest {
        final List<Submission> accepted = new CopyOnWriteArrayList<>();
        private long next = 1;

        @Override
        public CompletionStage<IngestResult> accept(MessageId id, Submission submission) {
            accepted.add(submission);
            return CompletableFuture.completedFuture(new IngestResult.Accepted(id));
        }

        @Override
        public synchronized MessageId nextId() {
            return new MessageId(next++);
        }

        List<String> texts() {
            return accepted.stream().map(s -> Gsm7.DEFAULT.decode(s.parts().get(0))).toList();
        }
    }
}
