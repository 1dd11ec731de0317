package io.smsgate.server.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpListenerIT {

    private static final HttpListener.Limits LIMITS = new HttpListener.Limits(4096, 8192, Duration.ofSeconds(30));
    // Each answer names the event loop that served it.
    private static final Handler<HttpServerRequest> WHO = request -> request.response()
            .putHeader("Connection", "close").end(Thread.currentThread().getName());

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void instancesShareOnePortAndServeItsConnectionsOnDifferentEventLoops() throws Exception {
        int port = freePort();

        List<HttpServer> servers = HttpListener.listen(vertx, "test http", "127.0.0.1", port, LIMITS,
                Optional.empty(), WHO, 2);

        assertThat(servers).hasSize(2).allSatisfy(server -> assertThat(server.actualPort()).isEqualTo(port));
        Set<String> loops = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            loops.add(get(port));
        }
        assertThat(loops).hasSize(2).allSatisfy(loop -> assertThat(loop).startsWith("vert.x-eventloop-thread-"));
    }

    @Test
    void anEphemeralPortGetsOneServer() throws Exception {
        List<HttpServer> servers = HttpListener.listen(vertx, "test http", "127.0.0.1", 0, LIMITS, Optional.empty(),
                WHO, 4);

        assertThat(servers).hasSize(1);
        assertThat(get(servers.get(0).actualPort())).startsWith("vert.x-eventloop-thread-");
    }

    @Test
    void noInstancesIsRefused() {
        assertThatThrownBy(() -> HttpListener.listen(vertx, "test http", "127.0.0.1", 0, LIMITS, Optional.empty(),
                WHO, 0)).hasMessageContaining("instances: 0 (expected: >= 1)");
    }

    // An ephemeral port the system gave and took back: instances can only share a port they all name.
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // One request on a connection of its own; the body of the answer.
    private static String get(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), US_ASCII);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }
}
