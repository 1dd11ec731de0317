package io.smsgate.server.gateway;

import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.routing.RoutingListener;
import io.smsgate.server.Component;
import io.smsgate.server.ServerContext;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.CarrierDispatcher;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.compliance.Compliance;
import io.smsgate.server.compliance.ComplianceComponent;
import io.smsgate.server.http.HealthCheck;
import io.smsgate.server.pipeline.JournalIngest;
import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.routing.RoutingRuntime;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier side as a {@link Component}: builds the {@link CarrierDispatcher} on the started store, and on
 * {@link #listen} opens every carrier's binds and re-dispatches the messages a previous run left unfinished
 * (QUEUED ones are submitted, SUBMITTED ones wait for their receipt). Stop unbinds every carrier bind after its
 * window drained.
 */
final class CarrierComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(CarrierComponent.class);

    private final List<CarrierConfig> carriers;
    private final Map<String, List<String>> routes;
    private final RoutingConfig routing;
    private final Path baseDirectory;
    private final DispatchConfig dispatch;
    private final SwitchedOutboxSignal signal;
    private final ComplianceComponent compliance;
    private volatile CarrierDispatcher dispatcher;
    private volatile RoutingRuntime router;
    private SmppTransport transport;
    private ServerContext context;

    CarrierComponent(List<CarrierConfig> carriers, Map<String, List<String>> routes, RoutingConfig routing,
                     Path baseDirectory, DispatchConfig dispatch, SwitchedOutboxSignal signal,
                     ComplianceComponent compliance) {
        this.compliance = compliance;
        this.carriers = carriers;
        this.routes = routes;
        this.routing = routing;
        this.baseDirectory = baseDirectory;
        this.dispatch = dispatch;
        this.signal = signal;
    }

    @Override
    public String name() {
        return "carriers";
    }

    @Override
    public void start(ServerContext started) {
        context = started;
        router = RoutingRuntime.start(routing, routes,
                carriers.stream().map(CarrierConfig::id).collect(java.util.stream.Collectors.toSet()), baseDirectory,
                RoutingListener.NOOP, Clock.systemUTC());
        transport = SmppTransport.create("carrier", 2);
        Compliance rules = compliance.compliance()
                .orElseThrow(() -> new IllegalStateException("compliance not started"));
        dispatcher = new CarrierDispatcher(carriers, dispatch, router.router(), started.journal(), started.reader(),
                started.ids(), transport, started.metrics().registry(), started.metrics().smpp(), Clock.systemUTC(),
                signal, rules, rules);
        // Auto-replies (STOP, HELP) go through the plain pipeline: a STOP is confirmed although its sender opted out.
        rules.replyThrough(new JournalIngest(started.journal(), started.ids(), dispatcher));
        started.health().register(name(), () -> carriers.isEmpty() || carriers.stream().anyMatch(carrier ->
                dispatcher.connector(carrier.id()).map(connector -> connector.boundBinds() > 0).orElse(false))
                ? HealthCheck.Result.UP : HealthCheck.Result.down("no carrier has a bound bind"));
        log.info("carriers ready carriers={} routes={}", carriers.stream().map(CarrierConfig::id).toList(),
                routes);
    }

    @Override
    public void listen() {
        // Receipts a crash left owed go to the outbox before any bind opens: a live receipt cannot race them.
        dispatcher.recoverReceipts(context.reader(), Instant.now()
                .minus(Duration.ofDays(context.config().store().retention().days())));
        dispatcher.start();
        // Recovery reads the store on this thread before the upstream listener opens; the messages it finds queue
        // on their carrier until a bind is up.
        dispatcher.recover(context.reader());
    }

    @Override
    public void stop(Duration timeout) {
        CarrierDispatcher running = dispatcher;
        if (running != null) {
            // Half of what is left of node.shutdown-timeout for the unbinds: the transport, and the Journal's flush
            // after this component, keep the rest even when no carrier answers its unbind.
            running.close(timeout.dividedBy(2));
        }
        if (transport != null) {
            transport.close();
        }
        RoutingRuntime routingRuntime = router;
        if (routingRuntime != null) {
            routingRuntime.close();
        }
    }

    /** The routing once started: its reload swaps a changed routing configuration in. */
    Optional<RoutingRuntime> routing() {
        return Optional.ofNullable(router);
    }

    Optional<CarrierDispatcher> dispatcher() {
        return Optional.ofNullable(dispatcher);
    }
}
