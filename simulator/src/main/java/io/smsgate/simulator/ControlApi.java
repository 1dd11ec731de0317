package io.smsgate.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smsgate.simulator.behaviour.BehaviourYaml;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.config.ConfigNode;
import io.smsgate.simulator.report.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's small control HTTP API (JDK HttpServer, on 127.0.0.1 by default):
 * {@code GET /carriers}, {@code GET /carriers/{name}/counters} (JSON), {@code GET /carriers/{name}/behaviour}
 * (a JSON document of every behaviour key, the shape a carrier file's {@code behaviour:} takes),
 * {@code PUT /carriers/{name}/behaviour} (a whole document: absent keys take their defaults) and
 * {@code PATCH /carriers/{name}/behaviour} (only the keys to change, e.g. {@code {"faults": {"silent": true}}}).
 * Bodies are JSON (YAML is accepted too); both writes answer the resulting document. A bad body answers 400
 * naming the key and changes nothing.
 */
final class ControlApi {
    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private ControlApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static ControlApi start(String host, int port, SmscSimulator simulator) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
            ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sim-control-api");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/carriers", exchange -> handle(exchange, simulator));
            server.start();
            log.info("control api started address={}", server.getAddress());
            return new ControlApi(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("control api: cannot listen on " + host + ":" + port, e);
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, SmscSimulator simulator) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
            String method = exchange.getRequestMethod();
            // path: ["", "carriers", name?, resource?]
            if (path.length == 2 && method.equals("GET")) {
                List<Map<String, Object>> carriers = new ArrayList<>();
                for (SmscSimulator.Carrier carrier : simulator.carriers()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", carrier.name());
                    entry.put("host", carrier.address().getHostString());
                    entry.put("port", carrier.address().getPort());
                    entry.put("bound-sessions", carrier.boundSessions());
                    carriers.add(entry);
                }
                send(exchange, 200, JsonReport.toJson(carriers));
                return;
            }
            Optional<SmscSimulator.Carrier> carrier = path.length == 4 ? simulator.carrier(path[2]) : Optional.empty();
            if (carrier.isEmpty()) {
                problem(exchange, 404, "not found", exchange.getRequestURI().getPath());
                return;
            }
            switch (path[3] + " " + method) {
                case "counters GET" -> send(exchange, 200, JsonReport.toJson(carrier.get().counters().snapshot()));
                case "behaviour GET" -> send(exchange, 200, behaviourJson(carrier.get()));
                case "behaviour PUT" -> change(exchange, carrier.get(), false);
                case "behaviour PATCH", "behaviour POST" -> change(exchange, carrier.get(), true);
                default -> problem(exchange, 405, "method not allowed", method + " " + exchange.getRequestURI().getPath());
            }
        }
    }

    private static String behaviourJson(SmscSimulator.Carrier carrier) {
        return JsonReport.toJson(BehaviourYaml.document(carrier.control().current()));
    }

    /** PUT replaces the whole behaviour (absent keys take their defaults); PATCH changes only the keys given. */
    private static void change(HttpExchange exchange, SmscSimulator.Carrier carrier, boolean merge) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            problem(exchange, 413, "body too large", body.length + " bytes (expected: <= " + MAX_BODY + ")");
            return;
        }
        try {
            ConfigNode document = ConfigNode.parse(new String(body, StandardCharsets.UTF_8), "behaviour");
            if (!document.isMissing() && !document.tree().isObject()) {
                throw document.error("expected: a JSON object of behaviour keys");
            }
            if (merge) {
                carrier.control().patch(document);
            } else {
                carrier.control().set(BehaviourYaml.parse(document, CarrierBehaviour.DEFAULTS));
            }
            log.info("carrier behaviour {} carrier={}", merge ? "patched" : "replaced", carrier.name());
            send(exchange, 200, behaviourJson(carrier));
        } catch (ConfigException e) {
            problem(exchange, 400, "invalid behaviour", e.getMessage());
        }
    }

    /** An RFC 9457 problem document. */
    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        byte[] bytes = JsonReport.toJson(problem).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
