package io.smsgate.server.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries in our distribution, its data directory under the data path,
 * reused by the next start: same files, same port, listening on 127.0.0.1 only.
 *
 * <p>The library's defaults are for throw-away test databases (fsync and synchronous_commit off). Ours are
 * durable unless the caller says otherwise, because an accepted message must survive a machine crash.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Optional<DataFileWriteback> writeback;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, Optional<DataFileWriteback> writeback) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.writeback = writeback;
    }

    /**
     * Starts (or restarts) the database in {@code <dataPath>/postgres}.
     *
     * @param port 0 reuses the port of the last start, or picks and keeps a free one
     * @param durable fsync, synchronous_commit and full_page_writes on (the server's setting); off only in tests
     */
    public static EmbeddedDatabase start(Path dataPath, int port, boolean durable) {
        requireNonNull(dataPath, "dataPath");
        Path dataDirectory = dataPath.resolve("postgres").toAbsolutePath();
        Path portFile = dataPath.resolve("postgres.port").toAbsolutePath();
        try {
            Files.createDirectories(dataPath);
            stopOrphanedPostmaster(dataDirectory);
            int chosenPort = port > 0 ? port : reusablePort(portFile);
            String onOff = durable ? "on" : "off";
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(chosenPort)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // The library passes -F (fsync off) and synchronous_commit=off; these -c options come after
                    // and win (EmbeddedDatabaseTest reads them back with SHOW).
                    .setServerConfig("fsync", onOff)
                    .setServerConfig("synchronous_commit", onOff)
                    .setServerConfig("full_page_writes", onOff)
                    .setServerConfig("max_connections", "300")
                    // A new WAL segment is not zero-filled first: until checkpoints recycle old segments, every 16 MB of
                    // WAL wrote 16 MB of zeros while commits waited, the HTTP API's p99 at 7,500 req/s was 22-123 ms
                    // with it and 15-27 ms without (bench/RESULTS.md). Commits are as durable: each still waits for
                    // fdatasync of what it wrote.
                    .setServerConfig("wal_init_zero", "off")
                    // Accepting writes a few kB of table, index and WAL per message. With the stock 128 MB of shared
                    // buffers the API bench's connections evicted and wrote 37,000-45,000 dirty pages per run
                    // themselves, each one a stall inside a commit; with 512 MB the background writer does it.
                    .setServerConfig("shared_buffers", "512MB")
                    // Checkpoints by time, not by a full 1 GB of WAL at burst rates: a checkpoint requested mid-run
                    // stalled commits for 208 ms, and every checkpoint makes the next write of each page log a full
                    // page image. Crash recovery replays at most 4 GB of WAL.
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("min_wal_size", "1GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .start();
            Files.writeString(portFile, Integer.toString(chosenPort), US_ASCII);
            log.info("embedded postgres started data_dir={} port={} durable={}", dataDirectory, chosenPort, durable);
            // Without fsync nothing waits for the disk, so there is no commit for a write-back burst to stall.
            Optional<DataFileWriteback> writeback = durable
                    ? Optional.of(DataFileWriteback.start(dataDirectory.resolve("base")))
                    : Optional.empty();
            return new EmbeddedDatabase(postgres, dataDirectory, writeback);
        } catch (IOException e) {
            throw new StoreException("start embedded postgres in " + dataDirectory, e);
        }
    }

    /** The JDBC URL of database {@code name} on this server, over 127.0.0.1. */
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    /** The superuser this server was initialised with (no password; it listens on 127.0.0.1 only). */
    public String user() {
        return SUPERUSER;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Registers the early write-back's meters ({@code smsgate.store.writeback.*}) when it runs. */
    public void bindMetrics(MeterRegistry registry) {
        requireNonNull(registry, "registry");
        writeback.ifPresent(w -> w.bindTo(registry));
    }

    /** Stops the server (fast shutdown: sessions are ended, everything committed is on disk). */
    @Override
    public void close() {
        writeback.ifPresent(DataFileWriteback::close);
        try {
            postgres.close();
            log.info("embedded postgres stopped data_dir={}", dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("stop embedded postgres in " + dataDirectory, e);
        }
    }

    // A kill -9 of our JVM leaves its postmaster running (pg_ctl detaches it) and its postmaster.pid in place:
    // ask that postmaster to shut down before starting a new one. A pid file whose process is gone or is not
    // a postgres (the pid was reused after a machine crash) is removed so the new postmaster does not refuse.
    private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, US_ASCII);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of);
        boolean isPostgres = process.filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().command())
                .filter(command -> command.endsWith("postgres"))
                .isPresent();
        if (!isPostgres) {
            log.warn("removing stale postmaster.pid data_dir={} pid_line={}", dataDirectory,
                    lines.isEmpty() ? "" : lines.get(0));
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle postmaster = process.orElseThrow();
        log.warn("stopping orphaned embedded postgres pid={} data_dir={}", postmaster.pid(), dataDirectory);
        postmaster.destroy(); // SIGTERM: smart shutdown; the dead JVM's sessions are already gone
        try {
            postmaster.onExit().get(STARTUP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while stopping orphaned postgres pid " + postmaster.pid(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException("stop orphaned postgres pid " + postmaster.pid() + " in " + dataDirectory, e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int reusablePort(Path portFile) throws IOException {
        if (Files.isRegularFile(portFile)) {
            String text = Files.readString(portFile, US_ASCII).trim();
            try {
                int previous = Integer.parseInt(text);
                if (previous > 0 && previous <= 65535 && isFree(previous)) {
                    return previous;
                }
                log.warn("embedded postgres port taken, choosing another previous_port={}", previous);
            } catch (NumberFormatException e) {
                log.warn("ignoring unreadable port file file={} content={}", portFile, text);
            }
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
