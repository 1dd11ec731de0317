package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.session.ServerConfig;
import io.smsgate.protocol.smpp.session.SessionListener;
import io.smsgate.protocol.smpp.session.SessionState;
import io.smsgate.protocol.smpp.session.SmppServer;
import io.smsgate.protocol.smpp.session.SmppSession;
import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.server.carrier.LoggingScheduler;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.OutboxSignal;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.StoreReader;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMPP server clients bind to (issue 4, "Upstream SMPP server"): a plain listener and, with a certificate, a TLS
 * one, sharing accounts, bind quotas, rate limits, concatenation sets and the client notifier. Build it after the
 * store is migrated and the Journal started; stop it before the Journal.
 */
public final class UpstreamSmppServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpstreamSmppServer.class);

    private final List<SmppServer> listeners;
    private final ClientNotifier notifier;
    private final ThreadPoolExecutor verifyPool;
    private final ScheduledExecutorService timer;
    private final UpstreamStore store;
    private final AccountStore accounts;

    private UpstreamSmppServer(List<SmppServer> listeners, ClientNotifier notifier, ThreadPoolExecutor verifyPool,
            ScheduledExecutorService timer, UpstreamStore store, AccountStore accounts) {
        this.listeners = listeners;
        this.notifier = notifier;
        this.verifyPool = verifyPool;
        this.timer = timer;
        this.store = store;
        this.accounts = accounts;
    }

    /**
     * Seeds the configured accounts, recovers staged concatenation parts, and opens the listeners.
     *
     * @param sessionListener also told of every upstream session event (metrics); {@link SessionListener#NONE} for none
     */
    public static UpstreamSmppServer start(SmppTransport transport, UpstreamConfig config, AccountStore accounts,
            Ingest ingest, Journal journal, StoreReader reader, UpstreamStore store, Clock clock,
            MeterRegistry meters, SessionListener sessionListener) {
        return start(transport, config, accounts, ingest, journal, reader, store, clock, meters, sessionListener,
                CommandStatus.ESME_RX_P_APPN);
    }

    /**
     * Seeds the configured accounts, recovers staged concatenation parts, and opens the listeners.
     *
     * @param sessionListener also told of every upstream session event (metrics); {@link SessionListener#NONE} for none
     * @param optedOutStatus the answer to a message whose recipient opted out (compliance.smpp-status)
     */
    public static UpstreamSmppServer start(SmppTransport transport, UpstreamConfig config, AccountStore accounts,
            Ingest ingest, Journal journal, StoreReader reader, UpstreamStore store, Clock clock,
            MeterRegistry meters, SessionListener sessionListener, CommandStatus optedOutStatus) {
        requireNonNull(optedOutStatus, "optedOutStatus");
        requireNonNull(transport, "transport");
        requireNonNull(config, "config");
        requireNonNull(accounts, "accounts");
        requireNonNull(ingest, "ingest");
        requireNonNull(journal, "journal");
        requireNonNull(reader, "reader");
        requireNonNull(store, "store");
        requireNonNull(clock, "clock");
        requireNonNull(meters, "meters");
        requireNonNull(sessionListener, "sessionListener");
        if (!config.accounts().isEmpty()) {
            accounts.seed(config.accounts(), config.hasher());
        } else {
            accounts.refresh();
        }
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor verifyPool = new ThreadPoolExecutor(config.verifyThreads(), config.verifyThreads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.verifyQueue()), task -> {
                    Thread thread = new Thread(task, "smsgate-bind-verify-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        // Guarded: the outbox poller and the part timers keep running after a task fails, and the failure is logged.
        ScheduledExecutorService timer = LoggingScheduler.create("smsgate-upstream-timer");
        SessionRegistry registry = new SessionRegistry();
        SubmitValidator validator = new SubmitValidator(config.submit());
        PartAssembler assembler = new PartAssembler(ingest, store, timer, clock, config.partTimeout(),
                config.maxPartSets());
        assembler.recover(store.recover());
        Gauge.builder("smsgate.upstream.concatenation.pending", assembler, PartAssembler::held)
                .description("Concatenated messages waiting for their remaining parts")
                .register(meters);
        ClientNotifier notifier = new ClientNotifier(reader, journal, registry, accounts::find, config.notifier(),
                clock, timer, meters);
        Map<String, TokenBucket> rates = new ConcurrentHashMap<>();
        BruteForceLimiter limiter = new BruteForceLimiter(config.bruteForce(), System::nanoTime);
        UpstreamAuthenticator authenticator = new UpstreamAuthenticator(accounts, config.hasher(), verifyPool,
                limiter, registry, config.bindFailureStatus(), account -> new UpstreamRequestHandler(account,
                        rates.compute(account.systemId(), (id, bucket) -> bucket != null
                                && bucket.perSecond() == account.tpsLimit() ? bucket
                                : new TokenBucket(account.tpsLimit(), System::nanoTime)),
                        validator, ingest, assembler, reader, journal, store, clock, optedOutStatus),
                meters);
        // Ours first (the notifier), then the caller's (metrics).
        SessionListener listener = new SessionListener() {
            @Override
            public void stateChanged(SmppSession session, SessionState previous, SessionState current) {
                log.info("{} upstream state previous={} current={} remote={}", session.tag(), previous, current,
                        session.remoteAddress());
                if (current == SessionState.BOUND_RX || current == SessionState.BOUND_TRX) {
                    notifier.receiverBound(session);
                } else if (current == SessionState.CLOSED) {
                    notifier.sessionClosed(session);
                }
            }

            @Override
            public void readyToSend(SmppSession session) {
                notifier.outboxChanged(session.systemId());
            }
        }.andThen(sessionListener);
        List<SmppServer> listeners = new ArrayList<>();
        try {
            listeners.add(SmppServer.start(transport, new ServerConfig(config.address(), config.systemId(),
                    config.session(), config.limits(), Optional.empty()), authenticator, listener));
            if (config.tls().isPresent()) {
                listeners.add(SmppServer.start(transport, new ServerConfig(config.tlsAddress().orElseThrow(),
                        config.systemId(), config.session(), config.limits(), config.tls()), authenticator,
                        listener));
            }
        } catch (RuntimeException e) {
            listeners.forEach(SmppServer::close);
            verifyPool.shutdownNow();
            timer.shutdownNow();
            throw e;
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                accounts.refresh();
            } catch (RuntimeException e) {
                log.warn("account refresh failed cause={}", e.toString());
            }
        }, 30, 30, TimeUnit.SECONDS);
        notifier.start();
        log.info("upstream smpp server started address={} tls_address={} accounts_seeded={}",
                listeners.get(0).localAddress(), listeners.size() > 1 ? listeners.get(1).localAddress() : "none",
                config.accounts().size());
        return new UpstreamSmppServer(List.copyOf(listeners), notifier, verifyPool, timer, store, accounts);
    }

    /** The plain listener's address (its port when configured as 0). */
    public InetSocketAddress localAddress() {
        return listeners.get(0).localAddress();
    }

    /** The TLS listener's address, when one is open. */
    public Optional<InetSocketAddress> tlsAddress() {
        return listeners.size() > 1 ? Optional.of(listeners.get(1).localAddress()) : Optional.empty();
    }

    /** Where the carrier side signals new outbox rows (after their commit). */
    public OutboxSignal outboxSignal() {
        return notifier;
    }

    /** Reloads accounts now (after an admin change). Blocking: call it off the event loops. */
    public void refreshAccounts() {
        accounts.refresh();
    }

    /** Every open upstream session, bound or not. */
    public List<SmppSession> sessions() {
        List<SmppSession> all = new ArrayList<>();
        listeners.forEach(listener -> all.addAll(listener.sessions()));
        return all;
    }

    /** Graceful stop: stop accepting, unbind every session (drains answers in flight), then release the pools. */
    public CompletableFuture<Void> unbindAll() {
        notifier.close();
        return CompletableFuture.allOf(listeners.stream().map(SmppServer::unbindAll)
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() {
        notifier.close();
        listeners.forEach(listener -> listener.close(Duration.ofSeconds(5)));
        timer.shutdownNow();
        verifyPool.shutdownNow();
        store.close();
        log.info("upstream smpp server stopped");
    }
}
