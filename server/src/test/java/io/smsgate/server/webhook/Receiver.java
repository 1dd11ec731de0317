package io.smsgate.server.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** A webhook receiver on 127.0.0.1 (ephemeral port) that records every request and answers as a test scripts. */
final class Receiver implements AutoCloseable {

    /** One request as received, with the status it was answered (0 when it was left unanswered). */
    record Received(int number, String id, String timestamp, String signature, String body, int answered,
                    Instant at) {
    }

    private final HttpServer server;
    private final AtomicInteger count = new AtomicInteger();
    final List<Received> requests = new CopyOnWriteArrayList<>();
    private volatile BiConsumer<Integer, HttpServerRequest> script;

    Receiver(Vertx vertx, BiConsumer<Integer, HttpServerRequest> script) throws Exception {
        this.script = script;
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            int number = count.incrementAndGet();
            script().accept(number, request);
            requests.add(new Received(number, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                    request.getHeader("webhook-signature"), body.toString(StandardCharsets.UTF_8),
                    request.response().ended() ? request.response().getStatusCode() : 0, Instant.now()));
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Answers every request with {@code status}. */
    static BiConsumer<Integer, HttpServerRequest> always(int status) {
        return (number, request) -> request.response().setStatusCode(status).end();
    }

    private BiConsumer<Integer, HttpServerRequest> script() {
        return script;
    }

    void script(BiConsumer<Integer, HttpServerRequest> next) {
        script = next;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /**
     * Requests received so far, counted before each is answered: unlike {@link #requests}, which records a request
     * after its answer went out, the count cannot trail what the sender has already seen answered.
     */
    int arrived() {
        return count.get();
    }

    /** Event ids of the requests answered 2xx, in arrival order. */
    List<String> accepted() {
        return requests.stream().filter(r -> r.answered() / 100 == 2).map(Received::id).toList();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
