package io.smsgate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpFetcherIT {

    private static final FetchConfig LOOPBACK_ALLOWED = FetchConfig.DEFAULTS.withAllowlist(List.of("127.0.0.1/32"));

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpFetcher fetcher;
    private HttpServer server;

    @AfterEach
    void stop() throws Exception {
        if (fetcher != null) {
            fetcher.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private int serve(Consumer<HttpServerRequest> handler) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            handler.accept(request);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private FetchResult fetch(FetchConfig config, HostResolver resolver, FetchRequest request) throws Exception {
        fetcher = new HttpFetcher(vertx, config, resolver);
        return fetcher.fetch(request).get(30, TimeUnit.SECONDS);
    }

    private FetchResult get(FetchConfig config, String url) throws Exception {
        return fetch(config, HostResolver.SYSTEM, FetchRequest.get(URI.create(url)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.2 without allowlist     | http://127.0.0.2:{port}/hook
        127.0.0.1 without allowlist     | http://127.0.0.1:{port}/hook
        cloud metadata                  | http://169.254.169.254/latest/meta-data/
        a name resolving to loopback    | http://localhost:{port}/hook
        decimal loopback                | http://2130706433:{port}/hook
        octal loopback                  | http://0177.0.0.1:{port}/hook
        hex loopback                    | http://0x7f.1:{port}/hook
        ipv4-mapped loopback            | http://[::ffff:127.0.0.1]:{port}/hook
        unspecified                     | http://0.0.0.0:{port}/hook
        ipv6 loopback                   | http://[::1]:{port}/hook
        not http                        | file:///etc/passwd
        user info                       | http://user:secret@127.0.0.1:{port}/hook
        """)
    void refusesWithoutConnecting(String caseName, String url) throws Exception {
        int port = serve(request -> request.response().end("reached"));

        FetchResult result = get(FetchConfig.DEFAULTS, url.replace("{port}", String.valueOf(port)));

        assertThat(result).isInstanceOf(FetchResult.Refused.class);
        assertThat(requests).hasValue(0);
    }

    @Test
    void allowlistedLoopbackIsFetched() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> contentType = new AtomicReference<>();
        int port = serve(request -> request.body().onSuccess(received -> {
            body.set(received.toString());
            contentType.set(request.getHeader("content-type"));
            request.response().setStatusCode(201).putHeader("X-Answer", "yes").end("created");
        }));

        FetchResult result = fetch(LOOPBACK_ALLOWED, HostResolver.SYSTEM, FetchRequest.post(
                URI.create("http://127.0.0.1:" + port + "/hook?x=1"), Map.of("content-type", "application/json"),
                OctetString.ascii("{\"a\":1}")));

        assertThat(result).isEqualTo(new FetchResult.Response(201, ((FetchResult.Response) result).headers(),
                OctetString.ascii("created")));
        assertThat(((FetchResult.Response) result).header("x-answer")).contains("yes");
        assertThat(body).hasValue("{\"a\":1}");
        assertThat(contentType).hasValue("application/json");
    }

    @Test
    void connectsToTheAddressItCheckedAndResolvesOnce() throws Exception {
        AtomicReference<String> host = new AtomicReference<>();
        int port = serve(request -> {
            host.set(request.getHeader("host"));
            request.response().end("ok");
        });
        AtomicInteger lookups = new AtomicInteger();
        // A rebinding resolver: the first answer is allowed, every later one would not be.
        HostResolver rebinding = name -> List.of(InetAddress.getByName(lookups.getAndIncrement() == 0
                ? "127.0.0.1" : "10.0.0.1"));

        FetchResult result = fetch(LOOPBACK_ALLOWED, rebinding,
                FetchRequest.get(URI.create("http://hooks.example:" + port + "/")));

        assertThat(result).isInstanceOf(FetchResult.Response.class);
        assertThat(lookups).hasValue(1);
        assertThat(host).hasValue("hooks.example:" + port);
    }

    @Test
    void refusesANameWithAnyPrivateAnswer() throws Exception {
        int port = serve(request -> request.response().end("reached"));
        HostResolver mixed = name -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.1.1.1"));

        FetchResult result = fetch(LOOPBACK_ALLOWED, mixed,
                FetchRequest.get(URI.create("http://hooks.example:" + port + "/")));

        assertThat(result).isInstanceOfSatisfying(FetchResult.Refused.class,
                refused -> assertThat(refused.reason()).contains("10.1.1.1"));
        assertThat(requests).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        private network          | http://10.0.0.1/inner
        cloud metadata           | http://169.254.169.254/latest/meta-data/
        loopback not allowlisted | http://127.0.0.2:{port}/inner
        """)
    void refusesARedirectToAPrivateAddress(String caseName, String location) throws Exception {
        AtomicInteger inner = new AtomicInteger();
        int port = serve(request -> {
            if (request.path().equals("/inner")) {
                inner.incrementAndGet();
                request.response().end("inner");
            } else {
                request.response().setStatusCode(302)
                        .putHeader("location", location.replace("{port}", String.valueOf(server.actualPort())))
                        .end();
            }
        });

        FetchResult result = get(LOOPBACK_ALLOWED, "http://127.0.0.1:" + port + "/start");

        assertThat(result).isInstanceOf(FetchResult.Refused.class);
        assertThat(inner).hasValue(0);
    }

    @Test
    void followsAnAllowedRedirectAsGetAfter303() throws Exception {
        AtomicReference<String> method = new AtomicReference<>();
        int port = serve(request -> {
            if (request.path().equals("/final")) {
                method.set(request.method().name());
                request.response().end("final");
            } else {
                request.response().setStatusCode(303).putHeader("location", "/final").end();
            }
        });

        FetchResult result = fetch(LOOPBACK_ALLOWED, HostResolver.SYSTEM, FetchRequest.post(
                URI.create("http://127.0.0.1:" + port + "/start"), Map.of(), OctetString.ascii("x")));

        assertThat(result).isInstanceOfSatisfying(FetchResult.Response.class,
                response -> assertThat(response.body()).isEqualTo(OctetString.ascii("final")));
        assertThat(method).hasValue("GET");
    }

    @Test
    void stopsAfterMaxRedirects() throws Exception {
        int port = serve(request -> request.response().setStatusCode(302).putHeader("location", "/again").end());

        FetchResult result = get(LOOPBACK_ALLOWED, "http://127.0.0.1:" + port + "/");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.failure()).isEqualTo(FetchResult.Failure.REDIRECTS));
        assertThat(requests).hasValue(LOOPBACK_ALLOWED.maxRedirects() + 1);
    }

    @Test
    void capsTheResponseBodyWhileReadingIt() throws Exception {
        String chunk = "x".repeat(8192);
        int port = serve(request -> {
            request.response().setChunked(true);
            for (int i = 0; i < 16; i++) {
                request.response().write(chunk);
            }
            request.response().end();
        });

        FetchResult result = get(LOOPBACK_ALLOWED, "http://127.0.0.1:" + port + "/");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.failure()).isEqualTo(FetchResult.Failure.TOO_LARGE));
    }

    @Test
    void refusesADeclaredOversizedBody() throws Exception {
        int port = serve(request -> request.response().end("y".repeat(70 * 1024)));

        FetchResult result = get(LOOPBACK_ALLOWED, "http://127.0.0.1:" + port + "/");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.detail()).startsWith("content-length"));
    }

    @Test
    void boundsTheWholeExchangeInTime() throws Exception {
        int port = serve(request -> { }); // never answers

        FetchResult result = get(LOOPBACK_ALLOWED.withTotalTimeout(Duration.ofMillis(300)),
                "http://127.0.0.1:" + port + "/");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.failure()).isEqualTo(FetchResult.Failure.TIMEOUT));
    }

    @Test
    void reportsARefusedConnectionAsNetworkFailure() throws Exception {
        int port = serve(request -> request.response().end());
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        FetchResult result = get(LOOPBACK_ALLOWED, "http://127.0.0.1:" + port + "/");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.failure()).isEqualTo(FetchResult.Failure.NETWORK));
    }
}
