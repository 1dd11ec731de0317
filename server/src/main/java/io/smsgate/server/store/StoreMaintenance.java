package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily partitions ahead of time, drops the expired ones and applies the retention of the unpartitioned
 * queues ({@link StoreRetention}): the partitions once at start-up (before anything writes), then everything at once
 * on its own thread and every hour after, so that a missed run or a day boundary never finds a message without its
 * partition, and a start-up never waits for a purge.
 */
public final class StoreMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Partitions partitions;
    private final StoreRetention retention;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    public StoreMaintenance(Partitions partitions, StoreRetention retention, Clock clock) {
        this.partitions = requireNonNull(partitions, "partitions");
        this.retention = requireNonNull(retention, "retention");
        this.clock = requireNonNull(clock, "clock");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smsgate-store-maintenance");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates today's partitions now (failing start-up if the database refuses), then runs everything hourly. */
    public void start() {
        partitions.ensure(today());
        scheduler.scheduleWithFixedDelay(this::runQuietly, 0, 1, TimeUnit.HOURS);
    }

    /** Creates the partitions ahead, drops the expired ones and applies the queues' retention. */
    public void runOnce() {
        LocalDate today = today();
        partitions.ensure(today);
        partitions.dropExpired(today);
        retention.run(clock.instant());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The next run tries again; partitions are created days ahead, so one failure loses nothing.
            log.warn("store maintenance failed cause={}", JournalLane.describe(e.getCause() == null ? e : e.getCause()));
        }
    }

    /** Stops the schedule; a run under way stops after its current batch, which this waits for (a few seconds). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("store maintenance still running at close waited={}", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
