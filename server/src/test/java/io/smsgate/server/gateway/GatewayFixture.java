package io.smsgate.server.gateway;

import static org.awaitility.Awaitility.await;

import io.smsgate.server.SmsgateServer;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.carrier.ReconnectConfig;
import io.smsgate.server.config.NodeConfig;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.store.DirectSql;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.counters.CounterSnapshot;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One whole smsgate (the {@link Gateway}'s components in {@link SmsgateServer}) on 127.0.0.1, port 0, over its own
 * database of the shared embedded PostgreSQL, routing every destination to simulated carriers in the given order;
 * optionally through a {@link RecordingProxy} per carrier that keeps the exact frames each carrier received.
 * Public because the full-server hostile-client tests in {@code upstream} use it too.
 */
public final class GatewayFixture implements AutoCloseable {

    /** Quick re-routing, so a failed-over message does not wait out the production delay. */
    private static final DispatchConfig DISPATCH =
            new DispatchConfig(Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofHours(1));

    private final SmscSimulator simulator;
    private final Map<String, RecordingProxy> proxies;
    private final Gateway gateway;
    private final SmsgateServer server;

    private GatewayFixture(SmscSimulator simulator, Map<String, RecordingProxy> proxies, Gateway gateway,
            SmsgateServer server) {
        this.simulator = simulator;
        this.proxies = proxies;
        this.gateway = gateway;
        this.server = server;
    }

    /**
     * Starts the simulated carriers (in route order), then smsgate bound to each of them, and waits until every
     * carrier bind is up unless a carrier's behaviour refuses or ignores binds.
     */
    public static GatewayFixture start(String database, Path dataPath, LinkedHashMap<String, CarrierBehaviour> carriers,
            boolean record, List<AccountConfig> accounts, UnaryOperator<CarrierConfig> tune) throws IOException {
        return start(database, dataPath, carriers, record, accounts, tune,
                configs -> new Gateway(configs, Map.of("", List.copyOf(carriers.keySet())), DISPATCH));
    }

    /** Starts the simulated carriers and smsgate choosing among them by {@code routing} (least cost, health). */
    public static GatewayFixture startRouted(String database, Path dataPath,
            LinkedHashMap<String, CarrierBehaviour> carriers, List<AccountConfig> accounts,
            UnaryOperator<CarrierConfig> tune, RoutingConfig routing) throws IOException {
        return start(database, dataPath, carriers, false, accounts, tune,
                configs -> new Gateway(configs, Map.of(), routing, dataPath, DISPATCH));
    }

    /** A carrier that answers at once and sends a DELIVRD receipt for every message {@code latency} later. */
    public static CarrierBehaviour receiptsAfter(Duration latency) {
        ReceiptBehaviour d = ReceiptBehaviour.DEFAULTS;
        return CarrierBehaviour.DEFAULTS.withResponseLatency(LatencyModel.ZERO).withReceipts(new ReceiptBehaviour(true,
                new LatencyModel.Fixed(latency), d.statusMix(), d.enroute(), d.encoding(), d.idFormat(),
                d.dateFormat(), d.onDifferentBind(), d.beforeResponse(), d.duplicate(), d.unknownId()));
    }

    /** Simulated carriers on 127.0.0.1 port 0, in the map's order, each with its own seed and the smsgate account. */
    public static SmscSimulator simulate(LinkedHashMap<String, CarrierBehaviour> carriers) {
        List<SimulatedCarrier> simulated = new ArrayList<>();
        long seed = 1;
        for (Map.Entry<String, CarrierBehaviour> carrier : carriers.entrySet()) {
            simulated.add(new SimulatedCarrier(carrier.getKey(), "127.0.0.1", 0,
                    List.of(new Account("smsgate", "secret")), seed++, carrier.getValue()));
        }
        return SmscSimulator.start(new SmscConfig(simulated, "127.0.0.1", 0, CountersConfig.DEFAULTS), 1,
                Clock.systemUTC());
    }

    /** Carrier {@code id} at 127.0.0.1:{@code port}, with timers short enough to see binds fail and return. */
    public static CarrierConfig quickCarrier(String id, int port) {
        return CarrierConfig.of(id, "127.0.0.1", port, "smsgate", "secret")
                .withBinds(List.of(BindConfig.DEFAULTS.withTimers(Duration.ofMillis(1000), Duration.ofMillis(1500),
                        Duration.ofSeconds(3))))
                .withReconnect(new ReconnectConfig(Duration.ofMillis(50), Duration.ofMillis(500),
                        Duration.ofMillis(500), 0.2))
                .withRetryDelay(Duration.ofMillis(100));
    }

    private static GatewayFixture start(String database, Path dataPath,
            LinkedHashMap<String, CarrierBehaviour> carriers, boolean record, List<AccountConfig> accounts,
            UnaryOperator<CarrierConfig> tune, Function<List<CarrierConfig>, Gateway> gatewayOf) throws IOException {
        SmscSimulator simulator = simulate(carriers);
        Map<String, RecordingProxy> proxies = new LinkedHashMap<>();
        List<CarrierConfig> configs = new ArrayList<>();
        for (String name : carriers.keySet()) {
            InetSocketAddress address = simulator.carrier(name).orElseThrow().address();
            int port = address.getPort();
            if (record) {
                RecordingProxy proxy = new RecordingProxy(new InetSocketAddress("127.0.0.1", port));
                proxies.put(name, proxy);
                port = proxy.port();
            }
            configs.add(tune.apply(quickCarrier(name, port)));
        }
        Gateway gateway = gatewayOf.apply(configs);
        String url = SharedTestDatabase.fresh(database).jdbcUrl().orElseThrow();
        SmsgateConfig config = SmsgateConfig.DEFAULTS
                .withNode(new NodeConfig(7, dataPath, Duration.ofSeconds(10)))
                .withStore(SmsgateConfig.DEFAULTS.store().withJdbcUrl(url))
                .withAdmin(SmsgateConfig.DEFAULTS.admin().withAddress("127.0.0.1", 0))
                .withApi(SmsgateConfig.DEFAULTS.api().withAddress("127.0.0.1", 0))
                .withSmpp(SmppSection.DEFAULTS.withAddress("127.0.0.1", 0).withAccounts(accounts));
        SmsgateServer server = SmsgateServer.start(config, gateway.components());
        return new GatewayFixture(simulator, proxies, gateway, server);
    }

    /** Waits until {@code carrier}'s binds are up. */
    public void awaitBound(String carrier) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                gateway.dispatcher().orElseThrow().connector(carrier).orElseThrow().boundBinds() >= 1);
    }

    public int smppPort() {
        return gateway.smppAddress().orElseThrow().getPort();
    }

    public SmscSimulator.Carrier carrier(String name) {
        return simulator.carrier(name).orElseThrow();
    }

    public CounterSnapshot counters(String carrier) {
        return carrier(carrier).counters().snapshot();
    }

    RecordingProxy proxy(String carrier) {
        return proxies.get(carrier);
    }

    public SmsgateServer server() {
        return server;
    }

    /** The message row's state, or empty when our id names no row. */
    public Optional<String> state(String messageId) throws SQLException {
        return DirectSql.messageState(server.context().dataSource(), messageId);
    }

    public void execute(String sql) throws SQLException {
        DirectSql.execute(server.context().dataSource(), sql);
    }

    public long count(String sql) throws SQLException {
        return DirectSql.count(server.context().dataSource(), sql);
    }

    @Override
    public void close() throws IOException {
        server.close();
        simulator.close();
        for (RecordingProxy proxy : proxies.values()) {
            proxy.close();
        }
    }
}
