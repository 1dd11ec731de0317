package io.smsgate.simulator.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a parsed YAML file together with its dotted key path, so that every error names the key
 * ({@code carriers[0].behaviour.latency.median: "5 parsecs" (expected: a duration such as 250ms, 5s, 2m)}).
 *
 * <p>Keys are kebab-case. Unknown keys are rejected: an operator's typo must fail at start-up, not be ignored.
 */
public final class ConfigNode {
    /** Duplicate keys fail: YAML 1.2 §3.2.1.1 requires unique keys, and "last one wins" hides a typo. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h|d)");

    private final String path;
    private final JsonNode node;

    private ConfigNode(String path, JsonNode node) {
        this.path = requireNonNull(path, "path");
        this.node = requireNonNull(node, "node");
    }

    /** Parses YAML text; the root's path is {@code rootPath} (empty for a file's top level). */
    public static ConfigNode parse(String yaml, String rootPath) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            return new ConfigNode(rootPath, tree == null ? MissingNode.getInstance() : tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (e.getOriginalMessage().startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
                throw duplicateKey(rootPath, parser, e);
            }
            throw new ConfigException((rootPath.isEmpty() ? "yaml" : rootPath) + ": not valid YAML: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Names the repeated key by its dotted path and line: {@code carriers[0].port: duplicate key (line 9)}. */
    private static ConfigException duplicateKey(String rootPath, JsonParser parser,
            com.fasterxml.jackson.core.JsonProcessingException e) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            segments.add(0, context.inArray() ? "[" + context.getCurrentIndex() + "]"
                    : String.valueOf(context.getCurrentName()));
        }
        StringBuilder path = new StringBuilder(rootPath);
        for (String segment : segments) {
            if (!segment.startsWith("[") && path.length() > 0) {
                path.append('.');
            }
            path.append(segment);
        }
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        return new ConfigException(path + ": duplicate key" + (line > 0 ? " (line " + line + ")" : "")
                + " (expected: each key once per mapping)", e);
    }

    /** Reads and parses a YAML file; errors start with the file name. */
    public static ConfigNode read(Path file) {
        try {
            return parse(Files.readString(file), "");
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("read " + file, e);
        }
    }

    /** Wraps an already parsed tree (the control API's JSON bodies). */
    public static ConfigNode of(JsonNode tree, String rootPath) {
        return new ConfigNode(rootPath, tree);
    }

    /** An empty mapping at the given path: every getter returns its fallback. */
    public static ConfigNode empty(String path) {
        return new ConfigNode(path, MissingNode.getInstance());
    }

    public String path() {
        return path;
    }

    public JsonNode tree() {
        return node;
    }

    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** Fails naming the first key that is not in {@code allowed}. */
    public ConfigNode requireKeys(Set<String> allowed) {
        if (isMissing()) {
            return this;
        }
        if (!node.isObject()) {
            throw error("expected: a mapping of " + new java.util.TreeSet<>(allowed));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(child(name) + ": unknown key (expected one of: "
                        + new java.util.TreeSet<>(allowed) + ")");
            }
        }
        return this;
    }

    public ConfigNode get(String key) {
        JsonNode value = node.isObject() ? node.get(key) : null;
        return new ConfigNode(child(key), value == null ? MissingNode.getInstance() : value);
    }

    public List<ConfigNode> list(String key) {
        ConfigNode value = get(key);
        if (value.isMissing()) {
            return List.of();
        }
        if (!value.node.isArray()) {
            throw value.error("expected: a list");
        }
        List<ConfigNode> items = new ArrayList<>(value.node.size());
        for (int i = 0; i < value.node.size(); i++) {
            items.add(new ConfigNode(value.path + "[" + i + "]", value.node.get(i)));
        }
        return items;
    }

    /** The entries of a mapping, in file order. */
    public List<ConfigNode> entries() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw error("expected: a mapping");
        }
        List<ConfigNode> entries = new ArrayList<>(node.size());
        node.fieldNames().forEachRemaining(name -> entries.add(get(name)));
        return entries;
    }

    /** The last segment of this node's path (the key of a mapping entry). */
    public String key() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    public String text(String key, String fallback) {
        return get(key).asText().orElse(fallback);
    }

    public Optional<String> text(String key) {
        return get(key).asText();
    }

    public String requiredText(String key) {
        return get(key).asText().orElseThrow(() -> new ConfigException(child(key) + ": missing (expected: a value)"));
    }

    public Optional<String> asText() {
        if (isMissing()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw error("expected: a single value");
        }
        return Optional.of(node.asText());
    }

    public boolean bool(String key, boolean fallback) {
        ConfigNode value = get(key);
        if (value.isMissing()) {
            return fallback;
        }
        if (!value.node.isBoolean()) {
            throw value.error("expected: true or false");
        }
        return value.node.booleanValue();
    }

    public long longValue(String key, long fallback) {
        ConfigNode value = get(key);
        if (value.isMissing()) {
            return fallback;
        }
        if (value.node.isIntegralNumber() && value.node.canConvertToLong()) {
            return value.node.longValue();
        }
        throw value.error("expected: a whole number");
    }

    public int intValue(String key, int fallback) {
        long value = longValue(key, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw get(key).error("expected: a 32-bit whole number");
        }
        return (int) value;
    }

    public double doubleValue(String key, double fallback) {
        ConfigNode value = get(key);
        if (value.isMissing()) {
            return fallback;
        }
        if (value.node.isNumber()) {
            return value.node.doubleValue();
        }
        throw value.error("expected: a number");
    }

    /** A fraction in [0, 1]; also accepts a percentage string such as {@code "2.5%"}. */
    public double fraction(String key, double fallback) {
        ConfigNode value = get(key);
        if (value.isMissing()) {
            return fallback;
        }
        double fraction;
        if (value.node.isNumber()) {
            fraction = value.node.doubleValue();
        } else if (value.node.isTextual() && value.node.asText().trim().endsWith("%")) {
            String number = value.node.asText().trim();
            try {
                fraction = Double.parseDouble(number.substring(0, number.length() - 1).trim()) / 100.0;
            } catch (NumberFormatException e) {
                throw value.error("expected: a fraction such as 0.01 or 1%");
            }
        } else {
            throw value.error("expected: a fraction such as 0.01 or 1%");
        }
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw value.error("expected: between 0 and 1");
        }
        return fraction;
    }

    /**
     * An SMPP command_status: a number ({@code 88}), a hex string ({@code 0x58}) or a name from
     * {@link StatusNames} ({@code ESME_RTHROTTLED}).
     */
    public int commandStatus(String key, int fallback) {
        ConfigNode value = get(key);
        if (value.isMissing()) {
            return fallback;
        }
        if (value.node.isIntegralNumber()) {
            long number = value.node.longValue();
            if (number < 0 || number > 0xFFFF_FFFFL) {
                throw value.error("expected: a command_status between 0 and 0xFFFFFFFF");
            }
            return (int) number;
        }
        String textValue = value.node.asText().trim();
        if (textValue.startsWith("0x") || textValue.startsWith("0X")) {
            try {
                return (int) Long.parseLong(textValue.substring(2), 16);
            } catch (NumberFormatException e) {
                throw value.error("expected: a hexadecimal command_status such as 0x58");
            }
        }
        return StatusNames.code(textValue)
                .orElseThrow(() -> value.error("expected: a command_status number, 0x… or a name such as ESME_RTHROTTLED"));
    }

    public Duration duration(String key, Duration fallback) {
        ConfigNode value = get(key);
        return value.isMissing() ? fallback : value.asDuration();
    }

    /** A duration with a unit: {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 500us}. */
    public Duration asDuration() {
        String textValue = asText().orElseThrow(() -> error("missing (expected: a duration such as 250ms, 5s, 2m)"));
        Matcher matcher = DURATION.matcher(textValue.trim());
        if (!matcher.matches()) {
            throw error("expected: a duration with a unit such as 250ms, 5s, 2m");
        }
        double amount = Double.parseDouble(matcher.group(1));
        double nanosPerUnit = switch (matcher.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86_400e9;
            default -> throw error("expected: a duration unit ns, us, ms, s, m, h or d");
        };
        double nanos = amount * nanosPerUnit;
        if (nanos > Long.MAX_VALUE) {
            throw error("expected: a duration shorter than 292 years");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Deep-merges {@code patch} over this mapping (patch wins); used for timed scenario events. */
    public ConfigNode mergedWith(ConfigNode patch) {
        if (isMissing() || !node.isObject()) {
            return new ConfigNode(path, patch.node.deepCopy());
        }
        ObjectNode merged = ((ObjectNode) node).deepCopy();
        merge(merged, patch.node);
        return new ConfigNode(path, merged);
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return;
        }
        patch.fields().forEachRemaining(entry -> {
            JsonNode existing = target.get(entry.getKey());
            // A mapping that names a new latency distribution replaces the old one whole; any other
            // mapping is merged key by key.
            if (existing != null && existing.isObject() && entry.getValue().isObject()
                    && !entry.getValue().has("distribution")) {
                merge((ObjectNode) existing, entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
    }

    public ConfigException error(String expectation) {
        String shown = isMissing() ? "missing" : node.isValueNode() ? "\"" + node.asText() + "\"" : node.toString();
        return new ConfigException(path + ": " + shown + " (" + expectation + ")");
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @Override
    public String toString() {
        return path + "=" + node;
    }
}
