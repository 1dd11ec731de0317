package io.smsgate.simulator;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFutureListener;
import io.smsgate.protocol.smpp.pdu.Outbind;
import java.util.concurrent.CompletableFuture;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.codec.SmppCodec;
import io.smsgate.simulator.behaviour.CarrierControl;
import io.smsgate.simulator.behaviour.RateLimiter;
import io.smsgate.protocol.text.Reassembler;
import io.smsgate.simulator.behaviour.Redelivery;
import io.smsgate.simulator.counters.DropReason;
import io.smsgate.simulator.counters.ReassemblingAssembly;
import io.smsgate.simulator.counters.SimulatorCounters;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated carrier SMSCs, several in one process, each on its own port: they accept binds for their
 * accounts, answer submit_sm, submit_multi, data_sm, query_sm, cancel_sm, replace_sm, enquire_link and unbind,
 * issue message ids, send delivery receipts, and misbehave as their {@link CarrierControl} says.
 */
public final class SmscSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
    static final String TLS_HANDLER = "tls";

    private final EventLoopGroup group;
    private final List<Carrier> carriers;
    private final Optional<ControlApi> controlApi;

    private SmscSimulator(EventLoopGroup group, List<Carrier> carriers, Optional<ControlApi> controlApi) {
        this.group = group;
        this.carriers = List.copyOf(carriers);
        this.controlApi = controlApi;
    }

    /** Starts every carrier (and the control API when its port is not 0) on as many threads as there are cores. */
    public static SmscSimulator start(SmscConfig config) {
        return start(config, Runtime.getRuntime().availableProcessors(), Clock.systemUTC());
    }

    /**
     * Starts every carrier on {@code threads} event loops; {@code clock} stamps receipt dates.
     * Returns once every port is bound.
     */
    public static SmscSimulator start(SmscConfig config, int threads, Clock clock) {
        return start(config, threads, clock, 1);
    }

    /**
     * As {@link #start(SmscConfig, int, Clock)}, every carrier issuing message ids from {@code firstMessageId} on:
     * a caller that restarts the simulator against a gateway keeping its carrier references (the demo on a reused
     * data directory) starts from a value the previous run cannot have reached, so that no id repeats.
     */
    public static SmscSimulator start(SmscConfig config, int threads, Clock clock, long firstMessageId) {
        if (firstMessageId < 0) {
            throw new IllegalArgumentException("firstMessageId: " + firstMessageId + " (expected: >= 0)");
        }
        EventLoopGroup group = Transport.group("sim-smsc", threads);
        List<Carrier> carriers = new ArrayList<>();
        try {
            for (SimulatedCarrier carrier : config.carriers()) {
                carriers.add(Carrier.start(carrier, config, group, clock, firstMessageId));
            }
            Optional<ControlApi> controlApi = Optional.empty();
            SmscSimulator simulator = new SmscSimulator(group, carriers, Optional.empty());
            if (config.controlPort() != 0) {
                controlApi = Optional.of(ControlApi.start(config.controlHost(), config.controlPort(), simulator));
            }
            return new SmscSimulator(group, carriers, controlApi);
        } catch (RuntimeException e) {
            for (Carrier carrier : carriers) {
                carrier.serverChannel.close();
            }
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public List<Carrier> carriers() {
        return carriers;
    }

    public Optional<Carrier> carrier(String name) {
        for (Carrier carrier : carriers) {
            if (carrier.name().equals(name)) {
                return Optional.of(carrier);
            }
        }
        return Optional.empty();
    }

    /** Where the control HTTP API listens, when it runs. */
    public Optional<InetSocketAddress> controlAddress() {
        return controlApi.map(ControlApi::address);
    }

    /** Closes every listener and connection and waits for the event loops to stop. */
    @Override
    public void close() {
        controlApi.ifPresent(ControlApi::close);
        for (Carrier carrier : carriers) {
            carrier.mo.stop();
            carrier.serverChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("simulator stopped carriers={}", carriers.size());
    }

    /** One running simulated carrier: its address, its live behaviour and its counters. */
    public static final class Carrier {
        final SimulatedCarrier config;
        final CarrierControl control;
        final SimulatorCounters counters;
        final MessageStore store;
        final Clock clock;
        final AtomicLong nextMessageId;
        final ConcurrentHashMap<String, RateLimiter> systemIdLimiters = new ConcurrentHashMap<>();
        final CopyOnWriteArrayList<SmscSessionHandler> receivers = new CopyOnWriteArrayList<>();
        final CopyOnWriteArrayList<SmscSessionHandler> sessions = new CopyOnWriteArrayList<>();
        final AtomicLong nextDeliveryOrder = new AtomicLong();
        /** deliver_sm waiting for a receiver bind, per system_id; guarded by itself. */
        private final Map<String, PriorityQueue<PendingDelivery>> waiting = new HashMap<>();
        private final SplittableRandom seeds;
        Channel serverChannel;
        Optional<X509Certificate> certificate = Optional.empty();
        MoGenerator mo;
        EventLoopGroup group;

        private Carrier(SimulatedCarrier config, SmscConfig smsc, Clock clock, long originNanos,
                        long firstMessageId) {
            this.config = config;
            this.nextMessageId = new AtomicLong(firstMessageId);
            this.control = new CarrierControl(config.name(), config.behaviour());
            this.counters = new SimulatorCounters(smsc.counters(),
                    new ReassemblingAssembly(Reassembler.Config.DEFAULTS), originNanos);
            this.store = new MessageStore(smsc.store());
            this.clock = clock;
            this.seeds = new SplittableRandom(config.seed());
        }

        static Carrier start(SimulatedCarrier config, SmscConfig smsc, EventLoopGroup group, Clock clock,
                             long firstMessageId) {
            Carrier carrier = new Carrier(config, smsc, clock, group.next().ticker().nanoTime(), firstMessageId);
            // Built before the port opens: a bad certificate or key fails the start naming the file.
            Optional<SimulatorTls.Server> tls = config.tls().map(settings -> SimulatorTls.server(settings, config.host()));
            carrier.certificate = tls.map(SimulatorTls.Server::certificate);
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(Transport.serverSocketChannel())
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            carrier.counters.connectionOpened();
                            tls.ifPresent(server -> channel.pipeline().addLast(TLS_HANDLER,
                                    server.context().newHandler(channel.alloc())));
                            channel.pipeline().addLast("flush-consolidation", new FlushConsolidationHandler(256, true));
                            SmppCodec.install(channel.pipeline(), PduLimits.DEFAULTS);
                            channel.pipeline().addLast(SmscSessionHandler.NAME,
                                    new SmscSessionHandler(carrier, carrier.splitRandom(), Optional.empty()));
                        }
                    });
            try {
                carrier.serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding " + config.host() + ":" + config.port(), e);
            } catch (RuntimeException e) {
                throw new UncheckedIOException("carrier " + config.name() + ": cannot listen on " + config.host()
                        + ":" + config.port(), e instanceof UncheckedIOException u ? u.getCause()
                        : new IOException(e.getMessage(), e));
            }
            carrier.group = group;
            carrier.mo = new MoGenerator(carrier, group.next(), carrier.splitRandom());
            carrier.mo.start();
            log.info("carrier started name={} address={} tls={} transport={}", config.name(), carrier.address(),
                    tls.map(server -> server.certificate().getSubjectX500Principal().getName()).orElse("off"),
                    Transport.EPOLL ? "epoll" : "nio");
            return carrier;
        }

        public String name() {
            return config.name();
        }

        /**
         * Connects to an ESME and sends outbind (SMPP 3.4 §4.1.7) with this carrier's credentials at the ESME;
         * the ESME then binds as a receiver on the same connection, which is served like any other.
         * Completes once the outbind is written.
         */
        public CompletableFuture<Void> outbind(InetSocketAddress esme, String systemId, String password) {
            requireNonNull(esme, "esme");
            Outbind request = new Outbind(1, systemId, password);
            CompletableFuture<Void> written = new CompletableFuture<>();
            new Bootstrap().group(group).channel(Transport.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            counters.connectionOpened();
                            SmppCodec.install(channel.pipeline(), PduLimits.DEFAULTS);
                            channel.pipeline().addLast(SmscSessionHandler.NAME, new SmscSessionHandler(Carrier.this,
                                    splitRandom(), Optional.of(new SmscSessionHandler.PendingOutbind(request, written))));
                        }
                    })
                    .connect(esme)
                    .addListener((ChannelFutureListener) connected -> {
                        if (!connected.isSuccess()) {
                            written.completeExceptionally(connected.cause());
                        }
                    });
            written.thenRun(() -> log.info("carrier outbind sent name={} esme={}", config.name(), esme));
            return written;
        }

        public InetSocketAddress address() {
            return (InetSocketAddress) serverChannel.localAddress();
        }

        /** The certificate this carrier presents when it speaks TLS (configured or generated at start). */
        public Optional<X509Certificate> certificate() {
            return certificate;
        }

        public CarrierControl control() {
            return control;
        }

        public SimulatorCounters counters() {
            return counters;
        }

        /** Bound sessions (of any bind type) right now. */
        public int boundSessions() {
            int bound = 0;
            for (SmscSessionHandler session : sessions) {
                if (session.isBound()) {
                    bound++;
                }
            }
            return bound;
        }

        boolean authenticates(String systemId, String password) {
            for (Account account : config.accounts()) {
                if (account.systemId().equals(systemId) && account.password().equals(password)) {
                    return true;
                }
            }
            return false;
        }

        RateLimiter systemIdLimiter(String systemId, int rate, int burst, long nowNanos) {
            RateLimiter limiter = systemIdLimiters.get(systemId);
            if (limiter != null && limiter.matches(rate, burst)) {
                return limiter;
            }
            return systemIdLimiters.compute(systemId, (key, old) ->
                    old != null && old.matches(rate, burst) ? old : new RateLimiter(rate, burst, nowNanos));
        }

        synchronized SplittableRandom splitRandom() {
            return seeds.split();
        }

        /** A deliver_sm that is due now: numbered and written by whichever session sends it. */
        PendingDelivery pending(io.smsgate.protocol.smpp.pdu.DeliverSm deliver, boolean receipt, long dueNanos) {
            return new PendingDelivery(deliver, receipt, dueNanos, nextDeliveryOrder.getAndIncrement());
        }

        /**
         * Sends {@code delivery} to a bound receiver or transceiver of {@code systemId}, or keeps it waiting for
         * the next such bind (bounded per system_id: the oldest waiting is dropped beyond the capacity). Checked
         * under the queue lock, so that a bind draining the queue cannot miss it.
         */
        void dispatch(String systemId, PendingDelivery delivery) {
            Optional<SmscSessionHandler> receiver;
            synchronized (waiting) {
                receiver = boundReceiver(systemId);
                if (receiver.isEmpty()) {
                    enqueue(systemId, delivery);
                    return;
                }
            }
            receiver.get().deliverFromAnyThread(delivery);
        }

        private Optional<SmscSessionHandler> boundReceiver(String systemId) {
            for (SmscSessionHandler receiver : receivers) {
                if (receiver.systemId().equals(systemId) && receiver.canReceive() && receiver.isActive()) {
                    return Optional.of(receiver);
                }
            }
            return Optional.empty();
        }

        private void enqueue(String systemId, PendingDelivery delivery) {
            if (delivery.receipt && delivery.sends == 0) {
                counters.receiptQueued();
            }
            PriorityQueue<PendingDelivery> queue = waiting.computeIfAbsent(systemId,
                    key -> new PriorityQueue<>(PendingDelivery.DUE_ORDER));
            queue.add(delivery);
            Redelivery redelivery = control.current().receipts().redelivery();
            while (queue.size() > redelivery.queueCapacity()) {
                dropped(queue.poll(), DropReason.QUEUE_FULL);
            }
        }

        void dropped(PendingDelivery delivery, DropReason reason) {
            if (delivery.receipt) {
                counters.receiptDropped(reason);
            } else {
                counters.moDropped(reason);
            }
        }

        /** Takes every deliver_sm waiting for {@code systemId}, oldest due first, for a session that just bound. */
        List<PendingDelivery> drainWaiting(String systemId) {
            synchronized (waiting) {
                PriorityQueue<PendingDelivery> queue = waiting.remove(systemId);
                if (queue == null) {
                    return List.of();
                }
                List<PendingDelivery> drained = new ArrayList<>(queue.size());
                while (!queue.isEmpty()) {
                    drained.add(queue.poll());
                }
                return drained;
            }
        }

        /** deliver_sm waiting for a receiver bind of {@code systemId} right now. */
        public int waitingDeliveries(String systemId) {
            synchronized (waiting) {
                PriorityQueue<PendingDelivery> queue = waiting.get(systemId);
                return queue == null ? 0 : queue.size();
            }
        }

        /**
         * Where a receipt or MO for {@code systemId} goes: {@code origin} itself when it can receive (unless
         * {@code otherBind}), else another bound receiver or transceiver of the same system_id.
         */
        Optional<SmscSessionHandler> receiverFor(String systemId, SmscSessionHandler origin, boolean otherBind) {
            boolean originReceives = origin.canReceive() && origin.isActive();
            if (originReceives && !otherBind) {
                return Optional.of(origin);
            }
            for (SmscSessionHandler receiver : receivers) {
                if (receiver != origin && receiver.systemId().equals(systemId) && receiver.isActive()) {
                    return Optional.of(receiver);
                }
            }
            return originReceives ? Optional.of(origin) : Optional.empty();
        }
    }
}
