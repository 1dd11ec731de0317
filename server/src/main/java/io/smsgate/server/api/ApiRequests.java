package io.smsgate.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads validated request members into values, checking what the schema cannot (real times, URL hosts). */
final class ApiRequests {

    private ApiRequests() {
    }

    static SendRequest sendRequest(JsonObject body) {
        Optional<Long> validity = Optional.ofNullable(body.getLong("validity_period"));
        return new SendRequest(body.getString("to"), body.getString("from"), body.getString("text"),
                body.containsKey("media"), optional(body, "status_callback").map(url -> callbackUrl("status_callback",
                url)), validity.map(Duration::ofSeconds), optional(body, "send_at").map(t -> time("send_at", t)),
                optional(body, "client_reference"), body.getBoolean("smart_encoding", false));
    }

    /** An RFC 3339 date-time with an offset, e.g. {@code 2026-11-21T10:00:00Z}. */
    static Instant time(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problems.invalidField(field, field + ": '" + text
                    + "' (expected: an RFC 3339 date-time with an offset, e.g. 2026-11-21T10:00:00Z)"));
        }
    }

    /** An absolute http(s) URL with a host; where it may point is the webhook fetcher's check at delivery. */
    static String callbackUrl(String field, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // Reported below with the expectation.
        }
        throw new ProblemException(Problems.invalidField(field, field + ": '" + text
                + "' (expected: an absolute http or https URL with a host and no user info)"));
    }

    /**
     * A number in a path or query value as stored (digits, no '+'): "%2B447…" arrives as "+447…", and an unencoded
     * "+447…" as " 447…" (URL query encoding reads '+' as a space, RFC 1866 §8.2.1, and Vert.x OpenAPI decodes
     * path segments the same way); a number has no spaces, so either leading character is the client's '+'.
     * Anything else (an alphanumeric sender id) is kept as it is.
     */
    static String number(String value) {
        boolean prefixed = !value.isEmpty() && (value.charAt(0) == '+' || value.charAt(0) == ' ');
        String rest = prefixed ? value.substring(1) : value;
        return prefixed && !rest.isEmpty() && rest.chars().allMatch(c -> c >= '0' && c <= '9') ? rest : value;
    }

    static Optional<String> optional(JsonObject body, String member) {
        Object value = body.getValue(member);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * SHA-256 of the body with object members in name order: the same request written with its members in
     * another order or other spacing is the same request for Idempotency-Key.
     */
    static byte[] canonicalHash(JsonObject body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    canonical(body).toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static Object canonical(Object value) {
        if (value instanceof JsonObject object) {
            Map<String, Object> sorted = new TreeMap<>();
            object.forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
            return new JsonObject(sorted).encode();
        }
        if (value instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(element -> copy.add(canonical(element)));
            return copy.encode();
        }
        return value == null ? "null" : JsonObject.of("v", value).encode();
    }
}
