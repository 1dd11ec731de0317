package io.smsgate.server.fetch;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ConnectTimeoutException;
import io.smsgate.protocol.OctetString;
import io.smsgate.server.upstream.CidrAllowlist;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one outbound HTTP client (webhooks now, MMS media URLs later), safe against server-side request forgery: it
 * resolves each host itself, refuses the request when any of its addresses is special-purpose ({@link AddressPolicy},
 * unless allowlisted), then connects to exactly the address it checked (Vert.x {@code RequestOptions.server}), so a
 * second DNS answer cannot swap in another (DNS rebinding). Redirects are followed by hand, each hop checked the same
 * way, at most {@code fetch.max-redirects}; the body is capped while it is read and the whole exchange is bounded
 * by {@code fetch.total-timeout}. The answer is always a {@link FetchResult}: the returned future never fails.
 *
 * <p>Vert.x's client rather than the JDK's: the JDK HttpClient resolves the host itself and offers no way to connect
 * to a chosen address while keeping the Host header, SNI and certificate check on the name.
 */
public final class HttpFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final FetchConfig config;
    private final AddressPolicy policy;
    private final HostResolver resolver;

    public HttpFetcher(Vertx vertx, FetchConfig config, HostResolver resolver) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.config = requireNonNull(config, "config");
        this.resolver = requireNonNull(resolver, "resolver");
        this.policy = new AddressPolicy(CidrAllowlist.parse(config.allowlist()));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setVerifyHost(true)
                        .setMaxRedirects(0),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerEndpoint()));
    }

    /** Sends {@code request}; completes with the final response, a refusal or a failure, never exceptionally. */
    public CompletableFuture<FetchResult> fetch(FetchRequest request) {
        Exchange exchange = new Exchange();
        // The whole exchange runs on one Vert.x context: a response future completed on its own context runs our
        // callback before the response's next event, so the body handlers are set before any chunk or the end.
        // Called from another thread, the callback would be a later task, racing a short response to its end.
        Context context = vertx.getOrCreateContext();
        context.runOnContext(start -> {
            try {
                exchange.hop(request.url(), request.method(), request.headers(), request.body(), 0);
            } catch (RuntimeException e) {
                log.error("fetch failed unexpectedly url_host={}", request.url().getHost(), e);
                exchange.finish(new FetchResult.Failed(FetchResult.Failure.NETWORK, e.toString()));
            }
        });
        return exchange.result;
    }

    /** The origin ({@code https://host:port}) of {@code url}, or empty when the URL is not a fetchable http(s) URL. */
    public static Optional<String> origin(URI url) {
        try {
            return Optional.of(Target.of(url).origin());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** One request and its redirects, bounded by one deadline. */
    private final class Exchange {
        final CompletableFuture<FetchResult> result = new CompletableFuture<>();
        final long timer;
        volatile HttpClientRequest current;

        Exchange() {
            long total = config.totalTimeout().toMillis();
            timer = vertx.setTimer(total, id -> {
                if (finish(new FetchResult.Failed(FetchResult.Failure.TIMEOUT,
                        "fetch.total-timeout: " + config.totalTimeout() + " passed"))) {
                    HttpClientRequest running = current;
                    if (running != null) {
                        running.reset();
                    }
                }
            });
        }

        boolean finish(FetchResult outcome) {
            boolean first = result.complete(outcome);
            if (first) {
                vertx.cancelTimer(timer);
            }
            return first;
        }

        void hop(URI url, FetchRequest.Method method, Map<String, String> headers, OctetString body, int redirects) {
            Target target;
            Optional<InetAddress> literal;
            try {
                target = Target.of(url);
                literal = HostLiteral.parse(target.host());
            } catch (IllegalArgumentException e) {
                finish(new FetchResult.Refused(e.getMessage()));
                return;
            }
            Future<List<InetAddress>> addresses = literal.isPresent() ? Future.succeededFuture(List.of(literal.get()))
                    : vertx.executeBlocking(() -> resolver.resolve(target.host()), false);
            addresses.onComplete(resolved -> {
                if (result.isDone()) {
                    return;
                }
                if (resolved.failed() || resolved.result().isEmpty()) {
                    finish(new FetchResult.Failed(FetchResult.Failure.NETWORK, "url host: '" + target.host()
                            + "' does not resolve"));
                    return;
                }
                // Every address must pass: a name that mixes public and private answers is a rebinding tool.
                for (InetAddress address : resolved.result()) {
                    Optional<String> refusal = policy.refusal(address);
                    if (refusal.isPresent()) {
                        finish(new FetchResult.Refused("url host '" + target.host() + "': " + refusal.get()));
                        return;
                    }
                }
                send(target, resolved.result().get(0), url, method, headers, body, redirects);
            });
        }

        private void send(Target target, InetAddress address, URI url, FetchRequest.Method method,
                          Map<String, String> headers, OctetString body, int redirects) {
            RequestOptions options = new RequestOptions()
                    .setMethod(method == FetchRequest.Method.POST ? HttpMethod.POST : HttpMethod.GET)
                    .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                    .setHost(target.bareHost())
                    .setPort(target.port())
                    .setSsl(target.https())
                    .setURI(target.pathAndQuery())
                    .setFollowRedirects(false)
                    .setConnectTimeout(config.connectTimeout().toMillis());
            headers.forEach(options::putHeader);
            client.request(options)
                    .compose(request -> {
                        current = request;
                        return body.length() == 0 ? request.send() : request.send(Buffer.buffer(body.toByteArray()));
                    })
                    .onComplete(sent -> {
                        if (sent.failed()) {
                            finish(failure(sent.cause()));
                        } else if (!result.isDone()) {
                            received(sent.result(), url, method, headers, body, redirects);
                        }
                    });
        }

        private void received(HttpClientResponse response, URI url, FetchRequest.Method method,
                              Map<String, String> headers, OctetString body, int redirects) {
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (redirect && config.maxRedirects() > 0) {
                // Its body is of no use: do not let the peer make us read it. The reset is ours, not a failure.
                response.exceptionHandler(ours -> { });
                response.request().reset();
                String location = response.getHeader("location");
                if (redirects >= config.maxRedirects() || location == null) {
                    finish(new FetchResult.Failed(FetchResult.Failure.REDIRECTS, location == null
                            ? "redirect " + status + " without Location"
                            : "redirects: more than fetch.max-redirects=" + config.maxRedirects()));
                    return;
                }
                URI next;
                try {
                    next = url.resolve(location);
                } catch (IllegalArgumentException e) {
                    finish(new FetchResult.Refused("redirect location: '" + location + "' (expected: a URL)"));
                    return;
                }
                // RFC 9110 §15.4: 303 always, and 301/302 after POST in practice, continue as GET without a body.
                boolean keep = status == 307 || status == 308 || method == FetchRequest.Method.GET;
                hop(next, keep ? method : FetchRequest.Method.GET, headers, keep ? body : OctetString.EMPTY,
                        redirects + 1);
                return;
            }
            // Set before any reset below: that reports to it, and an unhandled one would be logged as an error.
            response.exceptionHandler(error -> finish(failure(error)));
            long max = config.maxResponseSize().bytes();
            String length = response.getHeader("content-length");
            if (length != null && parseLength(length) > max) {
                finish(new FetchResult.Failed(FetchResult.Failure.TOO_LARGE, "content-length: " + length
                        + " (expected: <= " + max + ")"));
                response.request().reset();
                return;
            }
            Buffer collected = Buffer.buffer();
            response.handler(chunk -> {
                if (result.isDone()) {
                    return;
                }
                if (collected.length() + chunk.length() > max) {
                    finish(new FetchResult.Failed(FetchResult.Failure.TOO_LARGE, "body: more than " + max
                            + " bytes"));
                    response.request().reset();
                    return;
                }
                collected.appendBuffer(chunk);
            });
            response.endHandler(end -> {
                Map<String, String> names = new HashMap<>();
                response.headers().forEach(header ->
                        names.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
                finish(new FetchResult.Response(status, names, OctetString.wrap(collected.getBytes())));
            });
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static FetchResult failure(Throwable cause) {
        boolean timeout = cause instanceof ConnectTimeoutException || cause instanceof TimeoutException;
        return new FetchResult.Failed(timeout ? FetchResult.Failure.TIMEOUT : FetchResult.Failure.NETWORK,
                String.valueOf(cause));
    }
}
