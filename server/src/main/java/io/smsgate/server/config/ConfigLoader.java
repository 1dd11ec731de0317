package io.smsgate.server.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a YAML file into a validated configuration record: kebab-case keys, durations and sizes with units,
 * defaults from the records' {@code DEFAULTS}, environment overrides ({@link EnvironmentOverrides}:
 * {@code SMSGATE__SMPP__SESSION__MAX_INBOUND_PENDING=500} sets {@code smpp.session.max-inbound-pending}), unknown keys
 * refused. Every failure is a {@link ConfigException} naming the file and the dotted key:
 * {@code config/smsgate.yaml: smpp.session.max-inbound-pending: 0 (expected: 1..65536)}.
 */
public final class ConfigLoader {

    /** Environment variables starting with this override configuration keys. */
    public static final String ENV_PREFIX = EnvironmentOverrides.PREFIX;

    // A key written twice is a mistake: refuse it instead of silently keeping the last one.
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private ConfigLoader() {
    }

    /** The server's configuration from {@code file} with the process's environment overrides. */
    public static SmsgateConfig load(Path file) {
        return load(file, SmsgateConfig.class, System.getenv());
    }

    /** A configuration record of {@code type} from {@code file}, overridden by {@code environment}. */
    public static <T extends Record> T load(Path file, Class<T> type, Map<String, String> environment) {
        requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString(), type, environment);
    }

    /** A configuration record of {@code type} from YAML text; {@code source} names it in errors. */
    public static <T extends Record> T parse(String yaml, String source, Class<T> type,
                                             Map<String, String> environment) {
        requireNonNull(yaml, "yaml");
        requireNonNull(type, "type");
        requireNonNull(environment, "environment");
        try {
            ObjectNode root = tree(yaml, source);
            Map<String, String> sources = EnvironmentOverrides.apply(root, environment);
            return new RecordBinder(sources).bindRoot(root, type);
        } catch (ConfigException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode tree(String yaml, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException("not valid YAML (" + e.getOriginalMessage() + line + ")", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return EnvironmentOverrides.emptyRoot();
        }
        if (tree instanceof ObjectNode object) {
            return object;
        }
        throw new ConfigException("top level: " + tree.getNodeType().name().toLowerCase(Locale.ROOT)
                + " (expected: a mapping of sections)");
    }
}
