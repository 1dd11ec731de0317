package io.smsgate.simulator;

import static java.util.Objects.requireNonNull;

import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.config.ConfigNode;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.ScenarioYaml;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code sim smsc} runs: one or more simulated carriers (each on its own port), the control HTTP API,
 * the counters' sizes and the bounds of each carrier's message store. Read from YAML by {@link #read(Path)} or
 * built in code by tests.
 *
 * @param controlPort port of the control HTTP API; 0 = off
 */
public record SmscConfig(List<SimulatedCarrier> carriers, String controlHost, int controlPort,
        CountersConfig counters, MessageStoreConfig store) {
    public static final String DEFAULT_CONTROL_HOST = "127.0.0.1";
    public static final int DEFAULT_CONTROL_PORT = 8776;

    public SmscConfig {
        carriers = List.copyOf(carriers);
        requireNonNull(controlHost, "controlHost");
        requireNonNull(counters, "counters");
        requireNonNull(store, "store");
        if (carriers.isEmpty()) {
            throw new IllegalArgumentException("carriers: [] (expected: at least one carrier)");
        }
        if (controlPort < 0 || controlPort > 65_535) {
            throw new IllegalArgumentException("control.port: " + controlPort + " (expected: 0..65535, 0 = off)");
        }
        Set<String> names = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (SimulatedCarrier carrier : carriers) {
            if (!names.add(carrier.name())) {
                throw new IllegalArgumentException("carriers: \"" + carrier.name() + "\" appears twice");
            }
            if (carrier.port() != 0 && !endpoints.add(carrier.host() + ":" + carrier.port())) {
                throw new IllegalArgumentException("carriers: " + carrier.name() + " listens on "
                        + carrier.host() + ":" + carrier.port() + ", already used by another carrier");
            }
        }
    }

    /** With the default message store bounds ({@link MessageStoreConfig#DEFAULTS}). */
    public SmscConfig(List<SimulatedCarrier> carriers, String controlHost, int controlPort, CountersConfig counters) {
        this(carriers, controlHost, controlPort, counters, MessageStoreConfig.DEFAULTS);
    }

    public static SmscConfig read(Path file) {
        try {
            return parse(ConfigNode.read(file));
        } catch (ConfigException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    public static SmscConfig parse(ConfigNode root) {
        root.requireKeys(Set.of("carriers", "control", "counters", "store"));
        ConfigNode control = root.get("control").requireKeys(Set.of("host", "port"));
        ConfigNode counters = root.get("counters").requireKeys(
                Set.of("duplicate-window", "duplicate-capacity", "max-tracked-destinations"));
        CountersConfig defaults = CountersConfig.DEFAULTS;
        CountersConfig countersConfig = build(counters, () -> new CountersConfig(
                counters.duration("duplicate-window", defaults.duplicateWindow()),
                counters.intValue("duplicate-capacity", defaults.duplicateCapacity()),
                counters.intValue("max-tracked-destinations", defaults.maxTrackedDestinations())));
        ConfigNode store = root.get("store").requireKeys(Set.of("max-messages", "retention"));
        MessageStoreConfig storeDefaults = MessageStoreConfig.DEFAULTS;
        MessageStoreConfig storeConfig = build(store, () -> new MessageStoreConfig(
                store.intValue("max-messages", storeDefaults.maxMessages()),
                store.duration("retention", storeDefaults.retention())));
        List<SimulatedCarrier> carriers = ScenarioYaml.carriers(root);
        if (carriers.isEmpty()) {
            throw root.get("carriers").error("expected: at least one carrier");
        }
        return build(root, () -> new SmscConfig(carriers, control.text("host", DEFAULT_CONTROL_HOST),
                control.intValue("port", DEFAULT_CONTROL_PORT), countersConfig, storeConfig));
    }


    private static <T> T build(ConfigNode node, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException((node.path().isEmpty() ? "" : node.path() + ": ") + e.getMessage(), e);
        }
    }
}
