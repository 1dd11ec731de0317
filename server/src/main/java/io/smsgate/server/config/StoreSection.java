package io.smsgate.server.config;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.JournalConfig;
import io.smsgate.server.store.RetentionConfig;
import io.smsgate.server.store.StoreConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code store:} section as the file writes it: the connection ({@code store.jdbc-url}, {@code store.user},
 * {@code store.password}, {@code store.pool-size}), the embedded database used when there is no URL
 * ({@code store.embedded.*}), the Journal's group commit ({@code store.journal.*}) and retention
 * ({@code store.retention.*}). The embedded database's files go under {@code node.data-path}.
 */
public record StoreSection(Optional<String> jdbcUrl, String user, String password, int poolSize,
                           EmbeddedStore embedded, JournalConfig journal, RetentionConfig retention) {

    public static final StoreSection DEFAULTS = new StoreSection(StoreConfig.DEFAULTS.jdbcUrl(),
            StoreConfig.DEFAULTS.user(), StoreConfig.DEFAULTS.password(), StoreConfig.DEFAULTS.poolSize(),
            EmbeddedStore.DEFAULTS, JournalConfig.DEFAULTS, RetentionConfig.DEFAULTS);

    public StoreSection {
        requireNonNull(jdbcUrl, "jdbcUrl");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        requireNonNull(embedded, "embedded");
        requireNonNull(journal, "journal");
        requireNonNull(retention, "retention");
        // StoreConfig validates the connection keys and names them; build one now so a bad file fails at load.
        new StoreConfig(jdbcUrl, user, password, poolSize, NodeConfig.DEFAULTS.dataPath(), embedded.port(),
                embedded.durable());
    }

    /** The store's connection settings, the embedded database's files under {@code dataPath}. */
    public StoreConfig storeConfig(Path dataPath) {
        return new StoreConfig(jdbcUrl, user, password, poolSize, dataPath, embedded.port(), embedded.durable());
    }

    /** The same section pointing at an external database (tests, the demo). */
    public StoreSection withJdbcUrl(String url) {
        return new StoreSection(Optional.of(url), user, password, poolSize, embedded, journal, retention);
    }

    /** The same section with another embedded database setting (tests). */
    public StoreSection withEmbedded(EmbeddedStore store) {
        return new StoreSection(jdbcUrl, user, password, poolSize, store, journal, retention);
    }

    @Override
    public String toString() {
        return "StoreSection[" + storeConfig(NodeConfig.DEFAULTS.dataPath()) + ", embedded=" + embedded
                + ", journal=" + journal + ", retention=" + retention + "]";
    }

    /**
     * The embedded PostgreSQL: {@code store.embedded.port} (0 picks a free one and keeps it) and
     * {@code store.embedded.durable} (fsync and synchronous_commit on; off only in tests).
     */
    public record EmbeddedStore(int port, boolean durable) {

        public static final EmbeddedStore DEFAULTS = new EmbeddedStore(StoreConfig.DEFAULTS.embeddedPort(),
                StoreConfig.DEFAULTS.embeddedDurable());

        public EmbeddedStore {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("store.embedded.port: " + port + " (expected: 0..65535)");
            }
        }
    }
}
