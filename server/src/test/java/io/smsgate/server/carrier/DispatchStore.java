package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.routing.Router;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.DirectSql;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalConfig;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.OutboxEntry;
import io.smsgate.server.store.Partitions;
import io.smsgate.server.store.RetentionConfig;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.store.StoreReader;
import io.smsgate.server.store.StoredMessage;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The store side of the carrier dispatch tests: a fresh database of the shared embedded PostgreSQL with today's
 * partitions, a running Journal, a StoreReader and an SMPP transport, and the look-ups the suites' assertions make.
 */
final class DispatchStore implements AutoCloseable {

    private final Database database;
    private final Journal journal;
    private final StoreReader reader;
    private final SmppTransport transport;

    private DispatchStore(Database database, Journal journal, StoreReader reader, SmppTransport transport) {
        this.database = database;
        this.journal = journal;
        this.reader = reader;
        this.transport = transport;
    }

    static DispatchStore open(String databaseName, String transportName) {
        Database database = Database.open(SharedTestDatabase.fresh(databaseName));
        new Partitions(database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
        Journal journal = new Journal(database.dataSource(), new JournalConfig(500, Duration.ofMillis(1), 10_000),
                new SimpleMeterRegistry());
        journal.start();
        return new DispatchStore(database, journal, new StoreReader(database.dataSource(), 2, 1000),
                SmppTransport.create(transportName, 2));
    }

    /** A started dispatcher over this store. */
    CarrierDispatcher dispatcher(List<CarrierConfig> carriers, DispatchConfig dispatch, Router router,
            MessageIdGenerator ids, MeterRegistry registry) {
        CarrierDispatcher dispatcher = new CarrierDispatcher(carriers, dispatch, router, journal, reader, ids,
                transport, registry, Clock.systemUTC());
        dispatcher.start();
        return dispatcher;
    }

    Journal journal() {
        return journal;
    }

    StoreReader reader() {
        return reader;
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    /** Inserts {@code message} through the Journal and returns it as the dispatcher is handed it: QUEUED. */
    StoredMessage insert(NewMessage message) {
        journal.submit(new JournalWrite.InsertMessage(message)).join();
        return new StoredMessage(message, MessageStatus.QUEUED, Optional.empty(), Optional.empty(), 0, Instant.now());
    }

    void awaitStatus(MessageId id, MessageStatus status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(reader.findMessage(id).join().orElseThrow()).as("message %s", id)
                        .extracting(StoredMessage::status).isEqualTo(status));
    }

    /** The outbox rows for message {@code id} of account {@code systemId}, due now or within the hour. */
    List<OutboxEntry> outboxFor(String systemId, MessageId id) {
        return reader.dueOutbox(systemId, Instant.now().plusSeconds(3600), 10_000).join().stream()
                .filter(entry -> entry.messageId().equals(Optional.of(id))).toList();
    }

    /** The first receipt in the outbox for message {@code id}, once there is one. */
    ClientEvent.Receipt receiptFor(String systemId, MessageId id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !outboxFor(systemId, id).isEmpty());
        return (ClientEvent.Receipt) ClientEvent.decode(outboxFor(systemId, id).get(0).payload());
    }

    void execute(String sql) throws SQLException {
        DirectSql.execute(database.dataSource(), sql);
    }

    long count(String sql) throws SQLException {
        return DirectSql.count(database.dataSource(), sql);
    }

    @Override
    public void close() {
        transport.close();
        reader.close();
        journal.close();
        database.close();
    }
}
