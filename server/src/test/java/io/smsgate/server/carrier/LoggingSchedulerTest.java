package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingSchedulerTest {

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LoggingScheduler.class);
    private final ScheduledExecutorService scheduler = LoggingScheduler.create("carrier-test");

    @BeforeEach
    void capture() {
        captured.start();
        logger.addAppender(captured);
    }

    @AfterEach
    void release() {
        scheduler.shutdownNow();
        logger.detachAppender(captured);
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

        assertThat(captured.list).filteredOn(event -> event.getLevel() == Level.ERROR).hasSize(2)
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
        await().atMost(Duration.ofSeconds(5)).until(() -> captured.list.size() == 1);
        assertThat(captured.list.get(0).getThrowableProxy().getMessage()).isEqualTo("carrier answer handling broke");
    }

    @Test
    void runsOnANamedDaemonThread() throws Exception {
        Thread thread = scheduler.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);

        assertThat(thread.getName()).isEqualTo("carrier-test");
        assertThat(thread.isDaemon()).isTrue();
    }
}
