package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a carrier connector's state lives on: an event loop of the carrier transport, the loop its binds'
 * sessions are opened on too. A submit_sm then goes out, and its submit_sm_resp is read and acted on, on one thread:
 * with a thread of its own, every message crossed to the event loop to be sent and back again with its answer, two
 * thread hand-offs (and often two wake-ups) per message.
 *
 * <p>As with {@link LoggingScheduler}, no task fails silently: what a task (executed or scheduled) throws is logged
 * at ERROR with the loop's name, where the event loop would have logged an executed task's failure at WARN and kept
 * a scheduled one's in a future nobody reads. After {@link #shutdown()} tasks are dropped: the connector is stopping
 * and recovery carries its messages on; the loop itself belongs to the transport and stops with it.
 */
final class ConnectorLoop implements Executor {

    private static final Logger log = LoggerFactory.getLogger(ConnectorLoop.class);

    private final String name;
    private final EventLoop loop;
    private volatile boolean shutdown;

    ConnectorLoop(String name, EventLoop loop) {
        this.name = requireNonNull(name, "name");
        this.loop = requireNonNull(loop, "loop");
    }

    /** The event loop, for the connector's sessions. */
    EventLoop loop() {
        return loop;
    }

    /** Whether the caller runs on this loop: the connector's state may be touched directly. */
    boolean inLoop() {
        return loop.inEventLoop();
    }

    /** Runs {@code task} on the loop after the tasks given before it. */
    @Override
    public void execute(Runnable task) {
        requireNonNull(task, "task");
        if (shutdown) {
            log.debug("connector loop stopped, task dropped loop={}", name);
            return;
        }
        try {
            loop.execute(() -> runGuarded(task));
        } catch (RejectedExecutionException e) {
            log.debug("connector loop gone, task dropped loop={}", name);
        }
    }

    /** Runs {@code task} on the loop after {@code delay}. */
    void schedule(Runnable task, long delay, TimeUnit unit) {
        requireNonNull(task, "task");
        if (shutdown) {
            log.debug("connector loop stopped, timer dropped loop={}", name);
            return;
        }
        try {
            loop.schedule(() -> runGuarded(task), delay, unit);
        } catch (RejectedExecutionException e) {
            log.debug("connector loop gone, timer dropped loop={}", name);
        }
    }

    /** Drops every task given from now on, and every one still queued when it comes due. */
    void shutdown() {
        shutdown = true;
    }

    private void runGuarded(Runnable task) {
        if (shutdown) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException | AssertionError e) {
            // A bug in one task: logged once here, where it is handled; the loop and the connector go on.
            log.error("connector task failed loop={} task={}", name, task, e);
        }
    }
}
