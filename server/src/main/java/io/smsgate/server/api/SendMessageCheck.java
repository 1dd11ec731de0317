package io.smsgate.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The contract's {@code SendMessage} schema (POST /v1/messages, {@code openapi/smsgate-api.yaml}) written out by
 * hand: true only for a body the contract validator certainly accepts. Anything else, including a body this check
 * cannot be sure of (a number with a fraction part, a member with a {@code format}), goes on to the contract
 * validator, which gives the answer; so the contract stays the one truth and {@code SendMessageCheckTest} holds this
 * check to it body by body. Keywords are read as Vert.x JSON Schema reads them, or more strictly: lengths in code
 * points; a pattern must match the whole value (Vert.x finds it, and Java's {@code $} also matches before a final
 * line break, so a value ending in one is left to the contract validator).
 */
final class SendMessageCheck implements Predicate<Object> {

    static final String OPERATION = "sendMessage";
    static final Set<String> REQUIRED = Set.of("to", "from", "text");
    static final Set<String> PROPERTIES = Set.of("to", "from", "text", "media", "status_callback", "validity_period",
            "send_at", "client_reference", "smart_encoding");

    // The patterns of the contract's Recipient and Sender schemas, character for character; recipient() and
    // sender() match them by hand (a Matcher per member was a tenth of what a request allocated), and
    // SendMessageCheckTest holds each to its pattern value by value.
    static final String RECIPIENT = "^\\+?[1-9][0-9]{5,14}$";
    static final String SENDER = "^(\\+?[0-9]{3,15}|[A-Za-z0-9 .&_-]{1,11})$";

    @Override
    public boolean test(Object body) {
        if (!(body instanceof JsonObject object) || object.size() > PROPERTIES.size()) {
            return false;
        }
        int required = 0;
        for (Map.Entry<String, Object> member : object) {
            String name = member.getKey();
            Object value = member.getValue();
            boolean valid = switch (name) {
                case "to" -> value instanceof String s && recipient(s);
                case "from" -> value instanceof String s && sender(s);
                case "text" -> value instanceof String s && length(s, 1, 1600);
                case "media" -> media(value);
                case "validity_period" -> (value instanceof Integer || value instanceof Long)
                        && ((Number) value).longValue() >= 60 && ((Number) value).longValue() <= 604_800;
                case "client_reference" -> value instanceof String s && length(s, 1, 128);
                case "smart_encoding" -> value instanceof Boolean;
                // status_callback (format uri) and send_at (format date-time): the contract validator decides.
                default -> false;
            };
            if (!valid) {
                return false;
            }
            if (REQUIRED.contains(name)) {
                required++;
            }
        }
        return required == REQUIRED.size();
    }

    /** Whether the whole of {@code text} matches {@link #RECIPIENT}: an optional '+', then 6 to 15 digits, not 0 first. */
    static boolean recipient(String text) {
        int start = !text.isEmpty() && text.charAt(0) == '+' ? 1 : 0;
        int digits = text.length() - start;
        return digits >= 6 && digits <= 15 && text.charAt(start) != '0' && allDigits(text, start);
    }

    /**
     * Whether the whole of {@code text} matches {@link #SENDER}: an optional '+' and 3 to 15 digits, or 1 to 11 of
     * letters, digits, space, '.', '&amp;', '_' and '-'.
     */
    static boolean sender(String text) {
        int start = !text.isEmpty() && text.charAt(0) == '+' ? 1 : 0;
        int digits = text.length() - start;
        if (digits >= 3 && digits <= 15 && allDigits(text, start)) {
            return true;
        }
        if (text.isEmpty() || text.length() > 11) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == ' ' || c == '.' || c == '&' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean media(Object value) {
        if (!(value instanceof JsonArray array)) {
            return false;
        }
        for (Object item : array) {
            if (!(item instanceof String s) || !length(s, 0, 2048)) {
                return false;
            }
        }
        return true;
    }

    // JSON Schema counts characters (code points), not UTF-16 units: an emoji is one.
    private static boolean length(String text, int min, int max) {
        if (text.length() < min) {
            return false;
        }
        int units = text.length();
        if (units <= max) {
            return text.codePointCount(0, units) >= min;
        }
        int points = text.codePointCount(0, units);
        return points >= min && points <= max;
    }
}
