package io.smsgate.server.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Binds the Vert.x HTTP listeners (admin and send API) the one way: request limits, idle timeout, PEM TLS 1.2/1.3. */
public final class HttpListener {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Request line and header limits, and how long an idle connection stays open. */
    public record Limits(int maxInitialLineLength, int maxHeaderSize, Duration idleTimeout) {
        public Limits {
            requireNonNull(idleTimeout, "idleTimeout");
        }
    }

    /** A PEM certificate chain (leaf first) and its private key. */
    public record PemFiles(Path certPath, Path keyPath) {
        public PemFiles {
            requireNonNull(certPath, "certPath");
            requireNonNull(keyPath, "keyPath");
        }
    }

    private HttpListener() {
    }

    /**
     * Listens on {@code host}:{@code port} (0 for an ephemeral port), blocking until bound; a failure is an
     * {@link IllegalStateException} naming the listener ({@code name}), the address and the reason.
     */
    public static HttpServer listen(Vertx vertx, String name, String host, int port, Limits limits,
            Optional<PemFiles> tls, Handler<HttpServerRequest> handler) {
        return listen(vertx, name, host, port, limits, tls, handler, 1).get(0);
    }

    /**
     * Listens with {@code instances} servers on one port, each in a verticle of its own and so on its own event loop
     * (Vert.x spreads the connections over them): one server is one event loop, one core, however many the machine
     * has. Port 0 (an ephemeral port, in tests) gets one server: servers share a port only when they ask for the same
     * one. Blocks until all are bound; on a failure none stays bound.
     */
    public static List<HttpServer> listen(Vertx vertx, String name, String host, int port, Limits limits,
            Optional<PemFiles> tls, Handler<HttpServerRequest> handler, int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException(name + ": instances: " + instances + " (expected: >= 1)");
        }
        if (port == 0 || instances == 1) {
            return List.of(await(vertx.createHttpServer(options(host, port, limits, tls)).requestHandler(handler)
                    .listen(), name, host, port));
        }
        List<HttpServer> servers = new CopyOnWriteArrayList<>();
        await(vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(options(host, port, limits, tls)).requestHandler(handler).listen()
                        .onSuccess(servers::add);
            }
        }, new DeploymentOptions().setInstances(instances)), name, host, port);
        return List.copyOf(servers);
    }

    private static HttpServerOptions options(String host, int port, Limits limits, Optional<PemFiles> tls) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxInitialLineLength(limits.maxInitialLineLength())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setIdleTimeout((int) limits.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setCompressionSupported(true)
                // Neither listener serves WebSockets: without these the pipeline holds no extension handler that
                // every request and response passes through.
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
        tls.ifPresent(pem -> options
                .setSsl(true)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(pem.certPath().toString())
                        .setKeyPath(pem.keyPath().toString())));
        return options;
    }

    private static <T> T await(Future<T> future, String name, String host, int port) {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while binding " + host + ":" + port, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(name + ": cannot listen on " + host + ":" + port + " ("
                    + cause.getMessage() + ")", cause);
        }
    }
}
