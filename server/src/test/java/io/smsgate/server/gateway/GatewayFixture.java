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
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.counters.CounterSnapshot;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One whole smsgate (the {@link Gateway}'s components in {@link SmsgateServer}) on 127.0.0.1, port 0, over its own
 * database of the shared embedded PostgreSQL, routing every destination to simulated carriers in the given order;
 * optionally through a {@link RecordingProxy} per carrier that keeps the exact frames each carrier received.
 * Public because the full-server hostile-client tests in {@code upstream} use it too.
 */
public final class GatewayFixture implements AutoCloseable {

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
        List<SimulatedCarrier> simulated = new ArrayList<>();
        long seed = 1;
        for (Map.Entry<String, CarrierBehaviour> carrier : carriers.entrySet()) {
            simulated.add(new SimulatedCarrier(carrier.getKey(), "127.0.0.1", 0,
                    List.of(new Account("smsgate", "secret")), seed++, carrier.getValue()));
        }
        SmscSimulator simulator = SmscSimulator.start(new SmscConfig(simulated, "127.0.0.1", 0,
                CountersConfig.DEFAULTS), 1, Clock.systemUTC());
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
            configs.add(tune.apply(CarrierConfig.of(name, "127.0.0.1", port, "smsgate", "secret")
                    .withBinds(List.of(BindConfig.DEFAULTS.withTimers(Duration.ofMillis(1000),
                            Duration.ofMillis(1500), Duration.ofSeconds(3))))
                    .withReconnect(new ReconnectConfig(Duration.ofMillis(50), Duration.ofMillis(500),
                            Duration.ofMillis(500), 0.2))
                    .withRetryDelay(Duration.ofMillis(100))));
        }
        Gateway gateway = new Gateway(configs, Map.of("", List.copyOf(carriers.keySet())), new DispatchConfig(Duration.ofMillis(200),
                Duration.ofMinutes(1), Duration.ofHours(1)));
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
        try (Connection connection = server.context().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT state FROM message WHERE message_id = ?")) {
            statement.setLong(1, MessageId.parse(messageId).orElseThrow().value());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = server.context().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection connection = server.context().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
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
