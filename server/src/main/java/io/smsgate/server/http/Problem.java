package io.smsgate.server.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP error as RFC 9457 problem details ({@code application/problem+json}); every error response of the admin
 * listener and of the HTTP send API is built here. Without a {@code code}, {@code type} is {@code about:blank}: the
 * status code says it all (RFC 9457 §4.2.1). With one, {@code type} is {@code urn:smsgate:problem:<code>} and the
 * extension members {@code code} (stable, for programs) and {@code field} (the request member at fault, when one
 * is) are added (RFC 9457 §3.2).
 */
public record Problem(int status, String title, String detail, Optional<String> code, Optional<String> field) {

    public static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:smsgate:problem:";

    public Problem {
        requireNonNull(title, "title");
        requireNonNull(detail, "detail");
        requireNonNull(code, "code");
        requireNonNull(field, "field");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400..599)");
        }
        if (code.isPresent() && !code.get().matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("code: '" + code.get() + "' (expected: snake_case, e.g. rate_limited)");
        }
    }

    /** A problem without a code, {@code type} {@code about:blank}. */
    public Problem(int status, String title, String detail) {
        this(status, title, detail, Optional.empty(), Optional.empty());
    }

    /** A problem with a stable {@code code}. */
    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(status, title, detail, Optional.of(code), Optional.empty());
    }

    /** The same problem naming the request member at fault (a JSON member, a query parameter or a header). */
    public Problem withField(String newField) {
        return new Problem(status, title, detail, code, Optional.of(newField));
    }

    /** {@code type}: {@code urn:smsgate:problem:<code>}, or {@code about:blank} without a code. */
    public String type() {
        return code.map(c -> TYPE_PREFIX + c).orElse("about:blank");
    }

    static Problem notFound(String path) {
        return new Problem(404, "Not Found", "no resource at " + path);
    }

    static Problem methodNotAllowed(String method, String path) {
        return new Problem(405, "Method Not Allowed", method + " is not allowed on " + path + " (allowed: GET)");
    }

    static Problem tooLarge(long limit) {
        return new Problem(413, "Content Too Large", "request larger than " + limit + " bytes (admin.max-request-size)");
    }

    static Problem internal() {
        // Never the exception's message: it may carry internals. The log has it.
        return new Problem(500, "Internal Server Error", "the error is logged on the server");
    }

    static Problem status(int status, String title) {
        return new Problem(status, title, title.toLowerCase(Locale.ROOT));
    }

    /** The {@code application/problem+json} body. */
    public String toJson() {
        JsonObject json = new JsonObject()
                .put("type", type())
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        code.ifPresent(c -> json.put("code", c));
        field.ifPresent(f -> json.put("field", f));
        return json.encode();
    }
}
