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

/** A migrated database of its own for one test class, its partitions for today, and message builders. */
final class StoreFixture implements AutoCloseable {

    final Database database;
    final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 1);

    StoreFixture(String name) {
        database = Database.open(TestDatabases.fresh(name));
        new Partitions(database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
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
