package io.smsgate.server.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * An HTTP error as RFC 9457 problem details ({@code application/problem+json}); every error response of the admin
 * listener is built here. {@code type} is {@code about:blank}: the status code says it all (RFC 9457 §4.2.1).
 */
public record Problem(int status, String title, String detail) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        requireNonNull(title, "title");
        requireNonNull(detail, "detail");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400..599)");
        }
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

    String toJson() {
        return new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .encode();
    }
}
