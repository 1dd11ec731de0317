package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily partitions ahead of time and drops the expired ones: once at start-up (before anything
 * writes) and then every hour on its own thread, so that a missed run or a day boundary never finds a message
 * without its partition.
 */
public final class StoreMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    private final Partitions partitions;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    public StoreMaintenance(Partitions partitions, Clock clock) {
        this.partitions = requireNonNull(partitions, "partitions");
        this.clock = requireNonNull(clock, "clock");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smsgate-store-maintenance");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs once now (failing start-up if the database refuses), then every hour. */
    public void start() {
        runOnce();
        scheduler.scheduleAtFixedRate(this::runQuietly, 1, 1, TimeUnit.HOURS);
    }

    /** Creates the partitions ahead and drops the expired ones. */
    public void runOnce() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        partitions.ensure(today);
        partitions.dropExpired(today);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (StoreException e) {
            // The next run tries again; partitions are created days ahead, so one failure loses nothing.
            log.warn("store maintenance failed cause={}", JournalLane.describe(e.getCause() == null ? e : e.getCause()));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
