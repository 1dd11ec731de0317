package io.smsgate.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL per test JVM, shared by every store test; each test class gets its own database.
 *
 * <p>This shared server runs with fsync and synchronous_commit OFF, explicitly, to keep the suite fast: tests
 * here prove behaviour, not durability. {@link EmbeddedDatabaseTest} starts its own server with the server's
 * durable defaults and checks them.
 */
final class TestDatabases {

    private static EmbeddedDatabase server;
    private static Path dataPath;

    private TestDatabases() {
    }

    /** A new, empty database on the shared server, and a store configuration that points at it. */
    static synchronized StoreConfig fresh(String name) {
        EmbeddedDatabase shared = server();
        String database = name.toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(shared.jdbcUrl("postgres"), shared.user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("create test database " + database, e);
        }
        return StoreConfig.DEFAULTS.withJdbcUrl(shared.jdbcUrl(database));
    }

    private static EmbeddedDatabase server() {
        if (server == null) {
            try {
                dataPath = Files.createTempDirectory("smsgate-store-test");
                server = EmbeddedDatabase.start(dataPath, 0, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Each test JVM's server is half a gigabyte on disk (WAL segments): stopped and removed at exit, so that
            // repeated builds do not fill the machine's disk (one did, and took every PostgreSQL on it down).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                deleteRecursively(dataPath);
            }, "test-postgres-stop"));
        }
        return server;
    }

    /** Deletes {@code root} and everything under it; what cannot be deleted is left (this runs at JVM exit). */
    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Nothing to do at exit but leave it.
        }
    }
}
