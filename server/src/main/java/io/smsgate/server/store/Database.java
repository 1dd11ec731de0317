package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's PostgreSQL: the embedded server when no {@code store.jdbc-url} is configured, a HikariCP pool
 * on it, and the schema brought up to date by Flyway before anything else uses it.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_DATABASE_NAME = "postgres";
    static final String APPLICATION_NAME = "smsgate";

    private final HikariDataSource dataSource;
    private final Optional<EmbeddedDatabase> embedded;

    private Database(HikariDataSource dataSource, Optional<EmbeddedDatabase> embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** Starts the embedded server if needed, opens the pool and migrates the schema. */
    public static Database open(StoreConfig config) {
        requireNonNull(config, "config");
        Optional<EmbeddedDatabase> embedded = config.jdbcUrl().isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedDatabase.start(config.dataPath(), config.embeddedPort(),
                        config.embeddedDurable()));
        String url = config.jdbcUrl().orElseGet(() -> embedded.orElseThrow().jdbcUrl(EMBEDDED_DATABASE_NAME));
        HikariDataSource dataSource;
        try {
            dataSource = pool(url, config);
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedDatabase::close);
            throw new StoreException("open pool on " + url.replaceAll("\\?.*", ""), e);
        }
        Database database = new Database(dataSource, embedded);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Registers the embedded server's meters, if this store runs one. */
    public void bindMetrics(MeterRegistry registry) {
        embedded.ifPresent(e -> e.bindMetrics(registry));
    }

    private void migrate() {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            log.info("store schema migrated applied={} version={}", result.migrationsExecuted,
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion);
        } catch (RuntimeException e) {
            throw new StoreException("migrate schema", e);
        }
    }

    private static HikariDataSource pool(String url, StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("smsgate-store");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.user());
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(2);
        // Multi-row INSERT … VALUES for JDBC batches: a batch of 500 accepts is a few round trips.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(hikari);
    }

    @Override
    public void close() {
        dataSource.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
