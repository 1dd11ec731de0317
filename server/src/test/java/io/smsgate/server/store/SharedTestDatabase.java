package io.smsgate.server.store;

/** The store tests' shared embedded PostgreSQL, for test classes in other server packages. */
public final class SharedTestDatabase {

    private SharedTestDatabase() {
    }

    /** A new, empty database on the shared test server (fsync off: behaviour tests, not durability). */
    public static StoreConfig fresh(String name) {
        return TestDatabases.fresh(name);
    }
}
