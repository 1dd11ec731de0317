package io.smsgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a YAML tree onto records, component by component: {@code maxOutstanding} reads key {@code max-outstanding};
 * a missing key takes the value of the enclosing default ({@code DEFAULTS} of the record, or of its parent); an
 * unknown key, a wrong type or a value its record refuses fails with the dotted key.
 *
 * <p>Scalars: String, int, long, double, boolean, {@link Duration}, {@link DataSize}, {@link Path}, enums (kebab-case
 * names), and any type with a static {@code parse(String)} or {@code valueOf(String)} factory. Containers:
 * {@code Optional<T>}, {@code List<T>}, {@code Set<T>}, {@code Map<String, T>}, and records.
 */
final class RecordBinder {

    private static final Pattern EXPECTED = Pattern.compile(".*?\\(expected: (.*)\\)");
    private static final Pattern RELATIVE_KEY = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final Map<String, String> sources;

    /** @param sources dotted key → the environment variable that set it, named in errors */
    RecordBinder(Map<String, String> sources) {
        this.sources = sources;
    }

    <T extends Record> T bindRoot(JsonNode root, Class<T> type) {
        return type.cast(bind(root, type, "", defaults(type)));
    }

    private Object bind(JsonNode node, Type type, String path, Optional<?> fallback) {
        Class<?> raw = raw(type);
        boolean absent = node == null || node.isMissingNode();
        if (raw == Optional.class) {
            if (absent) {
                return fallback.isPresent() ? fallback.get() : Optional.empty();
            }
            if (node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
                return Optional.empty();
            }
            Optional<?> inner = fallback.flatMap(value -> (Optional<?>) value);
            return Optional.of(bind(node, argument(type, 0), path, inner));
        }
        if (absent) {
            if (fallback.isPresent()) {
                return fallback.get();
            }
            if (raw == List.class) {
                return List.of();
            }
            if (raw == Set.class) {
                return Set.of();
            }
            if (raw == Map.class) {
                return Map.of();
            }
            if (raw.isRecord() && !isScalar(raw)) {
                return bindRecord(MissingNode.getInstance(), raw, path, defaults(raw));
            }
            throw error(path, "missing", expectation(raw));
        }
        if (raw.isRecord() && !isScalar(raw)) {
            return bindRecord(node, raw, path, fallback.isPresent() ? fallback : defaults(raw));
        }
        if (raw == List.class || raw == Set.class) {
            if (!node.isArray()) {
                throw error(path, render(node), "a list");
            }
            List<Object> values = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                Type element = argument(type, 0);
                values.add(bind(node.get(i), element, path + "[" + i + "]", defaults(raw(element))));
            }
            // A set written twice over is still one set: duplicates collapse rather than fail.
            return raw == Set.class ? Set.copyOf(values) : Collections.unmodifiableList(values);
        }
        if (raw == Map.class) {
            if (!node.isObject()) {
                throw error(path, render(node), "a mapping");
            }
            if (raw(argument(type, 0)) != String.class) {
                throw new IllegalStateException(path + ": map keys must be String, not " + argument(type, 0));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            Type valueType = argument(type, 1);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.put(field.getKey(), bind(field.getValue(), valueType, join(path, field.getKey()),
                        defaults(raw(valueType))));
            }
            return Collections.unmodifiableMap(values);
        }
        return scalar(node, raw, path);
    }

    private Object bindRecord(JsonNode node, Class<?> type, String path, Optional<?> fallback) {
        if (!node.isMissingNode() && !node.isObject()) {
            throw error(path, render(node), "a mapping");
        }
        RecordComponent[] components = type.getRecordComponents();
        Set<String> keys = new TreeSet<>();
        for (RecordComponent component : components) {
            keys.add(key(component.getName()));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw error(join(path, name), "unknown key", "one of " + String.join(", ", keys));
            }
        }
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String key = key(component.getName());
            Optional<?> componentDefault = fallback.map(value -> read(component, value));
            arguments[i] = bind(node.get(key), component.getGenericType(), join(path, key), componentDefault);
            types[i] = component.getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException configException) {
                throw configException;
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                // Records name their own key ("store.pool-size: 1 (expected: 2..200)"); a record inside a list
                // cannot know its index, so say where it was.
                String message = String.valueOf(cause.getMessage());
                if (!path.isEmpty() && !message.startsWith(path)) {
                    message = located(message, path, keys).orElse(message + " (at " + path + ")");
                }
                throw new ConfigException(message + sourcesUnder(path), cause);
            }
            throw new IllegalStateException("construct " + type.getName() + " at " + path, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("construct " + type.getName() + " at " + path, e);
        }
    }

    /**
     * A record inside a list names its key without the index, relative to itself ({@code binds.window: 0} at
     * {@code carriers[0].binds[0]}) or from the top ({@code compliance.quiet-hours.zone} at
     * {@code compliance.quiet-hours[0]}): the message with the key as the file has it
     * ({@code carriers[0].binds[0].window: 0}), when the key's tail is one of the record's own {@code keys}.
     */
    static Optional<String> located(String message, String path, Set<String> keys) {
        int colon = message.indexOf(": ");
        if (colon < 0 || !RELATIVE_KEY.matcher(message.substring(0, colon)).matches()) {
            return Optional.empty();
        }
        List<String> key = List.of(message.substring(0, colon).split("\\."));
        List<String> levels = List.of(INDEX.matcher(path).replaceAll("").split("\\."));
        for (int shared = Math.min(key.size() - 1, levels.size()); shared >= 0; shared--) {
            if (key.subList(0, shared).equals(levels.subList(levels.size() - shared, levels.size()))
                    && keys.contains(key.get(shared))) {
                return Optional.of(path + "." + String.join(".", key.subList(shared, key.size()))
                        + message.substring(colon));
            }
        }
        return Optional.empty();
    }

    private Object scalar(JsonNode node, Class<?> type, String path) {
        if (!node.isValueNode() || node.isNull()) {
            throw error(path, render(node), expectation(type));
        }
        String text = node.asText();
        try {
            if (type == String.class) {
                return text;
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text.trim());
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text.trim());
            }
            if (type == double.class || type == Double.class) {
                double value = Double.parseDouble(text.trim());
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(expectation(type));
                }
                return value;
            }
            if (type == boolean.class || type == Boolean.class) {
                return switch (text.trim()) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException(expectation(type));
                };
            }
            if (type == Duration.class) {
                return ConfigDurations.parse(text);
            }
            if (type == DataSize.class) {
                return DataSize.parse(text);
            }
            if (type == Path.class) {
                return Path.of(text);
            }
            if (type.isEnum()) {
                return enumConstant(type, text);
            }
            return factory(type).invoke(null, text);
        } catch (NumberFormatException | InvalidPathException e) {
            throw error(path, text, expectation(type));
        } catch (IllegalArgumentException e) {
            throw error(path, text, expectationIn(e.getMessage(), type));
        } catch (InvocationTargetException e) {
            throw error(path, text, expectationIn(e.getCause().getMessage(), type));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("call " + type.getName() + " factory for " + path, e);
        }
    }

    // A factory's message is either the expectation itself or "name: value (expected: …)": keep the expectation.
    private static String expectationIn(String message, Class<?> type) {
        if (message == null || message.isBlank()) {
            return expectation(type);
        }
        Matcher matcher = EXPECTED.matcher(message);
        return matcher.matches() ? matcher.group(1) : message;
    }

    private static Object enumConstant(Class<?> type, String text) {
        StringJoiner names = new StringJoiner(", ", "one of ", "");
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (name.equals(text.trim())) {
                return constant;
            }
            names.add(name);
        }
        throw new IllegalArgumentException(names.toString());
    }

    // A value record written as one string in YAML (DataSize "64KiB", CommandStatus "ESME_RTHROTTLED").
    private static boolean isScalar(Class<?> type) {
        return type == DataSize.class || factoryMethod(type).isPresent();
    }

    private static Method factory(Class<?> type) {
        return factoryMethod(type).orElseThrow(() -> new IllegalStateException(type.getName()
                + " cannot be configured: no record, no known scalar, no static parse(String) or valueOf(String)"));
    }

    private static Optional<Method> factoryMethod(Class<?> type) {
        for (String name : List.of("parse", "valueOf")) {
            try {
                Method method = type.getMethod(name, String.class);
                if (Modifier.isStatic(method.getModifiers()) && type.isAssignableFrom(method.getReturnType())) {
                    return Optional.of(method);
                }
            } catch (NoSuchMethodException e) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    private static String expectation(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return ConfigDurations.EXPECTATION;
        }
        if (type == DataSize.class) {
            return DataSize.EXPECTATION;
        }
        if (type == Path.class) {
            return "a file path";
        }
        if ((type.isRecord() && !isScalar(type)) || type == Map.class) {
            return "a mapping";
        }
        if (type == List.class) {
            return "a list";
        }
        return "a " + (type == String.class ? "text" : type.getSimpleName()) + " value";
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("read " + component, e);
        }
    }

    /** The record's {@code public static final DEFAULTS}, if it declares one of its own type. */
    static Optional<Object> defaults(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        try {
            java.lang.reflect.Field field = type.getDeclaredField("DEFAULTS");
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != type) {
                return Optional.empty();
            }
            field.setAccessible(true);
            return Optional.of(field.get(null));
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("read " + type.getName() + ".DEFAULTS", e);
        }
    }

    /** {@code maxOutstanding} → {@code max-outstanding}. */
    static String key(String componentName) {
        StringBuilder key = new StringBuilder(componentName.length() + 4);
        for (int i = 0; i < componentName.length(); i++) {
            char c = componentName.charAt(i);
            if (Character.isUpperCase(c)) {
                key.append('-').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported configuration type " + type);
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalStateException("raw container type " + type + " (expected: a type argument)");
    }

    private static String render(JsonNode node) {
        if (node.isObject()) {
            return "{…}";
        }
        if (node.isArray()) {
            return "[…]";
        }
        return node.isNull() ? "null" : node.asText();
    }

    private ConfigException error(String path, String value, String expectation) {
        return new ConfigException(path + ": " + value + " (expected: " + expectation + ")" + source(path));
    }

    // A record refused a combination of values: name every variable that set one of them.
    private String sourcesUnder(String path) {
        StringJoiner variables = new StringJoiner(", ", " [from environment variable ", "]").setEmptyValue("");
        sources.forEach((key, variable) -> {
            if (path.isEmpty() || key.equals(path) || key.startsWith(path + ".") || key.startsWith(path + "[")) {
                variables.add(variable);
            }
        });
        return variables.toString();
    }

    private String source(String path) {
        String variable = sources.get(path);
        return variable == null ? "" : " [from environment variable " + variable + "]";
    }
}
