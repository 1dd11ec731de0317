package io.smsgate.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * This process: {@code node.id} (in every message id, unique per node sharing a database), {@code node.data-path}
 * (the embedded database and other local state live below it), and {@code node.shutdown-timeout} (the most a
 * graceful stop may take before the remaining steps are cut short).
 */
public record NodeConfig(int id, Path dataPath, Duration shutdownTimeout) {

    /** The most {@code node.id} may be: ids carry 10 bits of node. */
    public static final int MAX_ID = 1023;

    public static final NodeConfig DEFAULTS = new NodeConfig(0, Path.of("data"), Duration.ofSeconds(30));

    public NodeConfig {
        requireNonNull(dataPath, "dataPath");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("node.id: " + id + " (expected: 0.." + MAX_ID + ")");
        }
        if (dataPath.toString().isBlank()) {
            throw new IllegalArgumentException("node.data-path: '' (expected: a directory)");
        }
        if (shutdownTimeout.compareTo(Duration.ofSeconds(1)) < 0 || shutdownTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("node.shutdown-timeout: " + shutdownTimeout + " (expected: 1s..1h)");
        }
    }

    public NodeConfig withDataPath(Path path) {
        return new NodeConfig(id, path, shutdownTimeout);
    }
}
