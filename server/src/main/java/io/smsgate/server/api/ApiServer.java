package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smsgate.server.http.HttpListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsgate.server.compliance.Compliance;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.store.StoreReader;
import io.smsgate.server.webhook.WebhookDispatcher;
import io.smsgate.server.webhook.WebhookRoutes;
import io.smsgate.server.webhook.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP send API listener (port 8080 by default): the OpenAPI 3.1 contract in
 * {@code resources/openapi/smsgate-api.yaml} routes and validates every request (Vert.x OpenAPI) and is served at
 * {@code GET /v1/openapi.json}; every error is RFC 9457 problem+json with a stable code. Bodies beyond
 * {@code api.max-body-size} are refused with 413 before they are read whole.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    static final String CONTRACT = "openapi/smsgate-api.yaml";
    static final String WEBHOOK_PATHS = "io/smsgate/server/webhook/webhook-paths.yaml";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpListener.Limits LIMITS = new HttpListener.Limits(8192, 16384, Duration.ofSeconds(120));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int EVENT_LOOPS = Runtime.getRuntime().availableProcessors();

    private final List<HttpServer> servers;
    private final InetSocketAddress address;
    private final Workers workers;
    private final long purgeTimer;
    private final Vertx vertx;

    private ApiServer(Vertx vertx, List<HttpServer> servers, InetSocketAddress address, Workers workers,
                      long purgeTimer) {
        this.vertx = vertx;
        this.servers = servers;
        this.address = address;
        this.workers = workers;
        this.purgeTimer = purgeTimer;
    }

    /**
     * What the handlers work with: the pipeline, the store, the keys, the prices and webhook delivery (empty while
     * webhooks are off: its endpoints then answer 503 {@code webhooks_off}).
     */
    public record Backend(Ingest ingest, StoreReader reader, DataSource dataSource, ApiKeys keys, Pricing pricing,
                          Optional<WebhookDispatcher> webhooks, MeterRegistry meters, Clock clock) {
        public Backend {
            requireNonNull(ingest, "ingest");
            requireNonNull(reader, "reader");
            requireNonNull(dataSource, "dataSource");
            requireNonNull(keys, "keys");
            requireNonNull(pricing, "pricing");
            requireNonNull(webhooks, "webhooks");
            requireNonNull(meters, "meters");
            requireNonNull(clock, "clock");
        }
    }

    /** Binds the listener (blocking until bound, or failing with the reason) and starts serving. */
    public static ApiServer start(Vertx vertx, ApiConfig config, Backend backend) {
        return start(vertx, config, backend, Optional.empty());
    }

    /**
     * Binds the listener and starts serving, with the opt-out list of {@code compliance} under /v1/opt-outs (absent:
     * those routes answer 404).
     */
    public static ApiServer start(Vertx vertx, ApiConfig config, Backend backend, Optional<Compliance> compliance) {
        requireNonNull(compliance, "compliance");
        requireNonNull(vertx, "vertx");
        requireNonNull(config, "config");
        requireNonNull(backend, "backend");
        JsonObject contractJson = contract();
        OpenAPIContract contract = await(OpenAPIContract.from(vertx, forRequestValidation(contractJson))
                .toCompletionStage()
                .toCompletableFuture(), "load contract " + CONTRACT);
        Workers workers = new Workers(config.workerThreads(), config.workerQueue());
        try {
            Authenticator authenticator = new Authenticator(backend.keys(), workers, config.keyCacheTtl(),
                    System::nanoTime);
            RateLimiter limiter = new RateLimiter(config.perKeyRate(), config.perAccountRate(), System::nanoTime);
            IdempotencyStore idempotency = new IdempotencyStore(backend.dataSource(), config.idempotencyTtl());
            ApiHandlers handlers = new ApiHandlers(backend, workers, authenticator, limiter, idempotency,
                    new MessageRecords(backend.dataSource()), new Numbers(backend.dataSource()),
                    new WebhookStore(backend.dataSource()), contractJson.encode(), config.maxBodySize().bytes());
            ApiMeters meters = new ApiMeters(backend.meters(), contract.operations().stream()
                    .map(Operation::getOperationId).toList(), System::nanoTime);
            Router router = router(vertx, contract, handlers, webhookHandlers(backend), meters,
                    config.maxBodySize().bytes(), new OptOutRoutes(compliance, backend.clock()));
            // One listener per core: a single Vert.x server is served by one event loop.
            List<HttpServer> servers = HttpListener.listen(vertx, "api http", config.bindAddress(), config.port(),
                    LIMITS, config.tls().map(tls -> new HttpListener.PemFiles(tls.certPath(), tls.keyPath())), router,
                    EVENT_LOOPS);
            InetSocketAddress address = new InetSocketAddress(config.bindAddress(), servers.get(0).actualPort());
            // Expired Idempotency-Key records go hourly, off the event loop.
            long purge = vertx.setPeriodic(Duration.ofHours(1).toMillis(), id -> workers.execute(() -> {
                try {
                    int purged = idempotency.purge(backend.clock().instant());
                    log.debug("idempotency records purged count={}", purged);
                } catch (RuntimeException e) {
                    log.warn("idempotency purge failed, retrying in 1h reason={}", e.getMessage());
                }
            }));
            log.info("api http listening address={} tls={}", address, config.tls().isPresent());
            return new ApiServer(vertx, servers, address, workers, purge);
        } catch (RuntimeException e) {
            workers.close();
            throw e;
        }
    }

    /**
     * The one contract as JSON: the API's YAML document with the webhook endpoints' fragment (its paths and
     * schemas, kept beside {@link WebhookRoutes}) merged in; a path or schema named twice is a build error.
     */
    static JsonObject contract() {
        JsonObject contract = yaml(CONTRACT);
        JsonObject fragment = yaml(WEBHOOK_PATHS);
        merge(contract.getJsonObject("paths"), fragment.getJsonObject("paths"), "paths");
        merge(contract.getJsonObject("components").getJsonObject("schemas"),
                fragment.getJsonObject("components").getJsonObject("schemas"), "components.schemas");
        return contract;
    }

    private static void merge(JsonObject into, JsonObject from, String where) {
        for (String name : from.fieldNames()) {
            if (into.containsKey(name)) {
                throw new IllegalStateException("api contract: " + where + "." + name + " in both " + CONTRACT
                        + " and " + WEBHOOK_PATHS + " (expected: in one of them)");
            }
            into.put(name, from.getValue(name));
        }
    }

    private static JsonObject yaml(String resource) {
        try (InputStream in = ApiServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("api contract: " + resource + " missing from the classpath");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            return new JsonObject(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("api contract: cannot read " + resource, e);
        }
    }

    // The webhook endpoints' handlers by operationId; while webhooks are off each answers 503 webhooks_off.
    private static Map<String, Handler<RoutingContext>> webhookHandlers(Backend backend) {
        Function<RoutingContext, Optional<String>> accountOf = context -> ApiHandlers.principal(context)
                .map(Principal::systemId);
        return backend.webhooks()
                .map(dispatcher -> WebhookRoutes.handlers(dispatcher, accountOf, backend.clock()))
                .orElseGet(() -> {
                    Handler<RoutingContext> off = context -> ApiHandlers.problem(context, Problems.webhooksOff());
                    Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
                    WebhookRoutes.OPERATIONS.forEach(operation -> handlers.put(operation, off));
                    return handlers;
                });
    }

    /**
     * The contract as the request validator reads it: the same operations, parameters and request bodies, with
     * the response media types it does not know (application/problem+json, text/csv) left out. Vert.x OpenAPI
     * refuses a contract naming them, although it validates requests only; clients get the full document.
     */
    static JsonObject forRequestValidation(JsonObject contract) {
        JsonObject copy = contract.copy();
        copy.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
            if (operation.getValue() instanceof JsonObject op && op.getValue("responses") instanceof JsonObject rs) {
                keepKnownMediaTypes(rs);
            }
            // A body only our handler reads (text/csv): the validator has no parser for it, the handler checks it.
            if (operation.getValue() instanceof JsonObject op && op.getValue("requestBody") instanceof JsonObject body
                    && body.getValue("content") instanceof JsonObject content) {
                content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
                if (content.isEmpty()) {
                    op.remove("requestBody");
                }
            }
        }));
        JsonObject components = copy.getJsonObject("components", new JsonObject());
        if (components.getValue("responses") instanceof JsonObject responses) {
            keepKnownMediaTypes(responses);
        }
        return copy;
    }

    private static void keepKnownMediaTypes(JsonObject responses) {
        responses.forEach(response -> {
            if (response.getValue() instanceof JsonObject r && r.getValue("content") instanceof JsonObject content) {
                content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
                if (content.isEmpty()) {
                    r.remove("content");
                }
            }
        });
    }

    private static Router router(Vertx vertx, OpenAPIContract contract, ApiHandlers handlers,
                                 Map<String, Handler<RoutingContext>> webhooks, ApiMeters meters, long bodyLimit,
                                 OptOutRoutes optOuts) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
                .rootHandler(meters.start())
                // Preallocated: a buffer of the declared Content-Length (capped by the limit), not 1 KiB then grown.
                .rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimit).setPreallocateBodyBuffer(true))
                .rootHandler(handlers::authenticate);
        InlineValidation validation = new InlineValidation(contract,
                Map.of(SendMessageCheck.OPERATION, new SendMessageCheck()));
        for (OpenAPIRoute route : builder.getRoutes()) {
            // Authentication is ours (handlers::authenticate), before validation: a stranger learns nothing.
            route.setDoSecurity(false);
            route.setDoValidation(false);
            route.addHandler(meters.operation(route.getOperation().getOperationId()));
            route.addHandler(validation.handler(route.getOperation()));
        }
        builder.getRoute("getContract").addHandler(handlers::contract);
        builder.getRoute("sendMessage").addHandler(handlers::send);
        builder.getRoute("previewMessage").addHandler(handlers::preview);
        builder.getRoute("getMessage").addHandler(handlers::message);
        builder.getRoute("listMessages").addHandler(handlers::list);
        builder.getRoute("exportMessages").addHandler(handlers::export);
        builder.getRoute("listNumbers").addHandler(handlers::numbers);
        builder.getRoute("updateNumber").addHandler(handlers::updateNumber);
        webhooks.forEach((operation, handler) -> builder.getRoute(operation).addHandler(handler));
        mountOptOuts(builder, optOuts);
        Router router = builder.createRouter();
        router.errorHandler(404, context -> ApiHandlers.problem(context,
                Problems.notFound("no resource at " + context.request().path())));
        router.errorHandler(405, context -> ApiHandlers.problem(context,
                Problems.methodNotAllowed(context.request().method().name(), context.request().path())));
        router.errorHandler(413, context -> ApiHandlers.problem(context, Problems.bodyTooLarge(bodyLimit)));
        router.errorHandler(400, handlers::failure);
        router.errorHandler(415, handlers::failure);
        router.errorHandler(500, handlers::failure);
        return router;
    }

    /** The opt-out list (issue #6, two-way and compliance), kept apart from the message operations. */
    private static void mountOptOuts(RouterBuilder builder, OptOutRoutes optOuts) {
        builder.getRoute("listOptOuts").addHandler(optOuts::list);
        builder.getRoute("importOptOuts").addHandler(optOuts::importCsv);
        builder.getRoute("deleteOptOut").addHandler(optOuts::delete);
    }

    /** Where it listens (the actual port when the configured one was 0). */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /**
     * Stops listening, lets requests in progress finish (their answers wait for the Journal's commit) for up to
     * {@code grace}, then closes every connection and the worker pool.
     */
    public void close(Duration grace) {
        vertx.cancelTimer(purgeTimer);
        try {
            Future.all(servers.stream().map(server -> server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS))
                    .toList()).toCompletionStage().toCompletableFuture()
                    .get(grace.plus(STOP_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
            log.info("api http stopped address={}", address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("api http did not stop cleanly address={} reason={}", address, e.toString());
        } finally {
            workers.close();
        }
    }

    @Override
    public void close() {
        close(STOP_TIMEOUT);
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("api http: interrupted (" + what + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("api http: cannot " + what + " (" + cause.getMessage() + ")", cause);
        }
    }
}
