package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.compliance.Compliance;
import io.smsgate.server.compliance.OptOut;
import io.smsgate.server.http.Problem;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * GET /v1/opt-outs, POST /v1/opt-outs/import (CSV) and DELETE /v1/opt-outs/{number}: an account's opt-out list
 * (issue #6, two-way and compliance). The store work runs on {@link Compliance}'s own pool; answers are written on
 * the request's context; failures go to the router's error handlers, which write them as problem+json.
 */
final class OptOutRoutes {

    private static final String JSON = "application/json";
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,15}");
    private static final Pattern SENDER = Pattern.compile("\\+?[0-9]{3,15}|[A-Za-z0-9 .&_-]{1,11}");
    private static final int MAX_ROWS = 100_000;

    private final Optional<Compliance> compliance;
    private final Clock clock;

    OptOutRoutes(Optional<Compliance> compliance, Clock clock) {
        this.compliance = requireNonNull(compliance, "compliance");
        this.clock = requireNonNull(clock, "clock");
    }

    void list(RoutingContext context) {
        Principal principal = context.get(ApiHandlers.PRINCIPAL);
        ValidatedRequest request = context.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        RequestParameter limitParameter = request.getQuery().get("limit");
        int limit = limitParameter == null || limitParameter.isNull() ? 100 : limitParameter.getInteger();
        RequestParameter cursorParameter = request.getQuery().get("cursor");
        String[] after = cursorParameter == null || cursorParameter.isNull() ? new String[] {"", ""}
                : cursor(cursorParameter.getString());
        // One more than asked: whether a next page exists without a second query.
        then(context, compliance().list(principal.systemId(), after[0], after[1], limit + 1), page -> {
            JsonArray array = new JsonArray();
            page.stream().limit(limit).forEach(optOut -> array.add(new JsonObject()
                    .put("number", optOut.recipient())
                    .put("from", optOut.sender().orElse(null))
                    .put("source", optOut.source())
                    .put("created_at", optOut.createdAt().toString())));
            JsonObject json = new JsonObject().put("opt_outs", array);
            if (page.size() > limit) {
                OptOut last = page.get(limit - 1);
                json.put("next_cursor", cursor(last.recipient(), last.sender().orElse("")));
            }
            json(context, 200, json.encode());
        });
    }

    void importCsv(RoutingContext context) {
        Principal principal = context.get(ApiHandlers.PRINCIPAL);
        String contentType = Optional.ofNullable(context.request().getHeader(HttpHeaders.CONTENT_TYPE)).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            throw new ProblemException(Problem.of(415, "unsupported_media_type", "Unsupported Media Type",
                    "content-type: '" + contentType + "' (expected: text/csv)").withField("Content-Type"));
        }
        String body = context.body().buffer() == null ? "" : context.body().asString(StandardCharsets.UTF_8.name());
        List<OptOut> optOuts = parse(principal.systemId(), body, clock.instant());
        then(context, compliance().record(optOuts), imported -> json(context, 200,
                new JsonObject().put("rows", optOuts.size()).put("imported", imported).encode()));
    }

    void delete(RoutingContext context) {
        Principal principal = context.get(ApiHandlers.PRINCIPAL);
        ValidatedRequest request = context.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        String number = ApiRequests.number(request.getPathParameters().get("number").getString());
        then(context, compliance().remove(principal.systemId(), number), removed -> {
            if (removed == 0) {
                ApiHandlers.problem(context, Problems.notFound("no opt-out of " + number + " on this account"));
                return;
            }
            context.response().setStatusCode(204).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
        });
    }

    /** The CSV rows as opt-outs: {@code number[,from]} per line, an optional header, blank lines skipped. */
    static List<OptOut> parse(String systemId, String csv, Instant now) {
        List<OptOut> optOuts = new ArrayList<>();
        String[] lines = csv.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || i == 0 && line.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("number")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length > 2) {
                throw invalid("line " + (i + 1) + ": " + fields.length + " fields (expected: number[,from])");
            }
            String number = unquote(fields[0]);
            if (!NUMBER.matcher(number).matches()) {
                throw invalid("line " + (i + 1) + ": number: '" + number
                        + "' (expected: 3..15 digits, '+' allowed)");
            }
            Optional<String> from = fields.length == 2 && !unquote(fields[1]).isEmpty()
                    ? Optional.of(unquote(fields[1])) : Optional.empty();
            if (from.isPresent() && !SENDER.matcher(from.get()).matches()) {
                throw invalid("line " + (i + 1) + ": from: '" + from.get()
                        + "' (expected: 3..15 digits, or an alphanumeric sender of 1..11 characters)");
            }
            optOuts.add(new OptOut(systemId, OptOut.number(number), from.map(OptOut::number), "import", now));
            if (optOuts.size() > MAX_ROWS) {
                throw invalid("rows: more than " + MAX_ROWS + " (expected: at most " + MAX_ROWS + " per import)");
            }
        }
        if (optOuts.isEmpty()) {
            throw new ProblemException(Problems.invalidField("body", "body: no opt-out rows (expected: number[,from]"
                    + " per line)"));
        }
        return optOuts;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problems.invalidField("body", detail));
    }

    private static String unquote(String field) {
        String value = field.strip();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).strip() : value;
    }

    static String cursor(String recipient, String sender) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((recipient + "\n" + sender).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] cursor(String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int split = decoded.indexOf('\n');
        if (split < 1) {
            throw new ProblemException(Problems.invalidField("cursor", "cursor: '" + cursor
                    + "' (expected: next_cursor of the previous page)"));
        }
        return new String[] {decoded.substring(0, split), decoded.substring(split + 1)};
    }

    private Compliance compliance() {
        return compliance.orElseThrow(() -> new ProblemException(Problems.notFound("opt-outs: compliance is not"
                + " running on this server")));
    }

    /** Continues on the request's context once {@code stage} completes; a failure goes to the error handlers. */
    private static <T> void then(RoutingContext context, CompletionStage<T> stage, Consumer<T> next) {
        Context loop = Vertx.currentContext();
        stage.whenComplete((value, error) -> loop.runOnContext(v -> {
            if (context.response().ended() || context.response().closed()) {
                return;
            }
            if (error != null) {
                context.fail(500, error);
                return;
            }
            try {
                next.accept(value);
            } catch (RuntimeException e) {
                context.fail(500, e);
            }
        }));
    }

    private static void json(RoutingContext context, int status, String body) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}
