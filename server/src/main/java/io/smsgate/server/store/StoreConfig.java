package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the store lives: an external PostgreSQL ({@code store.jdbc-url}) or, when that is absent, an embedded
 * PostgreSQL whose data directory is under {@code store.data-path}.
 *
 * @param jdbcUrl {@code store.jdbc-url}; empty starts the embedded database
 * @param user {@code store.user}
 * @param password {@code store.password}; masked in {@link #toString()}
 * @param poolSize {@code store.pool-size}: connections for the Journal, the readers and maintenance
 * @param dataPath {@code store.data-path}: the embedded database's files go to {@code <data-path>/postgres}
 * @param embeddedPort {@code store.embedded.port}: 0 picks a free port once and keeps it for later starts
 * @param embeddedDurable {@code store.embedded.durable}: fsync, synchronous_commit and full_page_writes on;
 *        only tests turn it off, to be fast, and say so
 */
public record StoreConfig(Optional<String> jdbcUrl, String user, String password, int poolSize, Path dataPath,
                          int embeddedPort, boolean embeddedDurable) {

    public static final StoreConfig DEFAULTS = new StoreConfig(Optional.empty(), "postgres", "", 8,
            Path.of("data"), 0, true);

    public StoreConfig {
        requireNonNull(jdbcUrl, "jdbcUrl");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        requireNonNull(dataPath, "dataPath");
        jdbcUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("store.jdbc-url: " + url + " (expected: jdbc:postgresql:…)");
            }
        });
        if (user.isBlank()) {
            throw new IllegalArgumentException("store.user: '' (expected: a database user)");
        }
        // The Journal holds one connection for good; readers and maintenance need at least one more.
        if (poolSize < 2 || poolSize > 200) {
            throw new IllegalArgumentException("store.pool-size: " + poolSize + " (expected: 2..200)");
        }
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException("store.embedded.port: " + embeddedPort + " (expected: 0..65535)");
        }
    }

    /** The same store with another embedded data path (the demo and tests). */
    public StoreConfig withDataPath(Path path) {
        return new StoreConfig(jdbcUrl, user, password, poolSize, path, embeddedPort, embeddedDurable);
    }

    /** The same store with the embedded database's durability switched (tests only). */
    public StoreConfig withEmbeddedDurable(boolean durable) {
        return new StoreConfig(jdbcUrl, user, password, poolSize, dataPath, embeddedPort, durable);
    }

    /** The same store at an external database. */
    public StoreConfig withJdbcUrl(String url) {
        return new StoreConfig(Optional.of(url), user, password, poolSize, dataPath, embeddedPort, embeddedDurable);
    }

    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + jdbcUrl.map(StoreConfig::maskUrl).orElse("(embedded)") + ", user=" + user
                + ", password=***, poolSize=" + poolSize + ", dataPath=" + dataPath + ", embeddedPort=" + embeddedPort
                + ", embeddedDurable=" + embeddedDurable + "]";
    }

    // A JDBC URL may carry ?password=…; keep the host and database only.
    private static String maskUrl(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?***";
    }
}
