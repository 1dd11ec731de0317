package io.smsgate.server.gateway;

import io.netty.handler.ssl.SslContextBuilder;
import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.server.Component;
import io.smsgate.server.ServerContext;
import io.smsgate.server.carrier.LoggingScheduler;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.metrics.MeteredSessionListener;
import io.smsgate.server.metrics.OutboxMeters;
import io.smsgate.server.metrics.SmppMeters;
import io.smsgate.server.compliance.Compliance;
import io.smsgate.server.compliance.ComplianceComponent;
import io.smsgate.server.compliance.CompliantIngest;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.JournalIngest;
import io.smsgate.server.pipeline.Rating;
import io.smsgate.server.pipeline.OutboxSignal;
import io.smsgate.server.upstream.AccountStore;
import io.smsgate.server.upstream.UpstreamConfig;
import io.smsgate.server.upstream.UpstreamSmppServer;
import io.smsgate.server.upstream.UpstreamStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream SMPP server as a {@link Component}: on {@link #listen} (after the carriers) it seeds the
 * {@code smpp.accounts}, opens {@code smpp.port} (and {@code smpp.tls-port} with {@code smpp.tls}), stores each
 * accepted submit through the Journal before answering, and hands it to the carrier side; its client notifier then
 * receives the carrier side's outbox signals and delivers what waited in the outbox as clients bind. On stop it
 * closes the listeners and unbinds every client (answers in flight drain) before the carriers stop.
 */
final class UpstreamComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(UpstreamComponent.class);
    /** How often the outbox gauges are read from the store: a grouped count over the pending outbox rows. */
    private static final Duration OUTBOX_READ_INTERVAL = Duration.ofSeconds(5);

    private final CarrierComponent carriers;
    private final SwitchedOutboxSignal signal;
    private final ComplianceComponent compliance;
    private final Rating rating;
    private ServerContext context;
    private SmppTransport transport;
    private volatile UpstreamSmppServer server;
    private volatile CompletableFuture<Void> unbinding;
    private ScheduledExecutorService outboxReads;

    /** @param rating prices each submission at accept, stored with it (issue #6) */
    UpstreamComponent(CarrierComponent carriers, SwitchedOutboxSignal signal, ComplianceComponent compliance,
                      Rating rating) {
        this.compliance = compliance;
        this.rating = rating;
        this.carriers = carriers;
        this.signal = signal;
    }

    @Override
    public String name() {
        return "smpp.upstream";
    }

    @Override
    public void start(ServerContext started) throws SSLException {
        context = started;
        upstreamConfig(started.config().smpp()); // a bad certificate fails the start, before any port opens
    }

    @Override
    public void listen() throws SSLException {
        UpstreamConfig config = upstreamConfig(context.config().smpp());
        transport = SmppTransport.create("upstream", 2);
        Compliance rules = compliance.compliance()
                .orElseThrow(() -> new IllegalStateException("compliance not started"));
        Ingest ingest = new CompliantIngest(rules, new JournalIngest(context.journal(), context.ids(),
                carriers.dispatcher().orElseThrow(() -> new IllegalStateException("carriers not started")), rating),
                Clock.systemUTC());
        UpstreamStore store = new UpstreamStore(context.dataSource(), context.config().smpp().storeThreads(),
                context.config().smpp().storeQueue());
        SmppMeters smpp = context.metrics().smpp();
        UpstreamSmppServer started = UpstreamSmppServer.start(transport, config,
                new AccountStore(context.dataSource()), ingest, context.journal(), context.reader(),
                store, Clock.systemUTC(), context.metrics().registry(),
                new MeteredSessionListener(smpp, SmppMeters.Side.UPSTREAM), rules.smppStatus());
        server = started;
        signal.switchTo(started.outboxSignal());
        OutboxMeters outbox = new OutboxMeters(context.metrics().registry(), smpp, Clock.systemUTC());
        outboxReads = LoggingScheduler.create("smsgate-outbox-meters");
        outboxReads.scheduleWithFixedDelay(() -> store.outboxDepths().whenComplete((depths, error) -> {
            if (error != null) {
                log.info("outbox depths not read cause={}", error.toString());
            } else {
                outbox.update(depths);
            }
        }), 0, OUTBOX_READ_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static UpstreamConfig upstreamConfig(SmppSection smpp) throws SSLException {
        UpstreamConfig config = smpp.upstreamConfig();
        if (smpp.tls().isPresent()) {
            SmppSection.Tls tls = smpp.tls().get();
            config = config.withTls(new InetSocketAddress(smpp.bindAddress(), smpp.tlsPort()),
                    SslContextBuilder.forServer(tls.certPath().toFile(), tls.keyPath().toFile()).build());
        }
        return config;
    }

    @Override
    public void stopAccepting() {
        UpstreamSmppServer running = server;
        if (running != null) {
            // Closes the listeners and unbinds every client; stop() waits for the unbinds.
            unbinding = running.unbindAll();
        }
    }

    @Override
    public void stop(Duration timeout) {
        UpstreamSmppServer running = server;
        if (running == null) {
            return;
        }
        CompletableFuture<Void> unbound = unbinding != null ? unbinding : running.unbindAll();
        try {
            unbound.get(Math.max(1, timeout.toMillis() / 2), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("upstream clients still bound at stop, closing them timeout={}", timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.info("upstream unbind incomplete cause={}", e.getCause().toString());
        }
        signal.switchTo(OutboxSignal.NONE);
        if (outboxReads != null) {
            outboxReads.shutdownNow();
        }
        running.close();
        transport.close();
    }

    Optional<UpstreamSmppServer> server() {
        return Optional.ofNullable(server);
    }
}
