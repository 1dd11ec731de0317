package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's writer (ARCHITECTURE.md, "The Journal"): every insert and update goes through it, batched by group
 * commit, and each write's future completes only after the transaction that carries it committed.
 *
 * <p>Two lanes, each one thread with its own connection and queue ({@link JournalLane}): accepted messages, and
 * everything that happens to them afterwards (submissions, receipts, transitions, the outbox). An accept waits only
 * for a batch of accepts, a COPY that commits in a few milliseconds, not behind a batch of receipts; and the two
 * lanes' transactions run side by side on two database backends. They never touch the same rows in a way that could
 * deadlock: an accept inserts a new message, and every later write of that message is submitted after its accept's
 * future completed, so the lanes also keep each message's writes in order.
 *
 * <p>Accepts are cheap and the state changes they bring are not: while the state lane holds more than a tenth of its
 * capacity, the accept lane holds its next batch. Accepts then wait, clients' windows fill and they slow down (the
 * flow control SMPP windows are for); only when the accept queue itself is full are they refused. The writes that
 * record what carriers already did keep finding room.
 */
public final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    static final String JOURNAL_APPLICATION_NAME = "smsgate-journal";

    private final JournalConfig config;
    private final JournalLane accepts;
    private final JournalLane changes;

    public Journal(DataSource dataSource, JournalConfig config, MeterRegistry registry) {
        this.config = requireNonNull(config, "config");
        this.changes = new JournalLane(dataSource, config, registry, "state", () -> false);
        this.accepts = new JournalLane(dataSource, config, registry, "accept",
                () -> changes.queueDepth() > config.queueCapacity() / 10);
        changes.onBatchTaken(accepts::wake);
    }

    /**
     * Runs {@code listener} after every committed transaction of either lane, on that lane's completion thread, once
     * its writes' futures are complete: a signal for readers of what triggers wrote (webhook delivery), so it must
     * return at once.
     */
    public void addCommitListener(Runnable listener) {
        accepts.addCommitListener(listener);
        changes.addCommitListener(listener);
    }

    /** Starts the writer threads. */
    public synchronized void start() {
        accepts.start();
        changes.start();
        log.info("journal started lanes=accept,state max_batch_rows={} max_batch_delay={} queue_capacity={}",
                config.maxBatchRows(), config.maxBatchDelay(), config.queueCapacity());
    }

    /**
     * Queues a write; its future completes after the transaction that carries it committed, or fails with a
     * {@link StoreException} (that transaction failed) or {@link StoreOverloadedException} (refused at once: queue
     * full or journal stopping). Never blocks.
     */
    public <R> CompletableFuture<R> submit(JournalWrite<R> write) {
        requireNonNull(write, "write");
        return write.kind() == JournalWrite.Kind.INSERT_MESSAGE ? accepts.submit(write) : changes.submit(write);
    }

    /** Writes waiting to be committed, in both lanes. */
    public int queueDepth() {
        return accepts.queueDepth() + changes.queueDepth();
    }

    /**
     * Stops accepting messages, commits the accepts already queued, then the state changes (including those the
     * accepts' completions queued), and releases the connections.
     */
    @Override
    public synchronized void close() {
        accepts.close();
        changes.close();
    }
}
