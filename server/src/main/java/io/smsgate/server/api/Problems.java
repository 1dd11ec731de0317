package io.smsgate.server.api;

import io.smsgate.routing.RoutePlan;
import io.smsgate.server.http.Problem;
import io.smsgate.server.routing.RouteRejections;
import java.util.Locale;

/** The API's problems, one factory per stable code (the contract's Problem.code enum lists them all). */
final class Problems {

    private Problems() {
    }

    static Problem malformedJson(String reason) {
        return Problem.of(400, "malformed_json", "Malformed JSON", "the body is not valid JSON: " + reason);
    }

    static Problem invalidField(String field, String detail) {
        return Problem.of(400, "invalid_field", "Invalid Field", detail).withField(field);
    }

    static Problem missingField(String field) {
        return Problem.of(400, "missing_field", "Missing Field", field + ": missing (expected: present)")
                .withField(field);
    }

    static Problem unknownField(String field) {
        return Problem.of(400, "unknown_field", "Unknown Field", field + ": not a member of this request "
                + "(expected: only the members the contract names)").withField(field);
    }

    static Problem unsupportedMediaType(String contentType) {
        return Problem.of(415, "unsupported_media_type", "Unsupported Media Type", "content-type: '" + contentType
                + "' (expected: application/json)").withField("Content-Type");
    }

    static Problem bodyTooLarge(long limit) {
        return Problem.of(413, "body_too_large", "Content Too Large", "body larger than " + limit
                + " bytes (api.max-body-size)");
    }

    static Problem unauthorized() {
        return Problem.of(401, "unauthorized", "Unauthorized",
                "a live API key is required: Authorization: Bearer sk_…").withField("Authorization");
    }

    static Problem notFound(String what) {
        return Problem.of(404, "not_found", "Not Found", what);
    }

    static Problem methodNotAllowed(String method, String path) {
        return Problem.of(405, "method_not_allowed", "Method Not Allowed", method + " is not allowed on " + path);
    }

    static Problem idempotencyKeyReused() {
        return Problem.of(422, "idempotency_key_reused", "Idempotency Key Reused",
                "this Idempotency-Key was used with a different body (expected: the same body, or a new key)")
                .withField("Idempotency-Key");
    }

    static Problem idempotencyInProgress() {
        return Problem.of(409, "idempotency_in_progress", "Request In Progress",
                "a request with this Idempotency-Key is still being stored; retry shortly")
                .withField("Idempotency-Key");
    }

    static Problem mediaUnsupported() {
        return Problem.of(422, "media_unsupported", "Media Unsupported",
                "media: MMS is not supported yet (expected: text only)").withField("media");
    }

    static Problem textNotEncodable(String detail) {
        return Problem.of(422, "text_not_encodable", "Text Not Encodable", detail).withField("text");
    }

    static Problem invalidSchedule(String field, String detail) {
        return Problem.of(422, "invalid_schedule", "Invalid Schedule", detail).withField(field);
    }

    /** The recipient sent STOP (or was imported as opted out): permanent, nothing stored or charged (issue #6). */
    static Problem recipientOptedOut(String detail) {
        return Problem.of(422, "recipient_opted_out", "Recipient Opted Out", detail).withField("to");
    }

    static Problem rateLimited(String scope) {
        return Problem.of(429, "rate_limited", "Too Many Requests", "rate limit of this " + scope
                + " reached; retry after the Retry-After seconds");
    }

    static Problem throttled() {
        return Problem.of(429, "throttled", "Too Many Requests",
                "the carriers' queues are full; retry after the Retry-After seconds");
    }

    static Problem storeOverloaded() {
        return Problem.of(503, "store_overloaded", "Service Unavailable",
                "the store cannot take more now; nothing was stored; retry after the Retry-After seconds");
    }

    // A failed commit may have reached the database before the connection broke: say so, and point at the key that
    // makes the retry safe.
    static Problem storeUnavailable() {
        return Problem.of(503, "store_unavailable", "Service Unavailable",
                "the store failed while committing; the message may or may not be stored: retry after the Retry-After"
                        + " seconds with the same Idempotency-Key");
    }

    static Problem stopping() {
        return Problem.of(503, "stopping", "Service Unavailable", "the server is stopping; nothing was stored");
    }

    /** The router refuses the message: status by {@link RouteRejections}, code the reason's name. */
    static Problem routeRefused(RoutePlan.Reason reason, String detail) {
        Problem problem = Problem.of(RouteRejections.httpStatus(reason), reason.name().toLowerCase(Locale.ROOT),
                "Route Refused", detail);
        return switch (reason) {
            case SENDER_NOT_ALLOWED -> problem.withField("from");
            case INVALID_DESTINATION, NO_ROUTE, BLOCKED, ABOVE_PRICE -> problem.withField("to");
            case UNKNOWN_ACCOUNT, ROUTES_UNAVAILABLE, ROUTES_EXHAUSTED, ROUTE_WAIT_EXPIRED, RESPONSE_TIMEOUT,
                 MESSAGE_REFUSED -> problem;
        };
    }

    static Problem webhooksOff() {
        return Problem.of(503, "webhooks_off", "Service Unavailable",
                "webhook delivery is off on this server (webhooks.master-key is not set)");
    }

    static Problem internal() {
        // Never the exception's message: it may carry internals. The log has it.
        return Problem.of(500, "internal", "Internal Server Error", "the error is logged on the server");
    }
}
