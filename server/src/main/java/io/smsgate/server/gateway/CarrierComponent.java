package io.smsgate.server.gateway;

import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.routing.HealthBoard;
import io.smsgate.routing.HealthConfig;
import io.smsgate.routing.Router;
import io.smsgate.routing.RoutingListener;
import io.smsgate.server.Component;
import io.smsgate.server.ServerContext;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.CarrierDispatcher;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.carrier.StaticRoutes;
import io.smsgate.server.http.HealthCheck;
import java.time.Clock;
import java.time.Duration;
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
    private final DispatchConfig dispatch;
    private final SwitchedOutboxSignal signal;
    private volatile CarrierDispatcher dispatcher;
    private SmppTransport transport;
    private ServerContext context;

    CarrierComponent(List<CarrierConfig> carriers, Map<String, List<String>> routes, DispatchConfig dispatch,
                     SwitchedOutboxSignal signal) {
        this.carriers = carriers;
        this.routes = routes;
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
        Router router = new Router(StaticRoutes.snapshot(routes),
                new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP), RoutingListener.NOOP);
        transport = SmppTransport.create("carrier", 2);
        dispatcher = new CarrierDispatcher(carriers, dispatch, router, started.journal(), started.reader(),
                started.dataSource(), started.ids(), transport, started.metrics().registry(), started.metrics().smpp(),
                Clock.systemUTC(), signal);
        started.health().register(name(), () -> carriers.isEmpty() || carriers.stream().anyMatch(carrier ->
                dispatcher.connector(carrier.id()).map(connector -> connector.boundBinds() > 0).orElse(false))
                ? HealthCheck.Result.UP : HealthCheck.Result.down("no carrier has a bound bind"));
        log.info("carriers ready carriers={} routes={}", carriers.stream().map(CarrierConfig::id).toList(),
                routes);
    }

    @Override
    public void listen() {
        dispatcher.start();
        // Recovery reads the store on this thread before the upstream listener opens; the messages it finds queue
        // on their carrier until a bind is up.
        dispatcher.recover(context.reader());
    }

    @Override
    public void stop(Duration timeout) {
        CarrierDispatcher running = dispatcher;
        if (running != null) {
            running.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    Optional<CarrierDispatcher> dispatcher() {
        return Optional.ofNullable(dispatcher);
    }
}
