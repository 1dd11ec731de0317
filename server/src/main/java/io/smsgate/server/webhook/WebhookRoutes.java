package io.smsgate.server.webhook;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.fetch.HttpFetcher;
import io.smsgate.server.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's webhook endpoints of the HTTP API (paths in {@code webhook-paths.yaml} beside this class): the
 * dead-letter list, replay of one or all dead letters, secret rotation and the MO/failover URLs. Authentication is
 * the API server's: {@code accountOf} gives the authenticated account of a request. Store work runs on Vert.x
 * worker threads, never on the event loop.
 */
public final class WebhookRoutes {

    private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);
    private static final int MAX_PAGE = 500;
    private static final Set<String> SETTINGS_FIELDS = Set.of("mo_url", "failover_url");

    /** The operationIds of {@code webhook-paths.yaml}, the keys of {@link #handlers}. */
    public static final Set<String> OPERATIONS = Set.of("listWebhookDeadLetters", "replayAllWebhookDeadLetters",
            "replayWebhookDeadLetter", "rotateWebhookSecret", "putWebhookSettings");

    private final WebhookDispatcher dispatcher;
    private final Function<RoutingContext, Optional<String>> accountOf;
    private final Clock clock;

    private WebhookRoutes(WebhookDispatcher dispatcher, Function<RoutingContext, Optional<String>> accountOf,
                          Clock clock) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher");
        this.accountOf = requireNonNull(accountOf, "accountOf");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Adds the webhook routes under {@code /v1/webhooks} to {@code router}. */
    public static void mount(Router router, WebhookDispatcher dispatcher,
                             Function<RoutingContext, Optional<String>> accountOf, Clock clock) {
        Map<String, Handler<RoutingContext>> handlers = handlers(dispatcher, accountOf, clock);
        router.get("/v1/webhooks/dead-letters").handler(handlers.get("listWebhookDeadLetters"));
        router.post("/v1/webhooks/dead-letters/replay").handler(handlers.get("replayAllWebhookDeadLetters"));
        router.post("/v1/webhooks/dead-letters/:event_id/replay").handler(handlers.get("replayWebhookDeadLetter"));
        router.post("/v1/webhooks/secret/rotate").handler(handlers.get("rotateWebhookSecret"));
        router.put("/v1/webhooks/settings").handler(BodyHandler.create().setBodyLimit(4096))
                .handler(handlers.get("putWebhookSettings"));
    }

    /**
     * The handler of each operation of {@code webhook-paths.yaml}, by its operationId, for a router built from the
     * contract (the HTTP API's, which has read the body and authenticated the request before them).
     */
    public static Map<String, Handler<RoutingContext>> handlers(WebhookDispatcher dispatcher,
                                                                Function<RoutingContext, Optional<String>> accountOf,
                                                                Clock clock) {
        WebhookRoutes routes = new WebhookRoutes(dispatcher, accountOf, clock);
        return Map.of(
                "listWebhookDeadLetters", routes::deadLetters,
                "replayAllWebhookDeadLetters", routes::replayAll,
                "replayWebhookDeadLetter", routes::replayOne,
                "rotateWebhookSecret", routes::rotate,
                "putWebhookSettings", routes::settings);
    }

    private void deadLetters(RoutingContext ctx) {
        authenticated(ctx).ifPresent(account -> {
            Optional<Long> after = number(ctx, "after", 0, Long.MAX_VALUE, 0);
            Optional<Long> limit = number(ctx, "limit", 1, MAX_PAGE, 100);
            if (after.isEmpty() || limit.isEmpty()) {
                return;
            }
            blocking(ctx, () -> dispatcher.store().deadLetters(account, after.get(), limit.get().intValue()),
                    letters -> {
                        JsonArray data = new JsonArray();
                        letters.forEach(letter -> data.add(new JsonObject()
                                .put("event_id", "evt_" + letter.eventId())
                                .put("type", letter.type())
                                .put("url", letter.url())
                                .put("attempts", letter.attempts())
                                .put("last_status", letter.lastStatus().orElse(null))
                                .put("last_error", letter.lastError().orElse(null))
                                .put("created_at", letter.createdAt().toString())
                                .put("dead_at", letter.deadAt().toString())
                                .put("attempt_log", attemptLog(letter.attemptLog()))));
                        JsonObject page = new JsonObject().put("data", data);
                        if (letters.size() == limit.get()) {
                            page.put("next_after", letters.get(letters.size() - 1).eventId());
                        }
                        ctx.response().putHeader("content-type", "application/json").end(page.encode());
                    });
        });
    }

    /** An event's attempt log as the contract's WebhookAttempt array, oldest first. */
    public static JsonArray attemptLog(List<WebhookStore.Attempt> attempts) {
        JsonArray entries = new JsonArray();
        for (WebhookStore.Attempt attempt : attempts) {
            JsonObject json = new JsonObject()
                    .put("attempt", attempt.number())
                    .put("started_at", attempt.startedAt().toString())
                    .put("url", attempt.url())
                    .put("failover", attempt.failover())
                    .put("outcome", switch (attempt.outcome()) {
                        case DELIVERED -> "delivered";
                        case RETRY -> "retry";
                        case DEAD -> "dead";
                    });
            attempt.duration().ifPresent(d -> json.put("duration_ms", d.toMillis()));
            attempt.status().ifPresent(s -> json.put("http_status", s));
            attempt.error().ifPresent(e -> json.put("error", e));
            entries.add(json);
        }
        return entries;
    }

    private void replayOne(RoutingContext ctx) {
        authenticated(ctx).ifPresent(account -> {
            String text = ctx.pathParam("event_id");
            Optional<Long> id = eventId(text);
            if (id.isEmpty()) {
                problem(ctx, 400, "invalid_event_id", "event_id", "event_id: '" + text
                        + "' (expected: evt_ followed by digits)");
                return;
            }
            blocking(ctx, () -> dispatcher.store().replay(account, id, clock.instant()), replayed -> {
                if (replayed == 0) {
                    problem(ctx, 404, "dead_letter_not_found", "event_id", "event_id: " + text
                            + " (expected: a dead-lettered event of this account)");
                    return;
                }
                dispatcher.wake();
                ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("replayed", replayed).encode());
            });
        });
    }

    private void replayAll(RoutingContext ctx) {
        authenticated(ctx).ifPresent(account ->
                blocking(ctx, () -> dispatcher.store().replay(account, Optional.empty(), clock.instant()),
                        replayed -> {
                            dispatcher.wake();
                            ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                                    .end(new JsonObject().put("replayed", replayed).encode());
                        }));
    }

    private void rotate(RoutingContext ctx) {
        authenticated(ctx).ifPresent(account ->
                blocking(ctx, () -> dispatcher.secrets().rotate(account), secret -> {
                    log.info("webhook secret rotated system_id={}", account);
                    // The secret is in this answer only; never logged, stored sealed.
                    ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
                            .putHeader("cache-control", "no-store")
                            .end(new JsonObject().put("secret", secret).encode());
                }));
    }

    private void settings(RoutingContext ctx) {
        authenticated(ctx).ifPresent(account -> {
            JsonObject body;
            try {
                body = ctx.body().asJsonObject();
            } catch (DecodeException | ClassCastException e) {
                problem(ctx, 400, "malformed_json", "", "body: not a JSON object");
                return;
            }
            if (body == null) {
                problem(ctx, 400, "malformed_json", "", "body: empty (expected: a JSON object)");
                return;
            }
            for (String field : body.fieldNames()) {
                if (!SETTINGS_FIELDS.contains(field)) {
                    problem(ctx, 400, "unknown_field", field, field + ": unknown (expected: mo_url, failover_url)");
                    return;
                }
            }
            Optional<String> moUrl = url(ctx, body, "mo_url");
            Optional<String> failoverUrl = url(ctx, body, "failover_url");
            if (ctx.response().ended()) {
                return;
            }
            blocking(ctx, () -> {
                dispatcher.store().setUrls(account, moUrl, failoverUrl, clock.instant());
                return Boolean.TRUE;
            }, done -> ctx.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("mo_url", moUrl.orElse(null)).put("failover_url", failoverUrl.orElse(null)).encode()));
        });
    }

    // A null or absent field clears the URL; anything else must be an absolute http(s) URL.
    private static Optional<String> url(RoutingContext ctx, JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null || ctx.response().ended()) {
            return Optional.empty();
        }
        if (value instanceof String text && text.length() <= 2048) {
            try {
                if (HttpFetcher.origin(new URI(text)).isPresent()) {
                    return Optional.of(text);
                }
            } catch (URISyntaxException e) {
                // answered below
            }
        }
        problem(ctx, 400, "invalid_url", field, field + ": not an absolute http(s) URL of at most 2048 characters");
        return Optional.empty();
    }

    private Optional<String> authenticated(RoutingContext ctx) {
        Optional<String> account = accountOf.apply(ctx);
        if (account.isEmpty()) {
            problem(ctx, 401, "unauthenticated", "", "authorization: missing or invalid API key");
        }
        return account;
    }

    private static Optional<Long> number(RoutingContext ctx, String name, long min, long max, long absent) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty()) {
            return Optional.of(absent);
        }
        String text = values.get(0);
        if (name.equals("after") && text.startsWith("evt_")) {
            text = text.substring(4);
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        problem(ctx, 400, "invalid_parameter", name, name + ": '" + values.get(0) + "' (expected: " + min + ".."
                + max + ")");
        return Optional.empty();
    }

    private static Optional<Long> eventId(String text) {
        if (text == null || !text.startsWith("evt_") || text.length() > 23) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(text.substring(4));
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static <T> void blocking(RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> answer) {
        ctx.vertx().executeBlocking(work, false).onComplete(done -> {
            if (done.succeeded()) {
                answer.accept(done.result());
            } else {
                log.warn("webhook api store call failed path={} cause={}", ctx.normalizedPath(),
                        done.cause().toString());
                problem(ctx, 503, "store_unavailable", "", "the store did not answer; try again");
            }
        });
    }

    /** RFC 9457 problem details with a stable code and the field at fault, shaped as the HTTP API's. */
    static void problem(RoutingContext ctx, int status, String code, String field, String detail) {
        Problem problem = Problem.of(status, code, code.replace('_', ' '), detail);
        if (!field.isEmpty()) {
            problem = problem.withField(field);
        }
        if (status == 503) {
            ctx.response().putHeader("retry-after", "1");
        }
        ctx.response().setStatusCode(status).putHeader("content-type", Problem.CONTENT_TYPE)
                .putHeader("cache-control", "no-store").end(problem.toJson());
    }
}
