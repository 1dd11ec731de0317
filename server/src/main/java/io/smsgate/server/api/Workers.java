package io.smsgate.server.api;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool the API runs its blocking work on (JDBC reads and small writes), so that no event loop ever
 * waits for the database. Full means refused at once ({@link Busy}, a 503 with Retry-After), never queued without
 * bound.
 */
final class Workers implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    Workers(int threads, int queueCapacity) {
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), task -> {
                    Thread thread = new Thread(task, "smsgate-api-worker-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new Busy(pool.getQueue().size()));
        }
    }

    /** Runs {@code work} on a worker; false when the pool is full (nothing was started). */
    boolean execute(Runnable work) {
        try {
            pool.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    /** The pool and its queue are full. */
    static final class Busy extends RuntimeException {
        Busy(int queued) {
            super("api workers: busy (" + queued + " tasks waiting)", null, false, false);
        }
    }
}
