package io.smsgate.server.api;

import io.smsgate.server.SmsgateServer;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.config.NodeConfig;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.fetch.FetchConfig;
import io.smsgate.server.gateway.Gateway;
import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.server.webhook.WebhookConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One smsgate with the HTTP API on 127.0.0.1 (ephemeral port), the shared embedded PostgreSQL and one simulated
 * carrier that answers with DELIVRD receipts after 50 ms; two accounts ({@code acme}, {@code other}).
 */
final class ApiFixture implements AutoCloseable {

    final SmscSimulator simulator;
    final SmsgateServer server;
    final Gateway gateway;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ApiFixture(SmscSimulator simulator, SmsgateServer server, Gateway gateway) {
        this.simulator = simulator;
        this.server = server;
        this.gateway = gateway;
        this.base = URI.create("http://127.0.0.1:" + gateway.apiAddress().orElseThrow().getPort());
    }

    static ApiFixture start(String name, ApiConfig api) throws IOException {
        return start(name, api, RoutingConfig.DEFAULTS, WebhookConfig.DEFAULTS);
    }

    /**
     * With {@code routing} (rate cards replace the static route to "sim") and {@code webhooks} (a master key turns
     * delivery on; the fetcher may then call 127.0.0.1).
     */
    static ApiFixture start(String name, ApiConfig api, RoutingConfig routing, WebhookConfig webhooks)
            throws IOException {
        ReceiptBehaviour d = ReceiptBehaviour.DEFAULTS;
        ReceiptBehaviour receipts = new ReceiptBehaviour(true, new LatencyModel.Fixed(Duration.ofMillis(50)),
                d.statusMix(), d.enroute(), d.encoding(), d.idFormat(), d.dateFormat(), d.onDifferentBind(),
                d.beforeResponse(), d.duplicate(), d.unknownId());
        CarrierBehaviour c = CarrierBehaviour.DEFAULTS;
        CarrierBehaviour behaviour = new CarrierBehaviour(LatencyModel.ZERO, c.messageId(), c.throttle(),
                c.windowLimit(), c.congestionState(), c.errors(), receipts, c.mo(), c.faults());
        SmscSimulator simulator = SmscSimulator.start(new SmscConfig(List.of(new SimulatedCarrier("sim", "127.0.0.1",
                0, List.of(new Account("smsgate", "secret")), 1, behaviour)), "127.0.0.1", 0,
                CountersConfig.DEFAULTS), 1, Clock.systemUTC());
        try {
            int carrierPort = simulator.carrier("sim").orElseThrow().address().getPort();
            CarrierConfig carrier = CarrierConfig.of("sim", "127.0.0.1", carrierPort, "smsgate", "secret")
                    .withBinds(List.of(BindConfig.DEFAULTS.withWindow(100).withTps(50_000)));
            Map<String, List<String>> routes = routing.rateCards().isEmpty() ? Map.of("", List.of("sim")) : Map.of();
            Gateway gateway = new Gateway(List.of(carrier), routes, routing, Path.of("."), DispatchConfig.DEFAULTS);
            String url = SharedTestDatabase.fresh(name).jdbcUrl().orElseThrow();
            Path dataPath = Files.createTempDirectory("smsgate-api-it");
            SmsgateConfig base = SmsgateConfig.DEFAULTS
                    .withNode(new NodeConfig(7, dataPath, Duration.ofSeconds(10)))
                    .withStore(SmsgateConfig.DEFAULTS.store().withJdbcUrl(url))
                    .withAdmin(SmsgateConfig.DEFAULTS.admin().withAddress("127.0.0.1", 0))
                    .withApi(api.withAddress("127.0.0.1", 0))
                    .withSmpp(SmppSection.DEFAULTS.withAddress("127.0.0.1", 0).withAccounts(List.of(
                            AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8")),
                            AccountConfig.of("other", "secret2", List.of("127.0.0.0/8")))));
            SmsgateConfig config = new SmsgateConfig(base.node(), base.store(), base.admin(), base.metrics(),
                    base.smpp(), base.carriers(), base.routes(), routing, base.api(),
                    FetchConfig.DEFAULTS.withAllowlist(List.of("127.0.0.1/32")), webhooks, base.compliance(),
                    base.dispatch());
            SmsgateServer server = SmsgateServer.start(config, gateway.components());
            return new ApiFixture(simulator, server, gateway);
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    ApiKeys keys() {
        return gateway.apiKeys().orElseThrow();
    }

    /** A fresh key of {@code systemId}: each test its own, so that rate limits do not couple tests. */
    String key(String systemId, String name) {
        return keys().create(systemId, name).token();
    }

    HttpResponse<String> post(String path, String token, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String token, String body, String... headers) throws IOException, InterruptedException {
        return post("/v1/messages", token, "application/json", body, headers);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void execute(String sql) {
        try (Connection connection = server.context().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    String text(String sql) {
        try (Connection connection = server.context().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String sql) {
        return Long.parseLong(text(sql));
    }

    @Override
    public void close() {
        server.close();
        simulator.close();
    }
}
