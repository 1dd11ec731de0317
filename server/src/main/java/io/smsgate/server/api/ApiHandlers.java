package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.text.EncodingChoice;
import io.smsgate.protocol.text.Replacement;
import io.smsgate.protocol.text.SegmentPreview;
import io.smsgate.server.http.Problem;
import io.smsgate.server.pipeline.IngestResult;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.Price;
import io.smsgate.server.store.StoreOverloadedException;
import io.smsgate.server.store.StoredMessage;
import io.smsgate.server.webhook.WebhookStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's request handlers, one per contract operation, plus authentication and the one place where failures
 * become problem+json. They run on the event loop and never block: JDBC goes to {@link Workers}, stores to the
 * Journal through {@code Ingest}; answers are written back on the request's own context.
 */
final class ApiHandlers {

    private static final Logger log = LoggerFactory.getLogger(ApiHandlers.class);
    static final String PRINCIPAL = "smsgate.principal";
    // Header values as pre-encoded ASCII: written as they are, not validated and encoded again per response.
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(Problem.CONTENT_TYPE);
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String CONTRACT_PATH = "/v1/openapi.json";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int CSV_CHUNK = 32 * 1024;
    // How Vert.x OpenAPI names a parameter at fault: "The value of query parameter limit is invalid. …".
    private static final Pattern MISSING_PARAMETER = Pattern.compile("required \\w+ parameter (\\S+)");
    private static final Pattern PARAMETER = Pattern.compile("value of (?:query|path|header|cookie) parameter (\\S+)");

    private final ApiServer.Backend backend;
    private final Workers workers;
    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final IdempotencyStore idempotency;
    private final MessageRecords records;
    private final Numbers numbers;
    private final WebhookStore webhooks;
    private final String contractJson;
    private final long bodyLimit;

    ApiHandlers(ApiServer.Backend backend, Workers workers, Authenticator authenticator, RateLimiter limiter,
                IdempotencyStore idempotency, MessageRecords records, Numbers numbers, WebhookStore webhooks,
                String contractJson, long bodyLimit) {
        this.backend = requireNonNull(backend, "backend");
        this.workers = requireNonNull(workers, "workers");
        this.authenticator = requireNonNull(authenticator, "authenticator");
        this.limiter = requireNonNull(limiter, "limiter");
        this.idempotency = requireNonNull(idempotency, "idempotency");
        this.records = requireNonNull(records, "records");
        this.numbers = requireNonNull(numbers, "numbers");
        this.webhooks = requireNonNull(webhooks, "webhooks");
        this.contractJson = requireNonNull(contractJson, "contractJson");
        this.bodyLimit = bodyLimit;
    }

    // --- authentication and rate limits (every operation but the contract) ---

    void authenticate(RoutingContext context) {
        if (context.request().path().equals(CONTRACT_PATH)) {
            context.next();
            return;
        }
        Optional<String> header = Optional.ofNullable(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        then(context, authenticator.authenticate(header), principal -> {
            if (principal.isEmpty()) {
                context.response().putHeader("WWW-Authenticate", "Bearer realm=\"smsgate\"");
                problem(context, Problems.unauthorized());
                return;
            }
            long wait = limiter.acquire(principal.get());
            if (wait > 0) {
                context.response().putHeader(HttpHeaders.RETRY_AFTER,
                        Long.toString(RateLimiter.retryAfterSeconds(wait)));
                problem(context, Problems.rateLimited("API key or account"));
                return;
            }
            context.put(PRINCIPAL, principal.get());
            context.next();
        });
    }

    /** The authenticated caller of a request, once {@link #authenticate} let it through. */
    static Optional<Principal> principal(RoutingContext context) {
        return Optional.ofNullable(context.get(PRINCIPAL));
    }

    // --- operations ---

    void contract(RoutingContext context) {
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(contractJson);
    }

    void send(RoutingContext context) {
        Principal principal = context.get(PRINCIPAL);
        JsonObject body = body(context);
        SendRequest request = ApiRequests.sendRequest(body);
        if (request.hasMedia()) {
            throw new ProblemException(Problems.mediaUnsupported());
        }
        Instant now = backend.clock().instant();
        EncodingChoice choice = MessageComposer.choose(request.text(), request.smartEncoding());
        Submission composed = MessageComposer.submission(principal.systemId(), request, choice, now);
        MessageId id = backend.ingest().nextId();
        Optional<Price> price = routedPrice(backend.pricing().quote(principal.systemId(),
                composed.destination().address(), composed.source().address(), id.value(), choice.segments()));
        // Stored with the message: its record shows the price this answer quotes, whatever the rates are later.
        Submission submission = composed.withPrice(price);
        // Written out directly: a JsonObject and its Jackson encoding cost more than the rest of the answer.
        StringBuilder accepted = new StringBuilder(256).append('{');
        JsonText.member(accepted, "id", id.toString()).append(',');
        JsonText.member(accepted, "status", MessageViews.status(MessageStatus.QUEUED)).append(',');
        JsonText.member(accepted, "to", MessageComposer.show(submission.destination())).append(',');
        JsonText.member(accepted, "from", MessageComposer.show(submission.source())).append(',');
        JsonText.member(accepted, "encoding", MessageComposer.encodingName(choice.encoding())).append(',');
        JsonText.string(accepted, "segments").append(':').append(choice.segments());
        if (!choice.replacements().isEmpty()) {
            JsonText.string(accepted.append(','), "replaced_characters").append(':')
                    .append(replacements(choice.replacements()).encode());
        }
        price.ifPresent(p -> JsonText.string(accepted.append(','), "price").append(':')
                .append(MessageViews.price(p).encode()));
        request.clientReference().ifPresent(r -> JsonText.member(accepted.append(','), "client_reference", r));
        String answer = accepted.append('}').toString();
        Optional<String> key = Optional.ofNullable(context.request().getHeader(IDEMPOTENCY_KEY));
        if (key.isEmpty()) {
            store(context, id, submission, answer, Optional.empty());
            return;
        }
        byte[] hash = ApiRequests.canonicalHash(body);
        then(context, workers.submit(() -> idempotency.claim(principal.systemId(), key.get(), hash, id, answer, now)),
                claim -> {
                    if (claim instanceof IdempotencyStore.Claim.Claimed) {
                        store(context, id, submission, answer, key);
                    } else if (claim instanceof IdempotencyStore.Claim.Replay replay) {
                        context.response().putHeader("Idempotent-Replayed", "true");
                        json(context, 202, replay.response());
                    } else if (claim instanceof IdempotencyStore.Claim.Mismatch) {
                        problem(context, Problems.idempotencyKeyReused());
                    } else {
                        context.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
                        problem(context, Problems.idempotencyInProgress());
                    }
                });
    }

    private void store(RoutingContext context, MessageId id, Submission submission, String answer,
                       Optional<String> key) {
        then(context, backend.ingest().accept(id, submission), result -> {
            if (result instanceof IngestResult.Refused refused) {
                // Nothing was stored: free the key so that the client's retry can store it.
                key.ifPresent(k -> workers.execute(() -> release(submission.systemId(), k, id)));
                refuse(context, refused);
            } else {
                json(context, 202, answer);
            }
        });
    }

    private void release(String systemId, String key, MessageId id) {
        try {
            idempotency.release(systemId, key, id);
        } catch (RuntimeException e) {
            // The claim is taken over once abandoned (IdempotencyStore.ABANDONED): a retry waits, nothing is lost.
            log.warn("idempotency release failed system_id={} reason={}", systemId, e.getMessage());
        }
    }

    private static void refuse(RoutingContext context, IngestResult.Refused refused) {
        Problem problem = switch (refused.reason()) {
            case DISPATCH_BUSY -> Problems.throttled();
            case STORE_OVERLOADED -> Problems.storeOverloaded();
            case STOPPING -> Problems.stopping();
            case STORE_FAILED -> Problems.storeUnavailable();
            case OPTED_OUT -> Problems.recipientOptedOut(refused.detail());
        };
        // Retry-After only where a retry can succeed: not after an opt-out.
        if (problem.status() != 422) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        problem(context, problem);
    }

    void preview(RoutingContext context) {
        Principal principal = context.get(PRINCIPAL);
        JsonObject body = body(context);
        SegmentPreview preview = MessageComposer.preview(body.getString("text"), body.getBoolean("smart_encoding",
                false));
        JsonObject json = new JsonObject()
                .put("encoding", MessageComposer.encodingName(preview.encoding()))
                .put("segments", preview.segments())
                .put("characters", preview.units())
                .put("units_per_segment", preview.unitsPerSegment())
                .put("units_left_in_last_segment", preview.unitsLeftInLastSegment())
                .put("replaced_characters", replacements(preview.replacements()));
        Optional<String> to = ApiRequests.optional(body, "to").map(MessageComposer::digits);
        if (to.isPresent()) {
            String from = ApiRequests.optional(body, "from").map(MessageComposer::digits).orElse("");
            routedPrice(backend.pricing().quote(principal.systemId(), to.get(), from, 0, preview.segments()))
                    .ifPresent(price -> json.put("price", MessageViews.price(price)));
        }
        json(context, 200, json.encode());
    }

    // A refusal the router will not change its mind about is answered now, before anything is stored.
    private static Optional<Price> routedPrice(Quote quote) {
        if (quote instanceof Quote.Refused refused) {
            throw new ProblemException(Problems.routeRefused(refused.reason(), refused.detail()));
        }
        return ((Quote.Routed) quote).price();
    }

    void message(RoutingContext context) {
        Principal principal = context.get(PRINCIPAL);
        String text = validated(context).getPathParameters().get("id").getString();
        Optional<MessageId> id = MessageId.parse(text);
        if (id.isEmpty()) {
            throw new ProblemException(Problems.notFound("no message " + text));
        }
        CompletableFuture<Optional<StoredMessage>> found = backend.reader().findMessage(id.get());
        then(context, found, message -> {
            // Another account's message does not exist for this one: the same 404, nothing to probe.
            if (message.isEmpty() || !message.get().message().systemId().equals(principal.systemId())) {
                problem(context, Problems.notFound("no message " + text));
                return;
            }
            StoredMessage stored = message.get();
            // The status callbacks are read from webhook_event whether webhooks are on or off: the triggers queue
            // them either way. Both reads run at once.
            CompletableFuture<List<WebhookStore.MessageWebhook>> callbacks = workers.submit(() ->
                    webhooks.ofMessage(principal.systemId(), id.get().value(), MessageViews.MAX_WEBHOOKS));
            then(context, backend.reader().events(id.get()).thenCombine(callbacks, (events, sent) ->
                    MessageViews.detail(stored, events, sent)), detail -> json(context, 200, detail.encode()));
        });
    }

    void list(RoutingContext context) {
        Principal principal = context.get(PRINCIPAL);
        ValidatedRequest request = validated(context);
        Instant now = backend.clock().instant();
        Instant until = query(request, "until").map(t -> ApiRequests.time("until", t)).orElse(now.plusSeconds(1));
        Instant since = query(request, "since").map(t -> ApiRequests.time("since", t)).orElse(Instant.EPOCH);
        if (!since.isBefore(until)) {
            throw new ProblemException(Problems.invalidField("since", "since: " + since + " (expected: before until "
                    + until + ")"));
        }
        RequestParameter limit = request.getQuery().get("limit");
        MessageRecords.Filter filter = new MessageRecords.Filter(since, until,
                query(request, "status").map(MessageViews::status), query(request, "to").map(ApiRequests::number),
                query(request, "from").map(ApiRequests::number), query(request, "carrier_message_id"),
                query(request, "cursor").flatMap(MessageId::parse),
                limit == null || limit.isNull() ? 50 : limit.getInteger());
        then(context, workers.submit(() -> records.page(principal.systemId(), filter)), page -> {
            JsonArray messages = new JsonArray();
            page.messages().forEach(m -> messages.add(MessageViews.summary(m)));
            JsonObject json = new JsonObject().put("messages", messages);
            page.next().ifPresent(next -> json.put("next_cursor", next.toString()));
            json(context, 200, json.encode());
        });
    }

    void export(RoutingContext context) {
        Principal principal = context.get(PRINCIPAL);
        ValidatedRequest request = validated(context);
        Instant since = ApiRequests.time("since", query(request, "since").orElseThrow());
        Instant until = ApiRequests.time("until", query(request, "until").orElseThrow());
        if (!since.isBefore(until)) {
            throw new ProblemException(Problems.invalidField("since", "since: " + since + " (expected: before until "
                    + until + ")"));
        }
        HttpServerResponse response = context.response();
        boolean started = workers.execute(() -> streamCsv(response, principal.systemId(), since, until));
        if (!started) {
            response.putHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(context, Problems.storeOverloaded());
        }
    }

    // On a worker: rows come from a database cursor and leave in chunks, waiting for the client when its socket
    // is full, so neither side holds the range in memory.
    private void streamCsv(HttpServerResponse response, String systemId, Instant since, Instant until) {
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"messages.csv\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        StringBuilder chunk = new StringBuilder(CSV_CHUNK + 1024).append(Csv.HEADER);
        try {
            int rows = records.forEach(systemId, since, until, message -> {
                Csv.row(chunk, message);
                if (chunk.length() >= CSV_CHUNK) {
                    write(response, chunk);
                }
            });
            write(response, chunk);
            response.end();
            log.debug("export done system_id={} rows={}", systemId, rows);
        } catch (RuntimeException e) {
            // The 200 and part of the body are gone: only a broken transfer tells the client it is incomplete.
            log.warn("export aborted system_id={} reason={}", systemId, e.toString());
            response.reset();
        }
    }

    private static void write(HttpServerResponse response, StringBuilder chunk) {
        if (response.closed()) {
            throw new IllegalStateException("client closed the connection");
        }
        response.write(Buffer.buffer(chunk.toString()));
        chunk.setLength(0);
        while (response.writeQueueFull()) {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            response.drainHandler(v -> drained.complete(null));
            response.closeHandler(v -> drained.completeExceptionally(new IllegalStateException("client closed")));
            if (!response.writeQueueFull()) {
                break;
            }
            try {
                drained.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("export interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("client stopped reading for " + DRAIN_TIMEOUT, e);
            }
        }
    }

    void numbers(RoutingContext context) {
        Principal principal = context.get(PRINCIPAL);
        then(context, workers.submit(() -> numbers.list(principal.systemId())), list -> {
            JsonArray array = new JsonArray();
            list.forEach(n -> array.add(number(n)));
            json(context, 200, new JsonObject().put("numbers", array).encode());
        });
    }

    void updateNumber(RoutingContext context) {
        Principal principal = context.get(PRINCIPAL);
        ValidatedRequest request = validated(context);
        String number = ApiRequests.number(request.getPathParameters().get("number").getString());
        Optional<String> url = ApiRequests.optional(body(context), "mo_callback_url")
                .map(u -> ApiRequests.callbackUrl("mo_callback_url", u));
        then(context, workers.submit(() -> numbers.setCallback(principal.systemId(), number, url)), updated -> {
            if (updated.isEmpty()) {
                problem(context, Problems.notFound("no number " + number + " on this account"));
                return;
            }
            json(context, 200, number(updated.get()).encode());
        });
    }

    // --- failures: every error response is written here ---

    void failure(RoutingContext context) {
        problem(context, problemFor(context.failure(), context.statusCode()));
    }

    private Problem problemFor(Throwable failure, int status) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ProblemException p) {
            return p.problem();
        }
        if (cause instanceof SchemaValidationException schema) {
            return schemaProblem(schema);
        }
        if (cause instanceof ValidatorException validator) {
            return validatorProblem(validator);
        }
        if (cause instanceof DecodeException decode) {
            return Problems.malformedJson(firstLine(decode.getMessage()));
        }
        if (cause instanceof Workers.Busy || cause instanceof StoreOverloadedException) {
            return Problems.storeOverloaded();
        }
        if (status == 413) {
            return Problems.bodyTooLarge(bodyLimit);
        }
        log.error("api request failed status={}", status, cause);
        return Problems.internal();
    }

    // The validator's first error at the deepest instance location names the member at fault.
    private static Problem schemaProblem(SchemaValidationException e) {
        OutputUnit unit = e.getOutputUnit();
        OutputUnit deepest = unit;
        if (unit != null && unit.getErrors() != null) {
            for (OutputUnit error : unit.getErrors()) {
                if (deepest == unit || depth(error) > depth(deepest)) {
                    deepest = error;
                }
            }
        }
        String keyword = deepest == null || deepest.getKeywordLocation() == null ? ""
                : deepest.getKeywordLocation().substring(deepest.getKeywordLocation().lastIndexOf('/') + 1);
        String error = deepest == null || deepest.getError() == null ? e.getMessage() : deepest.getError();
        String location = deepest == null || deepest.getInstanceLocation() == null ? ""
                : deepest.getInstanceLocation().replaceFirst("^#?/?", "");
        Matcher parameter = PARAMETER.matcher(e.getMessage() == null ? "" : e.getMessage());
        String field = parameter.find() ? parameter.group(1) : location.isEmpty() ? "body" : location;
        return switch (keyword) {
            // The validator points at the unknown member itself.
            case "additionalProperties", "unevaluatedProperties" -> Problems.unknownField(location.isEmpty()
                    ? quoted(error).orElse(field) : location);
            case "required" -> Problems.missingField(
                    quoted(error).map(name -> location.isEmpty() ? name : location + "/" + name).orElse(field));
            default -> Problems.invalidField(field, field + ": " + error);
        };
    }

    private static Problem validatorProblem(ValidatorException e) {
        String message = firstLine(e.getMessage());
        if (message.contains("required body") || message.contains("request body is missing")) {
            return Problems.malformedJson("the body is empty (expected: a JSON object)");
        }
        Matcher missing = MISSING_PARAMETER.matcher(message);
        return switch (e.type()) {
            case UNSUPPORTED_VALUE_FORMAT -> Problems.unsupportedMediaType(message);
            case MISSING_REQUIRED_PARAMETER -> Problems.missingField(missing.find() ? missing.group(1) : "request");
            case INVALID_VALUE_FORMAT, ILLEGAL_VALUE, INVALID_VALUE -> message.contains("body")
                    ? Problems.malformedJson(message)
                    : Problems.invalidField(quoted(message).orElse("request"), message);
            case MISSING_OPERATION, MISSING_RESPONSE -> Problems.notFound(message);
        };
    }

    private static int depth(OutputUnit unit) {
        String location = unit.getInstanceLocation();
        return location == null ? 0 : location.length();
    }

    private static Optional<String> quoted(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int start = text.indexOf('\'');
        int end = start < 0 ? -1 : text.indexOf('\'', start + 1);
        if (start < 0 || end < 0) {
            start = text.indexOf('"');
            end = start < 0 ? -1 : text.indexOf('"', start + 1);
        }
        return start >= 0 && end > start + 1 ? Optional.of(text.substring(start + 1, end)) : Optional.empty();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof HttpException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    // --- helpers ---

    /**
     * Continues with {@code next} on the request's own context once {@code stage} completes; a failure (or a
     * {@link ProblemException} thrown by {@code next}) becomes the problem answer.
     */
    private <T> void then(RoutingContext context, CompletionStage<T> stage, Consumer<T> next) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            // Answered already (a cached key): go on here, on the request's loop, without queuing a task behind
            // every other connection's, nor a completion stage per request.
            proceed(context, future.getNow(null), null, next);
            return;
        }
        if (future.isDone()) {
            future.whenComplete((value, error) -> proceed(context, value, error, next));
            return;
        }
        Context loop = Vertx.currentContext();
        future.whenComplete((value, error) -> loop.runOnContext(v -> proceed(context, value, error, next)));
    }

    private <T> void proceed(RoutingContext context, T value, Throwable error, Consumer<T> next) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        if (error != null) {
            problem(context, problemFor(error, 500));
            return;
        }
        try {
            next.accept(value);
        } catch (RuntimeException e) {
            problem(context, problemFor(e, 500));
        }
    }

    private static ValidatedRequest validated(RoutingContext context) {
        return context.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    private static JsonObject body(RoutingContext context) {
        return validated(context).getBody().getJsonObject();
    }

    private static Optional<String> query(ValidatedRequest request, String name) {
        RequestParameter parameter = request.getQuery().get(name);
        return parameter == null || parameter.isNull() ? Optional.empty() : Optional.of(parameter.getString());
    }

    private static JsonArray replacements(List<Replacement> replacements) {
        JsonArray array = new JsonArray();
        for (Replacement r : replacements) {
            array.add(new JsonObject().put("character", r.character()).put("replacement", r.replacement())
                    .put("count", r.count()));
        }
        return array;
    }

    private static JsonObject number(Numbers.InboundNumber number) {
        return new JsonObject().put("number", number.number())
                .put("mo_callback_url", number.moCallbackUrl().orElse(null));
    }

    private static void json(RoutingContext context, int status, String body) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .end(body);
    }

    static void problem(RoutingContext context, Problem problem) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .end(problem.toJson());
    }
}
