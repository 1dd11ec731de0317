package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each second, writes to disk the embedded PostgreSQL's data files that grew since the last pass, so the kernel
 * never holds half a minute of them and writes it all at once in front of the WAL's fdatasync.
 *
 * <p>PostgreSQL extends a table or index by writing zero-filled pages (posix_fallocate only for more than 8 blocks
 * at once), and unlike its checkpointer, background writer and backends ({@code *_flush_after}) gives the kernel no
 * write-back hint for them. The kernel writes such pages when they are 30 s old ({@code vm.dirty_expire_centisecs}),
 * a whole file at a time: under steady load the API saw one second every 30 s write 76–290 MB while its commits
 * queued behind it (bench/RESULTS.md, eighth measurement). An fdatasync of each grown file, every second, writes the
 * same bytes evenly. It changes no guarantee: pages only reach the disk earlier than PostgreSQL asks.
 */
final class DataFileWriteback implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataFileWriteback.class);
    private static final long INTERVAL_MILLIS = 1_000;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Path directory;
    private final ScheduledExecutorService timer;
    private Map<Path, Long> sizes = Map.of();
    private boolean measuredBefore;
    private boolean failing;
    private final AtomicLong filesWritten = new AtomicLong();
    private final AtomicLong bytesGrown = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong passNanos = new AtomicLong();

    private DataFileWriteback(Path directory, ScheduledExecutorService timer) {
        this.directory = directory;
        this.timer = timer;
    }

    /** Watches {@code directory} (the cluster's {@code base}) without a timer: {@link #pass()} is called by hand. */
    static DataFileWriteback manual(Path directory) {
        return new DataFileWriteback(requireNonNull(directory, "directory"), null);
    }

    /** Watches {@code directory} on a daemon thread of its own, a pass every second. */
    static DataFileWriteback start(Path directory) {
        requireNonNull(directory, "directory");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smsgate-store-writeback");
            thread.setDaemon(true);
            return thread;
        });
        DataFileWriteback writeback = new DataFileWriteback(directory, timer);
        timer.scheduleWithFixedDelay(writeback::timedPass, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        log.info("embedded postgres data file write-back started dir={} interval_ms={}", directory, INTERVAL_MILLIS);
        return writeback;
    }

    /**
     * Measures every file under the directory and fdatasyncs those larger than at the last pass; the first pass
     * only measures. Returns the number of files written.
     */
    synchronized int pass() {
        Map<Path, Long> measured;
        try {
            measured = measure();
        } catch (IOException e) {
            reportState(e);
            return 0;
        }
        int written = 0;
        long grown = 0;
        IOException failure = null;
        for (Map.Entry<Path, Long> file : measured.entrySet()) {
            long before = sizes.getOrDefault(file.getKey(), 0L);
            if (!measuredBefore || file.getValue() <= before) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(file.getKey(), StandardOpenOption.READ)) {
                channel.force(false);
                written++;
                grown += file.getValue() - before;
            } catch (NoSuchFileException e) {
                // Dropped (an expired partition, a rewritten relation's old file) between the walk and the write.
            } catch (IOException e) {
                failure = e;
            }
        }
        sizes = measured;
        measuredBefore = true;
        filesWritten.addAndGet(written);
        bytesGrown.addAndGet(grown);
        reportState(failure);
        return written;
    }

    /** Files written, bytes they had grown by, passes and their time, for {@code smsgate.store.writeback.*}. */
    void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("smsgate.store.writeback.files", filesWritten, AtomicLong::get)
                .description("Embedded PostgreSQL data files written back early because they grew")
                .register(registry);
        FunctionCounter.builder("smsgate.store.writeback.grown", bytesGrown, AtomicLong::get)
                .description("Bytes the early-written data files had grown by since the previous pass")
                .baseUnit("bytes")
                .register(registry);
        FunctionTimer.builder("smsgate.store.writeback.pass", this, w -> w.passes.get(), w -> w.passNanos.get(),
                        TimeUnit.NANOSECONDS)
                .description("Passes over the embedded PostgreSQL's data files, measuring and writing back")
                .register(registry);
    }

    /** Stops after the pass under way, if any: interrupting an fdatasync would close its file and log a failure. */
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdown();
        try {
            if (!timer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("embedded postgres data file write-back stopped dir={}", directory);
    }

    private void timedPass() {
        long began = System.nanoTime();
        try {
            pass();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the next pass.
            log.warn("embedded postgres data file write-back pass failed dir={}", directory, e);
        }
        passes.incrementAndGet();
        passNanos.addAndGet(System.nanoTime() - began);
    }

    private Map<Path, Long> measure() throws IOException {
        Map<Path, Long> measured = new HashMap<>(Math.max(16, sizes.size() * 2));
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    measured.put(file, attributes.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // removed while walking
            }
        });
        return measured;
    }

    private void reportState(IOException failure) {
        if (failure != null && !failing) {
            log.warn("embedded postgres data file write-back failing dir={} error={}", directory, failure.toString());
        } else if (failure == null && failing) {
            log.info("embedded postgres data file write-back recovered dir={}", directory);
        }
        failing = failure != null;
    }
}
