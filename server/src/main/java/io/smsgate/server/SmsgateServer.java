package io.smsgate.server;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.http.AdminHttpServer;
import io.smsgate.server.http.HealthCheck;
import io.smsgate.server.http.HealthChecks;
import io.smsgate.server.metrics.PrometheusMetrics;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.Partitions;
import io.smsgate.server.store.StoreMaintenance;
import io.smsgate.server.store.StoreRetention;
import io.smsgate.server.store.StoreReader;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smsgate process. Starts in order: meters → database (embedded PostgreSQL when {@code store.jdbc-url} is empty,
 * else a pool on the URL) and Flyway → partitions → Journal → components ({@link Component#start}, then
 * {@link Component#listen}) → admin HTTP → ready. Stops in reverse within {@code node.shutdown-timeout}: not ready
 * → components stop accepting → components drain and unbind → admin HTTP → Journal flushed → database; one INFO
 * line per step. A step that overruns the remaining time is abandoned with a WARN and the next one runs.
 */
public final class SmsgateServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmsgateServer.class);
    private static final int READ_QUEUE_CAPACITY = 10_000;
    private static final String ADMIN_STEP = "admin http";
    private static final String VERTX_STEP = "vert.x";

    private final SmsgateConfig config;
    private final List<Component> components;
    private final HealthChecks health = new HealthChecks();
    // What start() built, undone in reverse by stop(): each entry one logged step.
    private final Deque<Step> undo = new ArrayDeque<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private PrometheusMetrics metrics;
    private AdminHttpServer admin;
    private ServerContext context;
    private volatile long stopDeadline;

    private SmsgateServer(SmsgateConfig config, List<Component> components) {
        this.config = config;
        this.components = components;
    }

    /**
     * Starts everything in order and returns once ready; on failure stops what had started and rethrows.
     *
     * @param components started in this order after the store, stopped in reverse
     */
    public static SmsgateServer start(SmsgateConfig config, List<Component> components) {
        requireNonNull(config, "config");
        SmsgateServer server = new SmsgateServer(config, List.copyOf(components));
        try {
            server.startAll();
        } catch (RuntimeException e) {
            log.error("start failed, stopping what started reason={}", e.getMessage());
            server.close();
            throw e;
        }
        return server;
    }

    private void startAll() {
        long began = System.nanoTime();
        log.info("starting node_id={} data_path={} components={}", config.node().id(), config.node().dataPath(),
                components.stream().map(Component::name).toList());

        metrics = PrometheusMetrics.create(config.metrics());
        undo.push(new Step("metrics", metrics::close));

        Database database = Database.open(config.store().storeConfig(config.node().dataPath()));
        undo.push(new Step("database", database::close));
        database.bindMetrics(metrics.registry());
        log.info("database ready embedded={}", config.store().jdbcUrl().isEmpty());
        health.register("database", () -> databaseCheck(database));

        StoreMaintenance maintenance = new StoreMaintenance(
                new Partitions(database.dataSource(), config.store().retention()),
                new StoreRetention(database.dataSource(), config.store().retention(), metrics.registry()),
                Clock.systemUTC());
        maintenance.start();
        undo.push(new Step("store maintenance", maintenance::close));

        StoreReader reader = new StoreReader(database.dataSource(), Math.max(1, config.store().poolSize() - 2),
                READ_QUEUE_CAPACITY);
        undo.push(new Step("store reader", reader::close));

        Journal journal = new Journal(database.dataSource(), config.store().journal(), metrics.registry());
        journal.start();
        undo.push(new Step("journal flush", journal::close));
        int capacity = config.store().journal().queueCapacity();
        health.register("journal", () -> journal.queueDepth() < capacity ? HealthCheck.Result.UP
                : HealthCheck.Result.down("queue full at " + capacity + " writes (store.journal.queue-capacity)"));

        MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), config.node().id(),
                reader.lastIssuedId(config.node().id(), Instant.now()
                        .minus(Duration.ofDays(config.store().retention().days() + 1L))));

        // epoll where Netty's native transport loads (Linux): fewer allocations and system calls per request than NIO.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        undo.push(new Step(VERTX_STEP, () -> await(vertx.close().toCompletionStage().toCompletableFuture())));

        context = new ServerContext(config, database.dataSource(), journal, reader, ids, metrics, health, vertx);
        for (Component component : components) {
            try {
                component.start(context);
            } catch (Exception e) {
                throw new IllegalStateException("component " + component.name() + ": start failed ("
                        + e.getMessage() + ")", e);
            }
            undo.push(new Step(component.name() + " stop", () -> component.stop(remaining())));
            log.info("component started name={}", component.name());
        }
        for (Component component : components) {
            try {
                component.listen();
            } catch (Exception e) {
                throw new IllegalStateException("component " + component.name() + ": listen failed ("
                        + e.getMessage() + ")", e);
            }
        }
        List<Component> reversed = new ArrayList<>(components);
        Collections.reverse(reversed);
        undo.push(new Step("stop accepting", () -> reversed.forEach(Component::stopAccepting)));

        admin = AdminHttpServer.start(vertx, config.admin(), metrics, health);
        undo.push(new Step(ADMIN_STEP, admin::close));

        health.accepting(true);
        log.info("started ready=true admin={} elapsed_ms={}", admin.address(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    /** The admin listener's port (the actual one when configured as 0). */
    public int adminPort() {
        return admin.port();
    }

    /** What the components got at start. */
    public ServerContext context() {
        return context;
    }

    public HealthChecks health() {
        return health;
    }

    /** Stops every started part in reverse order within {@code node.shutdown-timeout}; idempotent. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        stopDeadline = System.nanoTime() + config.node().shutdownTimeout().toNanos();
        log.info("stopping timeout={}", config.node().shutdownTimeout());
        health.accepting(false);
        // The admin listener stays up while components drain, so /health/ready says 503 and /metrics keeps serving;
        // it closes just before Vert.x does.
        List<Step> steps = new ArrayList<>(undo);
        undo.clear();
        Optional<Step> adminStep = steps.stream().filter(step -> step.name().equals(ADMIN_STEP)).findFirst();
        for (Step step : steps) {
            if (step.name().equals(ADMIN_STEP)) {
                continue;
            }
            if (step.name().equals(VERTX_STEP)) {
                adminStep.ifPresent(this::run);
            }
            run(step);
        }
        log.info("stopped");
        stopped.countDown();
    }

    /** Blocks until {@link #close} has finished (the run command's main thread waits here). */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration remaining() {
        return Duration.ofNanos(Math.max(0, stopDeadline - System.nanoTime()));
    }

    // Each step runs on its own thread so that one stuck step (a database that no longer answers) cannot hold the
    // process past node.shutdown-timeout; later steps still run.
    private void run(Step step) {
        long began = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                step.action().run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "smsgate-stop-" + step.name().replace(' ', '-'));
        thread.setDaemon(true);
        thread.start();
        try {
            done.get(Math.max(1, remaining().toMillis()), TimeUnit.MILLISECONDS);
            log.info("stopped step={} elapsed_ms={}", step.name(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        } catch (TimeoutException e) {
            log.warn("stop step overran node.shutdown-timeout, moving on step={}", step.name());
        } catch (ExecutionException e) {
            log.error("stop step failed step={}", step.name(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("stop interrupted step={}", step.name());
        }
    }

    private static HealthCheck.Result databaseCheck(Database database) {
        try (Connection connection = database.dataSource().getConnection()) {
            return connection.isValid(2) ? HealthCheck.Result.UP : HealthCheck.Result.down("connection not valid");
        } catch (SQLException e) {
            return HealthCheck.Result.down(e.getMessage());
        }
    }

    private static void await(CompletableFuture<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Step(String name, Runnable action) {
    }
}
