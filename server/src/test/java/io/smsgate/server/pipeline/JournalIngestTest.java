package io.smsgate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalConfig;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.Price;
import io.smsgate.server.store.Partitions;
import io.smsgate.server.store.RetentionConfig;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.store.StoredMessage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JournalIngestTest {

    private static Database database;
    private final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 5);
    private final RecordingDispatch dispatch = new RecordingDispatch();

    @BeforeAll
    static void open() {
        database = Database.open(SharedTestDatabase.fresh("journal_ingest_test"));
        new Partitions(database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private Journal journal() {
        Journal journal = new Journal(database.dataSource(), new JournalConfig(100, Duration.ofMillis(1), 100),
                new SimpleMeterRegistry());
        journal.start();
        return journal;
    }

    private static Submission submission() {
        return Submission.single("acme", Address.alphanumeric("ACME"), Address.international("447700900123"), 0, 1,
                OctetString.ascii("hello"));
    }

    private static boolean stored(long id) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM message WHERE message_id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Test
    void completesWithTheIdOnlyAfterTheCommitAndThenDispatches() throws Exception {
        try (Journal journal = journal()) {
            IngestResult result = new JournalIngest(journal, ids, dispatch).accept(submission())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            IngestResult.Accepted accepted = (IngestResult.Accepted) result;
            assertThat(stored(accepted.messageId().value())).isTrue();
            assertThat(dispatch.dispatched).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo(accepted.messageId());
                assertThat(m.message().parts()).containsExactly(OctetString.ascii("hello"));
            });
        }
    }

    @Test
    void storesThePriceItsRatingDecidesForAnUnquotedSubmission() throws Exception {
        Price rated = new Price(new BigDecimal("0.0246"), "EUR");
        try (Journal journal = journal()) {
            IngestResult result = new JournalIngest(journal, ids, dispatch, (id, s) -> Optional.of(rated))
                    .accept(submission()).toCompletableFuture().get(10, TimeUnit.SECONDS);

            long id = ((IngestResult.Accepted) result).messageId().value();
            assertThat(storedPrice(id)).isEqualTo("0.0246 EUR");
            assertThat(dispatch.dispatched).singleElement()
                    .satisfies(m -> assertThat(m.message().price()).contains(rated));
        }
    }

    @Test
    void storesTheQuotedPriceWithoutRatingAgain() throws Exception {
        Price quoted = new Price(new BigDecimal("0.0123"), "GBP");
        try (Journal journal = journal()) {
            IngestResult result = new JournalIngest(journal, ids, dispatch, (id, s) -> {
                throw new AssertionError("rated a quoted submission");
            }).accept(submission().withPrice(Optional.of(quoted))).toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(storedPrice(((IngestResult.Accepted) result).messageId().value())).isEqualTo("0.0123 GBP");
        }
    }

    @Test
    void anUnratedSubmissionIsStoredWithoutAPrice() throws Exception {
        try (Journal journal = journal()) {
            IngestResult result = new JournalIngest(journal, ids, dispatch).accept(submission())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(storedPrice(((IngestResult.Accepted) result).messageId().value())).isEqualTo("null null");
        }
    }

    private static String storedPrice(long id) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT price_amount::text, price_currency FROM message WHERE message_id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1) + " " + rows.getString(2);
            }
        }
    }

    @Test
    void aFullCarrierSideIsRefusedBeforeAnythingIsStored() throws Exception {
        dispatch.full = true;
        try (Journal journal = journal()) {
            IngestResult result = new JournalIngest(journal, ids, dispatch).accept(submission())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(result).isInstanceOfSatisfying(IngestResult.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(IngestResult.Reason.DISPATCH_BUSY));
            assertThat(dispatch.dispatched).isEmpty();
        }
    }

    @Test
    void aStoppedJournalIsReportedAsOverloadAndNothingIsDispatched() throws Exception {
        Journal journal = journal();
        journal.close();

        IngestResult result = new JournalIngest(journal, ids, dispatch).accept(submission()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(result).isInstanceOfSatisfying(IngestResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(IngestResult.Reason.STORE_OVERLOADED));
        assertThat(dispatch.dispatched).isEmpty();
    }
}
