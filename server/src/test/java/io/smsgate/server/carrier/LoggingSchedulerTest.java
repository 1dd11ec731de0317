package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.smsgate.server.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoggingSchedulerTest {

    @RegisterExtension
    final LogCapture captured = LogCapture.of(LoggingScheduler.class);
    private final ScheduledExecutorService scheduler = LoggingScheduler.create("carrier-test");

    @AfterEach
    void release() {
        scheduler.shutdownNow();
    }

    @Test
    void aPeriodicTaskThatFailsKeepsItsScheduleAndEveryFailureIsLogged() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.scheduleWithFixedDelay(() -> {
            if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("poll " + runs.get() + " broke");
            }
        }, 0, 1, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 5);

        assertThat(captured.events(Level.ERROR)).hasSize(2)
                .allSatisfy(event -> {
                    assertThat(event.getFormattedMessage()).startsWith("scheduled task failed scheduler=carrier-test");
                    assertThat(event.getThrowableProxy().getMessage()).endsWith("broke");
                });
    }

    @Test
    void aFailingOneShotTaskIsLoggedAndTheThreadRunsTheNextTask() throws InterruptedException {
        CountDownLatch next = new CountDownLatch(1);

        scheduler.execute(() -> {
            throw new IllegalArgumentException("carrier answer handling broke");
        });
        scheduler.schedule(next::countDown, 1, TimeUnit.MILLISECONDS);

        assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> captured.events().size() == 1);
        assertThat(captured.events().get(0).getThrowableProxy().getMessage()).isEqualTo("carrier answer handling broke");
    }

    @Test
    void runsOnANamedDaemonThread() throws Exception {
        Thread thread = scheduler.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);

        assertThat(thread.getName()).isEqualTo("carrier-test");
        assertThat(thread.isDaemon()).isTrue();
    }

    @Test
    void executedTasksRunInTheOrderGivenAcrossManyDrainBatches() throws InterruptedException {
        int tasks = 5 * LoggingScheduler.DRAIN_BATCH + 7;
        List<Integer> order = new ArrayList<>();   // touched only on the scheduler's one thread
        CountDownLatch done = new CountDownLatch(1);
        Thread[] producers = new Thread[2];
        // Two producers at once, as the event loop and the Journal's thread do: each one's tasks stay in its order.
        for (int p = 0; p < producers.length; p++) {
            int offset = p * tasks;
            producers[p] = new Thread(() -> {
                for (int i = 0; i < tasks; i++) {
                    int value = offset + i;
                    scheduler.execute(() -> order.add(value));
                }
            });
            producers[p].start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        scheduler.execute(done::countDown);

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).hasSize(2 * tasks);
        assertThat(order.stream().filter(v -> v < tasks).toList()).isSorted();
        assertThat(order.stream().filter(v -> v >= tasks).toList()).isSorted();
    }

    @Test
    void aFailingExecutedTaskDoesNotStopTheTasksAfterIt() throws InterruptedException {
        CountDownLatch blocker = new CountDownLatch(1);
        AtomicInteger after = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        // Held, so that the failing task and the ones after it wait in the mailbox together and run in one drain.
        scheduler.execute(() -> awaitQuietly(blocker));
        scheduler.execute(() -> {
            throw new IllegalStateException("one answer broke");
        });
        for (int i = 0; i < 10; i++) {
            scheduler.execute(after::incrementAndGet);
        }
        scheduler.execute(done::countDown);
        blocker.countDown();

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(after).hasValue(10);
        assertThat(captured.events()).hasSize(1);
        assertThat(captured.events().get(0).getThrowableProxy().getMessage()).isEqualTo("one answer broke");
    }

    @Test
    void tasksGivenBeforeShutdownStillRunAndLaterOnesAreRefused() throws InterruptedException {
        CountDownLatch blocker = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        scheduler.execute(() -> awaitQuietly(blocker));
        int tasks = 2 * LoggingScheduler.DRAIN_BATCH;
        for (int i = 0; i < tasks; i++) {
            scheduler.execute(ran::incrementAndGet);
        }
        scheduler.shutdown();
        blocker.countDown();

        assertThatThrownBy(() -> scheduler.execute(ran::incrementAndGet))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(tasks);
    }

    @Test
    void shutdownNowHandsBackTheExecutedTasksThatNeverRan() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch blocker = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        scheduler.execute(() -> {
            running.countDown();
            awaitQuietly(blocker);
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 10; i++) {
            scheduler.execute(ran::incrementAndGet);
        }

        List<Runnable> dropped = scheduler.shutdownNow();
        blocker.countDown();

        assertThat(dropped).hasSize(10);
        assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
