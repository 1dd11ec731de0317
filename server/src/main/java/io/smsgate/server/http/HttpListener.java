package io.smsgate.server.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
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
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxInitialLineLength(limits.maxInitialLineLength())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setIdleTimeout((int) limits.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setCompressionSupported(true);
        tls.ifPresent(pem -> options
                .setSsl(true)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(pem.certPath().toString())
                        .setKeyPath(pem.keyPath().toString())));
        try {
            return vertx.createHttpServer(options).requestHandler(handler).listen()
                    .toCompletionStage().toCompletableFuture()
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
