package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.smsgate.server.LogCapture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectorLoopTest {

    @RegisterExtension
    final LogCapture captured = LogCapture.of(ConnectorLoop.class);
    private final EventLoop eventLoop = new DefaultEventLoop();
    private final ConnectorLoop loop = new ConnectorLoop("carrier-test", eventLoop);

    @AfterEach
    void release() {
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void runsTasksInOrderOnTheEventLoop() {
        List<String> ran = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
        loop.execute(() -> ran.add("first"));
        loop.execute(() -> ran.add("second"));
        loop.execute(() -> onLoop.complete(loop.inLoop() && eventLoop.inEventLoop()));

        assertThat(onLoop.join()).isTrue();
        assertThat(ran).containsExactly("first", "second");
        assertThat(loop.inLoop()).isFalse();
    }

    @Test
    void aFailingTaskIsLoggedAtErrorAndTheTasksAfterItStillRun() {
        CompletableFuture<String> after = new CompletableFuture<>();
        loop.execute(() -> {
            throw new IllegalStateException("pump broke");
        });
        loop.execute(() -> after.complete("ran"));

        assertThat(after.join()).isEqualTo("ran");
        assertThat(captured.events(Level.ERROR)).singleElement()
                .satisfies(event -> {
                    assertThat(event.getFormattedMessage()).startsWith("connector task failed loop=carrier-test");
                    assertThat(event.getThrowableProxy().getMessage()).isEqualTo("pump broke");
                });
    }

    @Test
    void aFailingTimerIsLoggedAtErrorNotKeptInAFutureNobodyReads() {
        CompletableFuture<String> after = new CompletableFuture<>();
        loop.schedule(() -> {
            throw new IllegalStateException("reconnect broke");
        }, 1, TimeUnit.MILLISECONDS);
        loop.schedule(() -> after.complete("ran"), 2, TimeUnit.MILLISECONDS);

        assertThat(after.join()).isEqualTo("ran");
        assertThat(captured.events(Level.ERROR)).singleElement()
                .satisfies(event -> assertThat(event.getThrowableProxy().getMessage()).isEqualTo("reconnect broke"));
    }

    @Test
    void afterShutdownTasksAndTimersAreDroppedWhileTheEventLoopGoesOn() {
        List<String> ran = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        // Holds the loop so that a task queued before the shutdown is still queued when it comes.
        loop.execute(gate::join);
        loop.execute(() -> ran.add("queued before"));
        loop.shutdown();
        loop.execute(() -> ran.add("given after"));
        loop.schedule(() -> ran.add("timer after"), 0, TimeUnit.MILLISECONDS);
        gate.complete(null);

        // The event loop itself belongs to the transport: it still runs its own tasks, in order after ours.
        CompletableFuture<String> eventLoopTask = new CompletableFuture<>();
        eventLoop.execute(() -> eventLoopTask.complete("ran"));
        assertThat(eventLoopTask.join()).isEqualTo("ran");
        assertThat(ran).isEmpty();
    }
}
