package io.smsgate.simulator;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Ticker;
import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.codec.SmppCodec;
import io.smsgate.protocol.smpp.pdu.BindResp;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.load.LoadStatistics;
import io.smsgate.simulator.load.SeriesPoint;
import io.smsgate.simulator.scenario.LoadPhase;
import io.smsgate.simulator.scenario.SystemUnderTest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load-generating ESME: N binds to any SMPP server, up to W requests outstanding on each, sending on an
 * open-loop schedule (latency from intended send times) or as fast as the windows allow, matching every
 * accepted message to exactly one final receipt.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);

    /** The server refused or never answered a bind; the message names the status or the timeout. */
    public static final class BindFailedException extends Exception {
        BindFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final EventLoopGroup group;
    private final Ticker ticker;
    private final List<EsmeLoadHandler> binds;
    private final LoadStatistics statistics;
    private final SystemUnderTest target;

    private LoadGenerator(EventLoopGroup group, List<EsmeLoadHandler> binds, LoadStatistics statistics,
            SystemUnderTest target) {
        this.group = group;
        this.ticker = group.next().ticker();
        this.binds = List.copyOf(binds);
        this.statistics = statistics;
        this.target = target;
    }

    /**
     * Opens {@code target.binds()} binds to {@code address} and waits until every one is bound.
     *
     * @param correlation how to bring submit_sm_resp ids and receipt ids to one form (hex/decimal, zeros)
     * @param threads event loops to spread the binds over
     */
    public static LoadGenerator connect(InetSocketAddress address, SystemUnderTest target,
            MessageIdCorrelation correlation, long seed, int threads) throws BindFailedException {
        return connect(address, target, correlation, seed, threads, Optional.empty());
    }

    /**
     * Opens the binds over TLS when {@code tls} is present (see {@link SimulatorTls} for client contexts); the
     * server's certificate must name {@code address}'s host.
     */
    public static LoadGenerator connect(InetSocketAddress address, SystemUnderTest target,
            MessageIdCorrelation correlation, long seed, int threads, Optional<SslContext> tls)
            throws BindFailedException {
        requireNonNull(address, "address");
        requireNonNull(tls, "tls");
        requireNonNull(target, "target");
        requireNonNull(correlation, "correlation");
        EventLoopGroup group = Transport.group("sim-load", threads);
        Ticker ticker = group.next().ticker();
        LoadStatistics statistics = new LoadStatistics(Instant.now(), ticker.nanoTime());
        List<EsmeLoadHandler> binds = new ArrayList<>();
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed);
        try {
            for (int i = 0; i < target.binds(); i++) {
                EsmeLoadHandler handler = new EsmeLoadHandler(target, statistics, correlation, seeds.split(),
                        i, target.binds());
                Bootstrap bootstrap = new Bootstrap().group(group).channel(Transport.socketChannel())
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel channel) {
                                tls.ifPresent(context -> channel.pipeline().addLast(SmscSimulator.TLS_HANDLER,
                                        SimulatorTls.clientHandler(context, channel.alloc(), address)));
                                channel.pipeline().addLast("flush-consolidation", new FlushConsolidationHandler(256, true));
                                SmppCodec.install(channel.pipeline(), PduLimits.DEFAULTS);
                                channel.pipeline().addLast(EsmeLoadHandler.NAME, handler);
                            }
                        });
                Channel channel = bootstrap.connect(address).sync().channel();
                BindResp response = handler.bound().get(target.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (!response.isOk()) {
                    channel.close();
                    throw new BindFailedException("bind " + (i + 1) + " to " + address + ": command_status "
                            + response.commandStatus(), null);
                }
                binds.add(handler);
            }
            log.info("load generator bound binds={} address={} window={} tls={}", binds.size(), address, target.window(),
                tls.isPresent());
            return new LoadGenerator(group, binds, statistics, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new BindFailedException("interrupted while binding to " + address, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new BindFailedException("bind to " + address + " failed: " + e, e);
        } catch (BindFailedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /**
     * Runs the phases back to back, then waits up to {@code receiptWait} for outstanding receipts, calling
     * {@code progress} once a second with the last second's figures.
     */
    public LoadResult run(String description, List<LoadPhase> phases, Duration receiptWait,
            Consumer<SeriesPoint> progress) throws InterruptedException {
        long start = ticker.nanoTime();
        long warmUpNanos = 0;
        for (LoadPhase phase : phases) {
            if (!phase.warmUp()) {
                break;
            }
            warmUpNanos += phase.duration().toNanos();
        }
        long measured = start + warmUpNanos;
        statistics.measureFrom(measured);
        for (EsmeLoadHandler bind : binds) {
            bind.start(phases, start);
        }
        long loadNanos = 0;
        for (LoadPhase phase : phases) {
            loadNanos += phase.duration().toNanos();
        }
        long sendingEnds = start + loadNanos;
        long responseDeadline = sendingEnds + target.responseTimeout().toNanos();
        long receiptDeadline = sendingEnds + receiptWait.toNanos();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-reporter");
            thread.setDaemon(true);
            return thread;
        });
        reporter.scheduleAtFixedRate(() -> {
            long now = ticker.nanoTime();
            if (now < measured) {
                return;  // still warming up: nothing is recorded yet
            }
            progress.accept(statistics.tick(now));
            boolean sent = now >= sendingEnds && allIdle();
            boolean responsesOver = sent || now >= responseDeadline;
            boolean receiptsOver = statistics.outstandingReceipts() <= 0 || now >= receiptDeadline;
            if (responsesOver && receiptsOver) {
                done.complete(null);
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("load reporter failed", e.getCause());
        } finally {
            reporter.shutdownNow();
        }
        return statistics.finish(ticker.nanoTime(), description);
    }

    private boolean allIdle() {
        for (EsmeLoadHandler bind : binds) {
            if (!bind.idle()) {
                return false;
            }
        }
        return true;
    }

    /** Unbinds every bind (best effort) and stops the event loops. */
    @Override
    public void close() {
        for (EsmeLoadHandler bind : binds) {
            bind.unbind();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
