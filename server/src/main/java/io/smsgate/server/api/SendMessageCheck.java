package io.smsgate.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

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

    // The patterns of the contract's Recipient and Sender schemas, character for character.
    static final String RECIPIENT = "^\\+?[1-9][0-9]{5,14}$";
    static final String SENDER = "^(\\+?[0-9]{3,15}|[A-Za-z0-9 .&_-]{1,11})$";
    private static final Pattern RECIPIENT_PATTERN = Pattern.compile(RECIPIENT);
    private static final Pattern SENDER_PATTERN = Pattern.compile(SENDER);

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
                case "to" -> value instanceof String s && RECIPIENT_PATTERN.matcher(s).matches();
                case "from" -> value instanceof String s && SENDER_PATTERN.matcher(s).matches();
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
