package io.smsgate.server;

import java.time.Duration;

/**
 * A part of the server with a lifecycle (the upstream SMPP server, the carrier connectors, the client notifier),
 * started and stopped by {@link SmsgateServer} in order: every {@link #start} (registration order) after the
 * store and the Journal, then every {@link #listen}; on stop every {@link #stopAccepting}, then every
 * {@link #stop} (both in reverse order), before the Journal is flushed.
 */
public interface Component {

    /** A short name for logs and health checks ({@code smpp.upstream}, {@code carriers}). */
    String name();

    /**
     * Builds the component on the started store (recovery reads, caches, timers), without accepting traffic yet.
     * Register readiness checks with {@code context.health()}. A failure stops the server's start.
     */
    void start(ServerContext context) throws Exception;

    /** Opens the component's listeners or connections (bind SMPP ports, connect carrier binds). */
    default void listen() throws Exception {
    }

    /** First step of a graceful stop: close listeners and refuse new work, keeping sessions that carry work. */
    default void stopAccepting() {
    }

    /**
     * Drains within {@code timeout} (answer or expire the windows, unbind, finish writes to the Journal) and releases
     * everything. The Journal is still running during this call.
     */
    void stop(Duration timeout);
}
