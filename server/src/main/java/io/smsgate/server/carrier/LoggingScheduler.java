package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-thread scheduler on a daemon thread whose runnable tasks cannot fail silently: a plain
 * {@link ScheduledThreadPoolExecutor} keeps a task's exception in a future nobody reads, and cancels a periodic task
 * after its first exception. Here every runnable (executed, scheduled once or periodic) is guarded: what it threw is
 * logged at ERROR with the scheduler's name, and a periodic task keeps its schedule.
 *
 * <p>{@link #execute} hands tasks to a mailbox drained by one pool task, in the order they were given: under load a
 * scheduler given a task per message from other threads (as carrier connectors were, before they moved to their
 * binds' event loop, {@link ConnectorLoop}) would otherwise pay a lock, a heap insertion into the delay queue and
 * often a thread wake-up per message. The drain runs at most
 * {@link #DRAIN_BATCH} tasks before it queues itself again, so timers due meanwhile are not held back.
 */
public final class LoggingScheduler extends ScheduledThreadPoolExecutor {

    private static final Logger log = LoggerFactory.getLogger(LoggingScheduler.class);

    /** Tasks one drain runs before the timers due meanwhile get their turn. */
    static final int DRAIN_BATCH = 256;

    private final String name;
    private final Queue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Runnable drain = this::drain;

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
        requireNonNull(command, "command");
        if (isShutdown()) {
            super.execute(command); // refused by the rejection policy, as before the mailbox
            return;
        }
        mailbox.offer(command);
        if (!draining.get() && draining.compareAndSet(false, true)) {
            super.execute(drain);
        }
    }

    /** Runs the mailbox's tasks in order; stays the only drain until it finds the mailbox empty. */
    private void drain() {
        int ran = 0;
        while (true) {
            Runnable task = mailbox.poll();
            if (task == null) {
                draining.set(false);
                // A task offered after the poll but before the reset saw draining still set: it is ours to run.
                if (mailbox.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            runGuarded(task);
            if (++ran >= DRAIN_BATCH && !mailbox.isEmpty()) {
                try {
                    super.execute(drain);
                    return;
                } catch (RejectedExecutionException shuttingDown) {
                    // Shut down: the tasks were accepted before it, so they still run, here.
                    ran = 0;
                }
            }
        }
    }

    /** Also hands back the executed tasks still in the mailbox: like queued pool tasks, they never run. */
    @Override
    public List<Runnable> shutdownNow() {
        // Emptied before the worker is interrupted, so a drain it was running finds nothing more to run.
        List<Runnable> dropped = new ArrayList<>();
        for (Runnable task = mailbox.poll(); task != null; task = mailbox.poll()) {
            dropped.add(task);
        }
        dropped.addAll(super.shutdownNow());
        for (Runnable task = mailbox.poll(); task != null; task = mailbox.poll()) {
            dropped.add(task);
        }
        return dropped;
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
        return () -> runGuarded(command);
    }

    private void runGuarded(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException | AssertionError e) {
            // A bug in one task: logged once here, where it is handled; the thread and the schedule go on.
            log.error("scheduled task failed scheduler={} task={}", name, command, e);
        }
    }
}
