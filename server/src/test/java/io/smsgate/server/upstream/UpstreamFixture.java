package io.smsgate.server.upstream;

import io.smsgate.server.pipeline.RecordingDispatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.session.SessionListener;
import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.pipeline.JournalIngest;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.DirectSql;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.JournalConfig;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.Partitions;
import io.smsgate.server.store.RetentionConfig;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.store.StoreReader;
import java.net.InetSocketAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The upstream server on 127.0.0.1, port 0, over a real Journal on its own database of the shared embedded
 * PostgreSQL, with a recording carrier side; and SQL helpers to check what was committed.
 */
final class UpstreamFixture implements AutoCloseable {

    /** Cheap Argon2id parameters: the tests prove behaviour, not hash cost. */
    static final PasswordHasher TEST_HASHER = new PasswordHasher(64, 1, 1);

    final Database database;
    final Journal journal;
    final StoreReader reader;
    final RecordingDispatch dispatch = new RecordingDispatch();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 3);
    final SmppTransport transport;
    final UpstreamSmppServer server;

    UpstreamFixture(String name, List<AccountConfig> accounts, UnaryOperator<UpstreamConfig> tweak) {
        database = Database.open(SharedTestDatabase.fresh(name));
        new Partitions(database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
        journal = new Journal(database.dataSource(), new JournalConfig(500, Duration.ofMillis(1), 10_000), meters);
        journal.start();
        reader = new StoreReader(database.dataSource(), 2, 1_000);
        transport = SmppTransport.create("upstream-" + name, 2);
        UpstreamConfig config = tweak.apply(UpstreamConfig.of(new InetSocketAddress("127.0.0.1", 0))
                .withHasher(TEST_HASHER)
                .withNotifier(new NotifierConfig(Duration.ofMillis(200), 100, Duration.ofMillis(200),
                        Duration.ofSeconds(2), 10_000))
                .withAccounts(accounts));
        server = UpstreamSmppServer.start(transport, config, new AccountStore(database.dataSource()),
                new JournalIngest(journal, ids, dispatch), journal, reader,
                new UpstreamStore(database.dataSource(), 2, 1_000), Clock.systemUTC(), meters,
                SessionListener.NONE);
    }

    int port() {
        return server.localAddress().getPort();
    }

    /** Puts {@code event} in {@code systemId}'s outbox (committed) and signals the notifier, as the carrier side does. */
    MessageId enqueue(String systemId, ClientEvent event, Duration expiry) throws Exception {
        MessageId outboxId = ids.next();
        journal.submit(event.toOutbox(outboxId, systemId, Instant.now(), expiry)).get();
        server.outboxSignal().outboxChanged(systemId);
        return outboxId;
    }

    /** Puts {@code event} in {@code systemId}'s outbox and hands the committed row over, as a receipt's commit does. */
    MessageId commit(String systemId, ClientEvent event, Duration expiry) throws Exception {
        JournalWrite.EnqueueOutbox row = event.toOutbox(ids.next(), systemId, Instant.now(), expiry);
        journal.submit(row).get();
        server.outboxSignal().outboxCommitted(row.entry());
        return row.outboxId();
    }

    long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The committed row's state, or empty when no row has this id. */
    Optional<String> state(String messageId) throws SQLException {
        return DirectSql.messageState(database.dataSource(), messageId);
    }

    /** The committed row's parts. */
    List<OctetString> parts(String messageId) throws SQLException {
        long id = MessageId.parse(messageId).orElseThrow().value();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT parts FROM message WHERE message_id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                List<OctetString> parts = new ArrayList<>();
                if (rows.next()) {
                    Array array = rows.getArray(1);
                    for (Object part : (Object[]) array.getArray()) {
                        parts.add(OctetString.of((byte[]) part));
                    }
                }
                return parts;
            }
        }
    }

    void execute(String sql) throws SQLException {
        DirectSql.execute(database.dataSource(), sql);
    }

    @Override
    public void close() {
        server.close();
        transport.close();
        reader.close();
        journal.close();
        database.close();
    }
}
