package io.smsgate.server;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.http.HealthChecks;
import io.smsgate.server.metrics.PrometheusMetrics;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.StoreReader;
import io.vertx.core.Vertx;
import javax.sql.DataSource;

/**
 * What a {@link Component} gets at start: the configuration, the migrated store (pool, Journal, reader), this node's
 * message id generator (continuing after the ids it issued before a restart), the meters, the readiness checks, and
 * the shared Vert.x instance for HTTP.
 */
public record ServerContext(SmsgateConfig config, DataSource dataSource, Journal journal, StoreReader reader,
                            MessageIdGenerator ids,
                            PrometheusMetrics metrics, HealthChecks health, Vertx vertx) {

    public ServerContext {
        requireNonNull(config, "config");
        requireNonNull(dataSource, "dataSource");
        requireNonNull(journal, "journal");
        requireNonNull(reader, "reader");
        requireNonNull(ids, "ids");
        requireNonNull(metrics, "metrics");
        requireNonNull(health, "health");
        requireNonNull(vertx, "vertx");
    }
}
