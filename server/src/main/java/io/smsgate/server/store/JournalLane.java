package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer of the {@link Journal}: one thread drains a bounded queue of writes from every connection, commits them
 * in one transaction per batch (group commit: up to {@code store.journal.max-batch-rows} writes or
 * {@code store.journal.max-batch-delay}), and only then completes each write's future.
 *
 * <p>Futures complete in commit order on the lane's completion thread, not on the writer: what callers chain on them
 * (dispatching an accepted message, queueing a client's receipt) then runs while the writer's next batch is in the
 * database, instead of between batches. With completions on the writer, a third of its time went to callers' code
 * while its database backend waited (async-profiler, bench load at 3,700 msg/s). Callers still never block on a
 * future. {@link #submit} never blocks either: when the queue is full the future is already failed with
 * {@link StoreOverloadedException}.
 */
final class JournalLane implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalLane.class);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    // A held lane is woken when the lane it feeds takes a batch; this is only the fallback. Parking in 1 ms steps
    // cost 4.7 % of the gateway's CPU samples at max rate (async-profiler).
    private static final long HOLD_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final DataSource dataSource;
    private final JournalConfig config;
    private final String lane;
    private final BooleanSupplier behindDownstream;
    private final Counter holds;
    private final BlockingQueue<Pending<?>> queue;
    private final Thread writer;
    /** Completes the futures of committed (or failed) batches, one batch after another. */
    private final ThreadPoolExecutor completer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean accepting = true;
    private volatile boolean terminated;
    private volatile boolean started;

    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
    private volatile Runnable batchTaken = () -> { };
    private final Timer commits;
    private final DistributionSummary batchSizes;
    private final Counter failures;
    private final Counter refused;

    // Touched by the writer thread only.
    private Connection connection;
    private boolean behind;
    private boolean failing;

    /** Runs {@code listener} on this lane's completion thread after each of its commits (Journal.addCommitListener). */
    void addCommitListener(Runnable listener) {
        commitListeners.add(requireNonNull(listener, "listener"));
    }

    /** Runs {@code listener} on the writer each time it has taken a batch from its queue (its depth just fell). */
    void onBatchTaken(Runnable listener) {
        batchTaken = requireNonNull(listener, "listener");
    }

    /** Ends a hold at once, so that the lane looks again whether the lane it feeds is still behind. */
    void wake() {
        LockSupport.unpark(writer);
    }

    /** @param behindDownstream while true, the lane holds its next batch (the lane it feeds is behind) */
    JournalLane(DataSource dataSource, JournalConfig config, MeterRegistry registry, String lane,
                BooleanSupplier behindDownstream) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.config = requireNonNull(config, "config");
        this.lane = requireNonNull(lane, "lane");
        this.behindDownstream = requireNonNull(behindDownstream, "behindDownstream");
        this.holds = Counter.builder("smsgate.journal.holds")
                .description("Times the lane held its next batch because the lane it feeds was behind")
                .tag("lane", lane)
                .register(registry);
        // Unbounded: submit() holds refusable writes to the capacity and admits the others beyond it.
        this.queue = new LinkedBlockingQueue<>();
        this.commits = Timer.builder("smsgate.journal.commits")
                .description("One Journal transaction: its statements and its commit")
                .tag("lane", lane)
                .publishPercentileHistogram()
                .register(registry);
        this.batchSizes = DistributionSummary.builder("smsgate.journal.batch.size")
                .description("Writes per Journal transaction")
                .tag("lane", lane)
                .publishPercentileHistogram()
                .register(registry);
        this.failures = Counter.builder("smsgate.journal.failures")
                .description("Journal transactions that failed; each failed all its writes")
                .tag("lane", lane)
                .register(registry);
        this.refused = Counter.builder("smsgate.journal.refused")
                .description("Writes refused at once because the Journal queue was full or stopping")
                .tag("lane", lane)
                .register(registry);
        Gauge.builder("smsgate.journal.queue.depth", queue, BlockingQueue::size)
                .description("Writes waiting for the Journal")
                .tag("lane", lane)
                .register(registry);
        this.writer = new Thread(this::run, "smsgate-journal-" + lane);
        this.writer.setDaemon(true);
        this.completer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "smsgate-journal-" + lane + "-done");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("smsgate.journal.completions.pending", completer, pool -> pool.getQueue().size())
                .description("Committed batches whose futures wait to be completed")
                .tag("lane", lane)
                .register(registry);
    }

    /** Starts the writer thread. */
    synchronized void start() {
        if (started) {
            throw new IllegalStateException("journal " + lane + ": already started");
        }
        started = true;
        writer.start();
    }

    /**
     * Queues a write; its future completes after the transaction that carries it committed, or fails with a
     * {@link StoreException} (that transaction failed) or {@link StoreOverloadedException} (refused at once: queue
     * full or journal stopping). Never blocks.
     */
    <R> CompletableFuture<R> submit(JournalWrite<R> write) {
        requireNonNull(write, "write");
        Pending<R> pending = new Pending<>(write, new CompletableFuture<>());
        if (!accepting) {
            refused.increment();
            pending.future.completeExceptionally(new StoreOverloadedException("journal: stopping"));
            return pending.future;
        }
        if (write.kind().refusable() && queue.size() >= config.queueCapacity()) {
            refused.increment();
            pending.future.completeExceptionally(new StoreOverloadedException("journal queue (" + lane + "): full at "
                    + config.queueCapacity() + " writes (store.journal.queue-capacity)"));
            return pending.future;
        }
        queue.add(pending);
        // Lost a race with close(): the writer has gone, so nobody else will complete it.
        if (terminated && queue.remove(pending)) {
            pending.future.completeExceptionally(new StoreOverloadedException("journal: stopped"));
        }
        return pending.future;
    }

    /** Writes waiting to be committed. */
    int queueDepth() {
        return queue.size();
    }

    /** Stops accepting writes, commits everything already queued, and releases the connection. */
    @Override
    public synchronized void close() {
        accepting = false;
        wake();
        if (!started) {
            // Never started: nothing will commit what was queued, so say so now rather than leave it hanging.
            terminated = true;
            List<Pending<?>> queued = new ArrayList<>();
            queue.drainTo(queued);
            for (Pending<?> pending : queued) {
                pending.future.completeExceptionally(new StoreOverloadedException("journal: closed before start"));
            }
            return;
        }
        if (writer.isAlive()) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(config.maxBatchRows());
        try {
            while (true) {
                holdWhileBehind();
                Pending<?> first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                if (first == null) {
                    if (!accepting && queue.isEmpty()) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                fill(batch);
                batchTaken.run();
                commit(batch);
                batch.clear();
                watchDepth();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("journal interrupted lane={} queue_depth={}", lane, queue.size());
        } finally {
            terminated = true;
            List<Pending<?>> stragglers = new ArrayList<>();
            queue.drainTo(stragglers);
            completer.execute(() -> {
                for (Pending<?> pending : stragglers) {
                    pending.future.completeExceptionally(new StoreOverloadedException("journal: stopped"));
                }
            });
            completer.shutdown();
            awaitCompletions();
            closeConnection();
            log.info("journal stopped lane={}", lane);
            stopped.countDown();
        }
    }

    // Waits (in steps of a millisecond) while the lane this one feeds is behind, so that its own queue, and then
    // its callers' windows, fill up instead; a lane stopping drains at once.
    private void holdWhileBehind() {
        boolean held = false;
        while (accepting && behindDownstream.getAsBoolean()) {
            if (!held) {
                held = true;
                holds.increment();
            }
            LockSupport.parkNanos(HOLD_STEP_NANOS);
        }
    }

    // Group commit: take what is queued now, then wait up to max-batch-delay for more until the batch is full.
    private void fill(List<Pending<?>> batch) throws InterruptedException {
        int max = config.maxBatchRows();
        queue.drainTo(batch, max - batch.size());
        long delay = config.maxBatchDelay().toNanos();
        if (delay == 0) {
            return;
        }
        long deadline = System.nanoTime() + delay;
        while (batch.size() < max) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            Pending<?> next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, max - batch.size());
        }
    }

    private void commit(List<Pending<?>> batch) {
        Map<JournalWrite.Kind, List<Pending<?>>> byKind = new EnumMap<>(JournalWrite.Kind.class);
        for (Pending<?> pending : batch) {
            byKind.computeIfAbsent(pending.write.kind(), kind -> new ArrayList<>()).add(pending);
        }
        long start = System.nanoTime();
        Map<Pending<?>, Object> results = new IdentityHashMap<>(batch.size());
        try {
            Connection c = connection();
            for (Map.Entry<JournalWrite.Kind, List<Pending<?>>> entry : byKind.entrySet()) {
                List<Pending<?>> pendings = entry.getValue();
                List<JournalWrite<?>> writes = new ArrayList<>(pendings.size());
                for (Pending<?> pending : pendings) {
                    writes.add(pending.write);
                }
                List<Object> kindResults = JournalBatch.execute(c, entry.getKey(), writes);
                for (int i = 0; i < pendings.size(); i++) {
                    results.put(pendings.get(i), kindResults.get(i));
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            fail(batch, e);
            return;
        } finally {
            commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        batchSizes.record(batch.size());
        if (failing) {
            failing = false;
            log.info("journal recovered lane={} batch_size={}", lane, batch.size());
        }
        List<Pending<?>> committed = List.copyOf(batch);
        completer.execute(() -> {
            for (Pending<?> pending : committed) {
                pending.complete(results.get(pending));
            }
            for (Runnable listener : commitListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    log.warn("journal commit listener failed cause={}", e.toString());
                }
            }
        });
    }

    // The writer is stopping: every future it took must be completed before close() returns.
    private void awaitCompletions() {
        try {
            if (!completer.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("journal completions still running at stop lane={}", lane);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(List<Pending<?>> batch, Exception cause) {
        failures.increment();
        rollbackAndCheckConnection();
        String reason = describe(cause);
        if (!failing) {
            failing = true;
            log.warn("journal commit failed lane={} writes={} {}", lane, batch.size(), reason);
        }
        StoreException error = new StoreException("journal commit of " + batch.size() + " writes: " + reason, cause);
        List<Pending<?>> failed = List.copyOf(batch);
        completer.execute(() -> {
            for (Pending<?> pending : failed) {
                pending.future.completeExceptionally(error);
            }
        });
    }

    // The driver's batch exception quotes every parameter (addresses, text): report the server's error instead.
    static String describe(Throwable cause) {
        Throwable deepest = cause;
        while (deepest instanceof SQLException sql && sql.getNextException() != null) {
            deepest = sql.getNextException();
        }
        if (deepest instanceof SQLException sql) {
            String message = String.valueOf(sql.getMessage());
            int detail = message.indexOf("\n");
            return "sqlstate=" + sql.getSQLState() + " error=" + (detail < 0 ? message : message.substring(0, detail));
        }
        return "error=" + cause;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection fresh = dataSource.getConnection();
            try {
                fresh.setAutoCommit(false);
                // Names the journal's session in pg_stat_activity for operators.
                fresh.setClientInfo("ApplicationName", Journal.JOURNAL_APPLICATION_NAME);
                keyLookupsOnly(fresh, true);
                fresh.commit();
            } catch (SQLException e) {
                fresh.close();
                throw e;
            }
            connection = fresh;
        }
        return connection;
    }

    /**
     * Every Journal statement names its rows by key (arrays joined on the primary key or a lookup index), so its
     * plans must be nested loops of index lookups whatever the statistics say; with no table scan and no hash or
     * merge join on offer they stay so. Under load the day's partitions grow faster than autovacuum analyses them,
     * and the planner, trusting stale counts, hash-joined a batch of 400 receipts against a sequential scan of a
     * 90,000-row partition (40 ms a batch, growing), or, with hash joins off, rescanned a materialised partition
     * for every row of the batch.
     */
    private static void keyLookupsOnly(Connection connection, boolean on) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(on
                    ? "SET enable_seqscan = off; SET enable_hashjoin = off; SET enable_mergejoin = off"
                    : "RESET enable_seqscan; RESET enable_hashjoin; RESET enable_mergejoin");
        }
    }

    // After a failure the connection may be dead (terminated backend, network): give it back to the pool, which
    // evicts broken ones, and take a new one for the next batch.
    private void rollbackAndCheckConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
            if (connection.isValid(2)) {
                return;
            }
        } catch (SQLException e) {
            log.debug("journal rollback failed cause={}", e.toString());
        }
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                if (!connection.isClosed()) {
                    connection.setClientInfo("ApplicationName", Database.APPLICATION_NAME); // back to the pool's
                    keyLookupsOnly(connection, false);
                    connection.commit();
                }
                connection.close();
            } catch (SQLException e) {
                log.debug("journal connection close failed cause={}", e.toString());
            }
            connection = null;
        }
    }

    private void watchDepth() {
        int depth = queue.size();
        int capacity = config.queueCapacity();
        if (!behind && depth > capacity * 8L / 10) {
            behind = true;
            log.warn("journal falling behind lane={} queue_depth={} queue_capacity={}", lane, depth, capacity);
        } else if (behind && depth < capacity * 2L / 10) {
            behind = false;
            log.info("journal caught up lane={} queue_depth={} queue_capacity={}", lane, depth, capacity);
        }
    }

    private record Pending<R>(JournalWrite<R> write, CompletableFuture<R> future) {
        @SuppressWarnings("unchecked")
        void complete(Object result) {
            future.complete((R) result);
        }
    }
}
