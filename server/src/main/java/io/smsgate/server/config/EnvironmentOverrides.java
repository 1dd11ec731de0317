package io.smsgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Environment variables that override configuration keys: {@code SMSGATE__} then the dotted key with {@code __}
 * between levels, {@code _} for each hyphen, upper case. {@code SMSGATE__STORE__POOL_SIZE=16} sets
 * {@code store.pool-size}; {@code SMSGATE__ADMIN__TLS__CERT_PATH} sets {@code admin.tls.cert-path}; a number as a
 * level is a list index ({@code SMSGATE__CARRIERS__0__PORT} → {@code carriers[0].port}). The value is taken as text
 * and converted like the YAML value it replaces; an empty value clears an optional key.
 *
 * <p>Unambiguous because keys are kebab-case: a single underscore is always a hyphen, a double one a level.
 */
final class EnvironmentOverrides {

    static final String PREFIX = "SMSGATE__";
    private static final Pattern VARIABLE = Pattern.compile("SMSGATE__[A-Z0-9]+(_[A-Z0-9]+)*(__[A-Z0-9]+(_[A-Z0-9]+)*)*");

    private EnvironmentOverrides() {
    }

    /**
     * Applies every {@code SMSGATE__*} variable to {@code root} (in sorted order) and returns dotted key → variable,
     * so that errors can name the variable that set a bad value.
     */
    static Map<String, String> apply(ObjectNode root, Map<String, String> environment) {
        Map<String, String> sources = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
            String variable = entry.getKey();
            if (!variable.startsWith(PREFIX)) {
                continue;
            }
            if (!VARIABLE.matcher(variable).matches()) {
                throw new ConfigException(variable + ": not a configuration key (expected: SMSGATE__ then "
                        + "upper-case key levels separated by __, e.g. SMSGATE__STORE__POOL_SIZE)");
            }
            String[] levels = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-')
                    .split("--");
            sources.put(set(root, levels, entry.getValue(), variable), variable);
        }
        return sources;
    }

    private static String set(ObjectNode root, String[] levels, String value, String variable) {
        JsonNode container = root;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean last = i == levels.length - 1;
            boolean index = level.chars().allMatch(Character::isDigit);
            if (index) {
                if (!(container instanceof ArrayNode array) || Integer.parseInt(level) >= array.size()) {
                    throw new ConfigException(path + "[" + level + "]: no such list element (expected: an index "
                            + "into a list the file defines) [from environment variable " + variable + "]");
                }
                path.append('[').append(level).append(']');
                int position = Integer.parseInt(level);
                if (last) {
                    array.set(position, TextNode.valueOf(value));
                } else {
                    container = ensureObject(array.get(position), path, variable);
                }
                continue;
            }
            if (!(container instanceof ObjectNode object)) {
                throw new ConfigException(path + ": a list (expected: an index level in " + variable + ")");
            }
            path.append(path.length() == 0 ? "" : ".").append(level);
            if (last) {
                object.set(level, TextNode.valueOf(value));
            } else {
                JsonNode child = object.get(level);
                if (child == null || child.isNull()) {
                    child = object.putObject(level);
                }
                container = child.isArray() ? child : ensureObject(child, path, variable);
            }
        }
        return path.toString();
    }

    private static JsonNode ensureObject(JsonNode node, CharSequence path, String variable) {
        if (node.isObject() || node.isArray()) {
            return node;
        }
        throw new ConfigException(path + ": " + node.asText() + " (expected: a mapping, since " + variable
                + " sets a key below it)");
    }

    static ObjectNode emptyRoot() {
        return JsonNodeFactory.instance.objectNode();
    }
}
