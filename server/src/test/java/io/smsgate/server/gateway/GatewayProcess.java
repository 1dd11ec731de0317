package io.smsgate.server.gateway;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.awaitility.Awaitility.await;

import io.smsgate.server.cli.SmsgateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code smsgate run --config …} child JVM on the test JVM's class path, for tests that crash it: it can be
 * waited for until {@code /health/ready} answers 200, killed with SIGKILL together with its embedded PostgreSQL
 * (as a machine crash would end both), or stopped with SIGTERM.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayProcess.class);
    private static final Duration READY_WAIT = Duration.ofSeconds(60);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path dataPath;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayProcess(Process process, Path dataPath, Path logFile) {
        this.process = process;
        this.dataPath = dataPath;
        this.logFile = logFile;
    }

    /** Starts the child; its stdout and stderr are appended to {@code logFile}. */
    static GatewayProcess start(Path configFile, Path dataPath, Path logFile) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                SmsgateCommand.class.getName(), "run", "--config", configFile.toString());
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            log.info("gateway child started pid={} log={}", process.pid(), logFile);
            return new GatewayProcess(process, dataPath, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("start smsgate child with " + configFile, e);
        }
    }

    /** Waits until {@code GET /health/ready} on the admin port answers 200; fails at once if the child died. */
    void awaitReady(int adminPort) {
        URI ready = URI.create("http://127.0.0.1:" + adminPort + "/health/ready");
        await().atMost(READY_WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("smsgate child exited with " + process.exitValue() + ", see "
                        + logFile);
            }
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        });
        log.info("gateway child ready pid={}", process.pid());
    }

    /** The child's {@code GET /metrics} text (Prometheus exposition format). */
    String metrics(int adminPort) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * SIGKILL to the JVM, its descendants, and the embedded postmaster with its backends: pg_ctl detaches the
     * postmaster, so it is found through {@code postmaster.pid}, not among the JVM's descendants. Every handle is
     * collected before the first signal so that all of them die within microseconds of each other.
     *
     * @return the test JVM's {@link System#nanoTime} when the signals went out: the crash's instant
     */
    long crash() {
        List<ProcessHandle> victims = new ArrayList<>();
        victims.add(process.toHandle());
        process.descendants().forEach(victims::add);
        postmaster().ifPresent(postmaster -> {
            victims.add(postmaster);
            postmaster.descendants().forEach(victims::add);
        });
        victims.forEach(ProcessHandle::destroyForcibly);
        long killedAt = System.nanoTime();
        await().atMost(EXIT_WAIT).until(() -> victims.stream().noneMatch(ProcessHandle::isAlive));
        log.info("gateway child killed pids={}", victims.stream().map(ProcessHandle::pid).toList());
        return killedAt;
    }

    /** The embedded PostgreSQL's postmaster, when its pid file names a live process. */
    Optional<ProcessHandle> postmaster() {
        Path pidFile = dataPath.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, US_ASCII);
            return lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM (graceful stop), then SIGKILL to whatever is left after {@link #EXIT_WAIT}, postmaster included. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    log.info("gateway child stopped pid={} exit={}", process.pid(), process.exitValue());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.warn("gateway child did not stop on SIGTERM, killing pid={}", process.pid());
        }
        crash();
    }
}
