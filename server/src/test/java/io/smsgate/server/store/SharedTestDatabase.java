package io.smsgate.server.store;

/** Opens the store tests' one embedded PostgreSQL to tests of other server packages (one server per test JVM). */
public final class SharedTestDatabase {

    private SharedTestDatabase() {
    }

    /** A new, empty database on the shared server, and a store configuration that points at it. */
    public static StoreConfig fresh(String name) {
        return TestDatabases.fresh(name);
    }
}
