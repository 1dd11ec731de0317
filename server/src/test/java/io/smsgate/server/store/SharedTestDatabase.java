package io.smsgate.server.store;

import java.nio.file.Path;

/** Opens the store tests' one embedded PostgreSQL to tests of other server packages (one server per test JVM). */
public final class SharedTestDatabase {

    private SharedTestDatabase() {
    }

    /** A new, empty database on the shared server, and a store configuration that points at it. */
    public static StoreConfig fresh(String name) {
        return TestDatabases.fresh(name);
    }

    /** Deletes a test's data directory and everything under it, once its server is stopped. */
    public static void deleteRecursively(Path root) {
        TestDatabases.deleteRecursively(root);
    }
}
