package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-thread scheduler on a daemon thread whose runnable tasks cannot fail silently: a plain
 * {@link ScheduledThreadPoolExecutor} keeps a task's exception in a future nobody reads, and cancels a periodic task
 * after its first exception. Here every runnable (executed, scheduled once or periodic) is guarded: what it threw is
 * logged at ERROR with the scheduler's name, and a periodic task keeps its schedule.
 */
public final class LoggingScheduler extends ScheduledThreadPoolExecutor {

    private static final Logger log = LoggerFactory.getLogger(LoggingScheduler.class);

    private final String name;

    private LoggingScheduler(String name) {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        this.name = name;
        setRemoveOnCancelPolicy(true);
    }

    /** A scheduler on one daemon thread called {@code name}. */
    public static ScheduledExecutorService create(String name) {
        return new LoggingScheduler(requireNonNull(name, "name"));
    }

    @Override
    public void execute(Runnable command) {
        super.execute(guard(command));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(guard(command), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return super.scheduleAtFixedRate(guard(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                     TimeUnit unit) {
        return super.scheduleWithFixedDelay(guard(command), initialDelay, delay, unit);
    }

    private Runnable guard(Runnable command) {
        requireNonNull(command, "command");
        return () -> {
            try {
                command.run();
            } catch (RuntimeException | AssertionError e) {
                // A bug in one task: logged once here, where it is handled; the thread and the schedule go on.
                log.error("scheduled task failed scheduler={} task={}", name, command, e);
            }
        };
    }
}
