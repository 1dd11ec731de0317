package io.smsgate.server.http;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.metrics.PrometheusMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP listener (port 8081 by default): {@code GET /metrics} (Prometheus text format),
 * {@code GET /health/live} (the process serves HTTP) and {@code GET /health/ready} (200 when started and every
 * {@link HealthCheck} is up, else 503 naming the failing ones). Errors are RFC 9457 problem+json: 404 for unknown
 * paths, 405 (with {@code Allow}) for other methods, 413 beyond {@code admin.max-request-size}.
 *
 * <p>The scrape and the checks run on Vert.x worker threads: a check may touch the database, and nothing blocks
 * an event loop.
 */
public final class AdminHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminHttpServer.class);
    private static final HttpListener.Limits LIMITS = new HttpListener.Limits(4096, 8192, Duration.ofSeconds(60));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    static final String JSON = "application/json";

    private final HttpServer server;
    private final InetSocketAddress address;

    private AdminHttpServer(HttpServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Binds the listener (blocking until bound, or failing with the reason) and starts serving. */
    public static AdminHttpServer start(Vertx vertx, AdminHttpConfig config, PrometheusMetrics metrics,
                                        HealthChecks checks) {
        requireNonNull(vertx, "vertx");
        requireNonNull(config, "config");
        requireNonNull(metrics, "metrics");
        requireNonNull(checks, "checks");
        HttpServer server = HttpListener.listen(vertx, "admin http", config.bindAddress(), config.port(), LIMITS,
                config.tls().map(tls -> new HttpListener.PemFiles(tls.certPath(), tls.keyPath())),
                router(vertx, config, metrics, checks));
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), server.actualPort());
        log.info("admin http listening address={} tls={}", address, config.tls().isPresent());
        return new AdminHttpServer(server, address);
    }

    /** Where it listens (the actual port when the configured one was 0). */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** Stops listening and closes open connections. */
    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture()
                    .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("admin http stopped address={}", address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("admin http did not stop cleanly address={} reason={}", address, e.toString());
        }
    }

    private static Router router(Vertx vertx, AdminHttpConfig config, PrometheusMetrics metrics,
                                 HealthChecks checks) {
        Router router = Router.router(vertx);
        long limit = config.maxRequestSize().bytes();
        // Our endpoints take no body; the limit still bounds what a client can make us read.
        router.route().handler(BodyHandler.create(false).setBodyLimit(limit));
        router.get("/metrics").handler(context -> vertx.executeBlocking(metrics::scrape, false)
                .onSuccess(text -> context.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, PrometheusMetrics.CONTENT_TYPE)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(text))
                .onFailure(context::fail));
        router.get("/health/live").handler(context -> json(context.response(), 200,
                new JsonObject().put("status", "up")));
        router.get("/health/ready").handler(context -> vertx.executeBlocking(checks::run, false)
                .onSuccess(outcomes -> ready(context, outcomes))
                .onFailure(context::fail));
        router.errorHandler(404, context -> problem(context, Problem.notFound(context.request().path())));
        router.errorHandler(405, context -> {
            context.response().putHeader(HttpHeaders.ALLOW, "GET");
            problem(context, Problem.methodNotAllowed(context.request().method().name(), context.request().path()));
        });
        router.errorHandler(413, context -> problem(context, Problem.tooLarge(limit)));
        router.errorHandler(500, context -> {
            log.error("admin http request failed method={} path={}", context.request().method(),
                    context.request().path(), context.failure());
            problem(context, Problem.internal());
        });
        return router;
    }

    private static void ready(RoutingContext context, List<HealthChecks.Outcome> outcomes) {
        JsonArray all = new JsonArray();
        JsonArray failing = new JsonArray();
        for (HealthChecks.Outcome outcome : outcomes) {
            JsonObject check = new JsonObject().put("name", outcome.name())
                    .put("status", outcome.result().up() ? "up" : "down");
            if (!outcome.result().detail().isEmpty()) {
                check.put("detail", outcome.result().detail());
            }
            all.add(check);
            if (!outcome.result().up()) {
                failing.add(outcome.name());
            }
        }
        boolean ready = failing.isEmpty();
        json(context.response(), ready ? 200 : 503, new JsonObject()
                .put("status", ready ? "ready" : "not-ready")
                .put("failing", failing)
                .put("checks", all));
    }

    private static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }

    private static void problem(RoutingContext context, Problem problem) {
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .end(problem.toJson());
    }
}
