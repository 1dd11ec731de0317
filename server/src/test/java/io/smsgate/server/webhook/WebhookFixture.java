package io.smsgate.server.webhook;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.server.fetch.FetchConfig;
import io.smsgate.server.fetch.HostResolver;
import io.smsgate.server.fetch.HttpFetcher;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.SharedTestDatabase;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A migrated database of its own, a Vert.x, a fetcher that admits 127.0.0.1, and a dispatcher built on them. */
final class WebhookFixture implements AutoCloseable {

    static final String ACCOUNT = "acme";

    final Database database;
    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final HttpFetcher fetcher;
    final String masterKey;
    WebhookDispatcher dispatcher;

    WebhookFixture(String name) throws SQLException {
        database = Database.open(SharedTestDatabase.fresh(name));
        fetcher = new HttpFetcher(vertx, FetchConfig.DEFAULTS.withAllowlist(List.of("127.0.0.1/32")),
                HostResolver.SYSTEM);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        masterKey = Base64.getEncoder().encodeToString(key);
        execute("INSERT INTO account (system_id, password_hash) VALUES ('" + ACCOUNT + "', 'x')");
    }

    WebhookDispatcher start(WebhookConfig config) {
        dispatcher = WebhookDispatcher.create(database.dataSource(), fetcher, config.withMasterKey(masterKey),
                Clock.systemUTC(), meters);
        dispatcher.start();
        return dispatcher;
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    String text(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    @Override
    public void close() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
        fetcher.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        database.close();
    }
}
