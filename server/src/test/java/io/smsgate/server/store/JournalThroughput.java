package io.smsgate.server.store;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.JournalWrite.CorrelateReceipt;
import io.smsgate.server.store.JournalWrite.EnqueueOutbox;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import io.smsgate.server.store.JournalWrite.RecordSubmission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the Journal against the embedded PostgreSQL with the server's durable defaults (fsync and
 * synchronous_commit on): N threads submit writes, at most {@code inFlight} waiting at once (like the clients'
 * windows), and it reports writes/s and commits/s. Not a test: run by hand (see the store's report).
 *
 * <p>Arguments: messages (default 100000), threads (8), in-flight writes (16000), {@code durable} (or
 * {@code non-durable} to compare against fsync and synchronous_commit off), and a data path (default: a new temporary
 * directory). When that database preloads pg_stat_statements ({@code shared_preload_libraries} and
 * {@code pg_stat_statements.track_planning = on} in its {@code postgresql.auto.conf}), each phase also logs the
 * PostgreSQL-side cost of its statements per write: execution and planning µs, WAL records and WAL bytes.
 */
final class JournalThroughput {

    private static final Logger log = LoggerFactory.getLogger(JournalThroughput.class);

    private JournalThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 16_000;
        boolean durable = args.length <= 3 || !args[3].equals("non-durable");
        Path dataPath = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("smsgate-journal-throughput");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Database database = Database.open(StoreConfig.DEFAULTS.withDataPath(dataPath)
                .withEmbeddedDurable(durable))) {
            new Partitions(database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
            Journal journal = new Journal(database.dataSource(), JournalConfig.DEFAULTS, registry);
            journal.start();
            MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 1);
            List<OctetString> text = List.of(OctetString.ascii("Your code is 123456. It expires in 10 minutes."));
            IntFunction<NewMessage> message = i -> new NewMessage(ids.next(), "bench", Address.alphanumeric("BANK"),
                    Address.international("4477009" + (10_000 + i % 90_000)), 0, 0, 0, 0, 1, Optional.empty(),
                    Optional.empty(), Optional.empty(), text, OctetString.EMPTY);

            Optional<Database> stats = statementStatsAvailable(database) ? Optional.of(database) : Optional.empty();
            run("warm-up accepts", registry, Math.min(messages / 5, 20_000), threads, inFlight,
                    i -> journal.submit(new InsertMessage(message.apply(i))));
            MessageId[] accepted = new MessageId[messages];
            run("accepts (insert message)", registry, messages, threads, inFlight,
                    i -> journal.submit(new InsertMessage(message.apply(i)))
                            .thenApply(id -> accepted[i] = id), stats);
            run("submit_sm_resp (record submission)", registry, messages, threads, inFlight,
                    i -> journal.submit(new RecordSubmission(accepted[i], "alpha", Long.toString(1_000_000L + i), 0,
                            1, Instant.now(), ReceiptNotice.NONE, MultipartReceipts.ALL_PARTS)), stats);
            // Like the gateway: each final receipt queues its client's receipt in the same transaction.
            MessageIdGenerator outboxIds = new MessageIdGenerator(Clock.systemUTC(), 2);
            OctetString payload = OctetString.ascii("id:0 sub:001 dlvrd:001 stat:DELIVRD err:000");
            ReceiptNotice notice = (subject, status) -> Optional.of(new EnqueueOutbox(outboxIds.next(),
                    subject.systemId(), OutboxKind.RECEIPT, Optional.of(subject.messageId()), payload,
                    Instant.now(), Instant.now().plusSeconds(86_400), Instant.now()));
            run("receipts (correlate, client receipt queued)", registry, messages, threads, inFlight,
                    i -> journal.submit(new CorrelateReceipt("alpha", Long.toString(1_000_000L + i),
                            MessageStatus.DELIVERED, Optional.of("DELIVRD"), Optional.of("000"), Instant.now(),
                            notice, MultipartReceipts.ALL_PARTS)), stats);
            logTableStats(database);
            journal.close();
        }
    }

    // Row versions written: HOT updates stay on their page and add no index entries.
    private static void logTableStats(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet rows = statement.executeQuery("""
                    SELECT sum(n_tup_upd), sum(n_tup_hot_upd), sum(pg_total_relation_size(relid))
                      FROM pg_stat_user_tables WHERE relname LIKE 'message\\_p%'""")) {
                rows.next();
                log.info("message partitions: updates={} hot_updates={} total_bytes={}", rows.getLong(1),
                        rows.getLong(2), rows.getLong(3));
            }
        }
    }

    // Both lanes' transactions.
    private static long commits(SimpleMeterRegistry registry) {
        return registry.get("smsgate.journal.commits").timers().stream().mapToLong(Timer::count).sum();
    }

    private interface Submitter {
        java.util.concurrent.CompletableFuture<?> submit(int index);
    }

    private static void run(String name, SimpleMeterRegistry registry, int count, int threads, int inFlight,
                            Submitter submitter) throws InterruptedException, SQLException {
        run(name, registry, count, threads, inFlight, submitter, Optional.empty());
    }

    private static boolean statementStatsAvailable(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'")) {
            rows.next();
            if (!rows.getBoolean(1)) {
                return false;
            }
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return true;
        }
    }

    private static void resetStatementStats(Optional<Database> database) throws SQLException {
        if (database.isEmpty()) {
            return;
        }
        try (Connection connection = database.get().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    // The phase's ten costliest statements, per write.
    private static void logStatementStats(String name, Optional<Database> database, int count) throws SQLException {
        if (database.isEmpty()) {
            return;
        }
        try (Connection connection = database.get().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT total_exec_time, total_plan_time, calls, rows, wal_records, wal_bytes, wal_fpi,
                            shared_blks_hit,
                            regexp_replace(left(query, 70), '\\s+', ' ', 'g')
                       FROM pg_stat_statements
                      ORDER BY total_exec_time DESC LIMIT 10""")) {
            while (rows.next()) {
                log.info("{}: exec_us_per_write={} plan_us_per_write={} calls={} rows={} wal_records_per_write={} "
                                + "wal_bytes_per_write={} fpi_per_write={} buffer_hits_per_write={} query={}", name,
                        String.format("%.2f", rows.getDouble(1) * 1000 / count),
                        String.format("%.2f", rows.getDouble(2) * 1000 / count), rows.getLong(3), rows.getLong(4),
                        String.format("%.2f", rows.getDouble(5) / count),
                        String.format("%.0f", rows.getDouble(6) / count),
                        String.format("%.3f", rows.getDouble(7) / count),
                        String.format("%.1f", rows.getDouble(8) / count), rows.getString(9));
            }
        }
    }

    private static void run(String name, SimpleMeterRegistry registry, int count, int threads, int inFlight,
                            Submitter submitter, Optional<Database> stats)
            throws InterruptedException, SQLException {
        resetStatementStats(stats);
        long commitsBefore = commits(registry);
        Semaphore window = new Semaphore(inFlight);
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                for (int i = first; i < count; i += threads) {
                    window.acquireUninterruptibly();
                    submitter.submit(i).whenComplete((result, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        }
                        window.release();
                        done.countDown();
                    });
                }
            }, "bench-" + t);
            worker.start();
            workers.add(worker);
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + ": not done in 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread worker : workers) {
            worker.join();
        }
        long transactions = commits(registry) - commitsBefore;
        log.info("{}: writes={} failed={} seconds={} writes_per_s={} commits={} commits_per_s={} mean_batch={}",
                name, count, failed.get(), String.format("%.2f", seconds), Math.round(count / seconds),
                transactions, Math.round(transactions / seconds),
                transactions == 0 ? 0 : count / transactions);
        logStatementStats(name, stats, count);
    }
}
