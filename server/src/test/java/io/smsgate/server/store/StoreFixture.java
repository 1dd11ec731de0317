package io.smsgate.server.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated database of its own for one test class, its partitions for today, and message builders.
 *
 * <p>Registered as {@code @RegisterExtension static final StoreFixture store = StoreFixture.perClass("name")}, it
 * opens before the class's first test and closes after its last; {@link #perClassWithJournal} also starts a
 * Journal and a StoreReader before each test ({@link #journal()}, {@link #reader()}) and closes them after it.
 */
final class StoreFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final String name;
    private final boolean journalPerTest;
    final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 1);
    /** Opened by the constructor, or before the class's first test when registered as an extension. */
    Database database;
    private Optional<Running> running = Optional.empty();

    /** Opens the database now; the caller closes it. */
    StoreFixture(String name) {
        this(name, false);
        open();
    }

    private StoreFixture(String name, boolean journalPerTest) {
        this.name = name;
        this.journalPerTest = journalPerTest;
    }

    /** The class's database, opened before its first test and closed after its last. */
    static StoreFixture perClass(String name) {
        return new StoreFixture(name, false);
    }

    /** The class's database, and a started Journal and StoreReader over it for each test. */
    static StoreFixture perClassWithJournal(String name) {
        return new StoreFixture(name, true);
    }

    private void open() {
        database = Database.open(TestDatabases.fresh(name));
        new Partitions(database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (journalPerTest) {
            running = Optional.of(start());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running.ifPresent(Running::close);
        running = Optional.empty();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** This test's started Journal (batches of up to 100 rows). */
    Journal journal() {
        return running().journal();
    }

    /** This test's StoreReader. */
    StoreReader reader() {
        return running().reader();
    }

    private Running running() {
        return running.orElseThrow(() -> new IllegalStateException(
                "journal: none (expected: a test of a class that registers StoreFixture.perClassWithJournal)"));
    }

    Journal journal(JournalConfig config, SimpleMeterRegistry registry) {
        return new Journal(database.dataSource(), config, registry);
    }

    /** A started Journal (batches of up to 100 rows) and a StoreReader over this database, closed together. */
    Running start() {
        Journal journal = journal(config(100, 1000), new SimpleMeterRegistry());
        journal.start();
        return new Running(journal, new StoreReader(database.dataSource(), 2, 100));
    }

    record Running(Journal journal, StoreReader reader) implements AutoCloseable {
        @Override
        public void close() {
            journal.close();
            reader.close();
        }
    }

    static JournalConfig config(int maxBatchRows, int queueCapacity) {
        return new JournalConfig(maxBatchRows, Duration.ofMillis(2), queueCapacity);
    }

    NewMessage message(String systemId, String destination) {
        return new NewMessage(ids.next(), systemId, Address.alphanumeric("ACME"), Address.international(destination),
                0, 0, 0, 0, 1, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(OctetString.ascii("hello")), OctetString.EMPTY);
    }

    long count(String sql) throws SQLException {
        return DirectSql.count(database.dataSource(), sql);
    }

    String text(String sql) throws SQLException {
        return DirectSql.text(database.dataSource(), sql);
    }

    void execute(String sql) throws SQLException {
        DirectSql.execute(database.dataSource(), sql);
    }

    @Override
    public void close() {
        database.close();
    }
}
