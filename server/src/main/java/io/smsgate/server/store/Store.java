package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store, opened in the order the guarantees need: database (embedded if configured so) and Flyway
 * first, partitions next, the id generator seeded from what this node stored before, then the Journal; closed
 * the other way round, the Journal flushing what it holds.
 */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);
    // How far back to look for this node's newest id: ids never run ahead of the clock by more than this.
    private static final Duration ID_SEED_WINDOW = Duration.ofDays(2);
    private static final int READER_QUEUE_CAPACITY = 10_000;

    private final Database database;
    private final StoreMaintenance maintenance;
    private final Journal journal;
    private final StoreReader reader;
    private final MessageIdGenerator ids;

    private Store(Database database, StoreMaintenance maintenance, Journal journal, StoreReader reader,
                  MessageIdGenerator ids) {
        this.database = database;
        this.maintenance = maintenance;
        this.journal = journal;
        this.reader = reader;
        this.ids = ids;
    }

    /** Opens everything and starts the Journal; fails start-up with a {@link StoreException} naming the step. */
    public static Store open(StoreConfig store, JournalConfig journalConfig, RetentionConfig retention, int nodeId,
                             Clock clock, MeterRegistry registry) {
        requireNonNull(journalConfig, "journalConfig");
        requireNonNull(retention, "retention");
        requireNonNull(clock, "clock");
        requireNonNull(registry, "registry");
        Database database = Database.open(store);
        database.bindMetrics(registry);
        StoreMaintenance maintenance = null;
        StoreReader reader = null;
        try {
            maintenance = new StoreMaintenance(new Partitions(database.dataSource(), retention),
                    new StoreRetention(database.dataSource(), retention, registry), clock);
            maintenance.start();
            // The Journal keeps one connection; the readers share the rest of the pool.
            reader = new StoreReader(database.dataSource(), Math.max(1, store.poolSize() - 1), READER_QUEUE_CAPACITY);
            Optional<MessageId> lastIssued = reader.lastIssuedId(nodeId, clock.instant().minus(ID_SEED_WINDOW));
            MessageIdGenerator ids = new MessageIdGenerator(clock, nodeId, lastIssued);
            Journal journal = new Journal(database.dataSource(), journalConfig, registry);
            journal.start();
            log.info("store open node_id={} last_issued_id={}", nodeId, lastIssued.map(MessageId::toString)
                    .orElse("none"));
            return new Store(database, maintenance, journal, reader, ids);
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            if (maintenance != null) {
                maintenance.close();
            }
            database.close();
            throw e;
        }
    }

    public Journal journal() {
        return journal;
    }

    public StoreReader reader() {
        return reader;
    }

    public MessageIdGenerator ids() {
        return ids;
    }

    public Database database() {
        return database;
    }

    /** Flushes the Journal, then stops the readers, the maintenance and the database. */
    @Override
    public void close() {
        journal.close();
        reader.close();
        maintenance.close();
        database.close();
        log.info("store closed");
    }
}
