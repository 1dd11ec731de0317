package io.smsgate.server.webhook;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.server.fetch.FetchConfig;
import io.smsgate.server.fetch.HostResolver;
import io.smsgate.server.fetch.HttpFetcher;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.StoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures webhook delivery end to end against the embedded PostgreSQL with the server's durable defaults: N events
 * queued (one per message, so order does not serialise them), one local receiver on 127.0.0.1 answering 204, and
 * the dispatcher claiming, signing, sending and settling them; reports callbacks/s until every event is DELIVERED in
 * the store. Not a test: run by hand (see the webhooks report).
 *
 * <p>Arguments: events (default 100000), per-endpoint concurrency (64).
 */
final class WebhookThroughput {

    private static final Logger log = LoggerFactory.getLogger(WebhookThroughput.class);

    private WebhookThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path dataPath = Files.createTempDirectory("smsgate-webhook-throughput");
        Vertx vertx = Vertx.vertx();
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    received.incrementAndGet();
                    request.response().setStatusCode(204).end();
                }))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + receiver.actualPort() + "/hooks";
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        WebhookConfig config = WebhookConfig.DEFAULTS.withConcurrency(concurrency, 2000)
                .withMasterKey(Base64.getEncoder().encodeToString(key));
        try (Database database = Database.open(StoreConfig.DEFAULTS.withDataPath(dataPath));
             HttpFetcher fetcher = new HttpFetcher(vertx, new FetchConfig(FetchConfig.DEFAULTS.connectTimeout(),
                     FetchConfig.DEFAULTS.totalTimeout(), FetchConfig.DEFAULTS.maxResponseSize(), 0, concurrency,
                     List.of("127.0.0.1/32")), HostResolver.SYSTEM)) {
            execute(database, "INSERT INTO account (system_id, password_hash) VALUES ('bench', 'x')");
            WebhookDispatcher dispatcher = WebhookDispatcher.create(database.dataSource(), fetcher, config,
                    Clock.systemUTC(), new SimpleMeterRegistry());
            dispatcher.secrets().rotate("bench");
            run(database, dataPath, dispatcher, url, Math.min(events / 5, 20_000), received, "warm-up");
            run(database, dataPath, dispatcher, url, events, received, "measured");
            dispatcher.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void run(Database database, Path dataPath, WebhookDispatcher dispatcher, String url, int events,
                            AtomicInteger received, String label) throws Exception {
        execute(database, "DELETE FROM webhook_event");
        // The clock starts before the events are queued: the dispatcher (running since the warm-up) takes them as
        // soon as the INSERT commits, so starting it after the INSERT would miss the first claims' callbacks. The
        // figure therefore includes queuing them all in one statement and analysing the table (which the server
        // never needs: autovacuum does it at 2 % of rows changed, V080), and so errs low.
        received.set(0);
        Duration javaBefore = javaCpu();
        Duration postgresBefore = postgresCpu(dataPath);
        long start = System.nanoTime();
        execute(database, "INSERT INTO webhook_event (system_id, event_type, order_key, url, data) "
                + "SELECT 'bench', 'message.status', 'msg:' || g, '" + url + "', "
                + "jsonb_build_object('message_id', g, 'status', 'DELIVERED', 'at', now(), 'carrier_id', 'alpha', "
                + "'receipt_stat', 'DELIVRD', 'error_code', '000') FROM generate_series(1, " + events + ") g");
        execute(database, "ANALYZE webhook_event");
        dispatcher.start();
        CountDownLatch done = new CountDownLatch(1);
        while (done.getCount() > 0) {
            dispatcher.wake();
            if (count(database, "SELECT count(*) FROM webhook_event WHERE state <> 'DELIVERED'") == 0) {
                done.countDown();
            } else {
                done.await(50, TimeUnit.MILLISECONDS);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU per callback depends far less than the rate on what else the (shared) machine is running.
        double javaMicros = javaCpu().minus(javaBefore).toNanos() / 1e3 / events;
        double postgresMicros = postgresCpu(dataPath).minus(postgresBefore).toNanos() / 1e3 / events;
        log.info("webhook throughput run={} events={} received={} seconds={} callbacks_per_second={} "
                + "java_cpu_us_per_callback={} postgres_cpu_us_per_callback={}", label, events, received.get(),
                String.format("%.2f", seconds), String.format("%.0f", events / seconds),
                String.format("%.0f", javaMicros), String.format("%.0f", postgresMicros));
    }

    private static Duration javaCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    // The embedded PostgreSQL: its postmaster (the process started on our data directory) and its children (the
    // pool's backends, autovacuum, the WAL writer). Children that exit during the run take their CPU time with them;
    // the pool's backends stay.
    private static Duration postgresCpu(Path dataPath) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(dataPath.toString()))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster),
                        postmaster.descendants()))
                .distinct()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static void execute(Database database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    private static long count(Database database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
