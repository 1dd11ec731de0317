package io.smsgate.simulator.scenario;

import io.smsgate.simulator.behaviour.BehaviourYaml;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads scenario files and simulator carrier files (kebab-case YAML, durations with units). Everything is
 * validated while reading, timed events included (each patch is applied in time order), so a bad file fails
 * before any traffic, naming the key.
 */
public final class ScenarioYaml {
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "description", "carriers", "system-under-test",
            "phases", "events", "receipt-wait", "assertions");
    private static final Set<String> CARRIER_KEYS = Set.of("name", "host", "port", "accounts", "seed", "behaviour",
            "tls");
    private static final Set<String> SUT_KEYS = Set.of("host", "port", "carrier", "system-id", "password",
            "bind-type", "binds", "window", "response-timeout");
    private static final Set<String> PHASE_KEYS = Set.of("name", "duration", "rate", "mix", "warm-up");
    private static final Set<String> MIX_KEYS = Set.of("gsm7", "ucs2", "multipart", "registered-delivery", "source",
            "destinations", "destination-length");
    private static final Set<String> EVENT_KEYS = Set.of("at", "carrier", "description", "behaviour");

    private ScenarioYaml() {
    }

    public static Scenario read(Path file) {
        try {
            return parse(ConfigNode.read(file));
        } catch (ConfigException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    public static Scenario parse(ConfigNode root) {
        root.requireKeys(SCENARIO_KEYS);
        List<SimulatedCarrier> carriers = carriers(root);
        Map<String, SimulatedCarrier> byName = new HashMap<>();
        for (SimulatedCarrier carrier : carriers) {
            if (byName.put(carrier.name(), carrier) != null) {
                throw new ConfigException(root.path() + "carriers: \"" + carrier.name() + "\" appears twice");
            }
        }
        SystemUnderTest systemUnderTest = systemUnderTest(root.get("system-under-test"), byName);
        List<LoadPhase> phases = new ArrayList<>();
        for (ConfigNode phase : root.list("phases")) {
            phases.add(phase(phase));
        }
        if (phases.isEmpty()) {
            throw root.get("phases").error("expected: at least one load phase");
        }
        Duration receiptWait = root.duration("receipt-wait", Duration.ofSeconds(30));
        List<TimedEvent> events = events(root, byName);
        List<ScenarioAssertion> assertions = new ArrayList<>();
        for (ConfigNode assertion : root.list("assertions")) {
            assertions.add(assertion(assertion));
        }
        Scenario scenario = build(root, () -> new Scenario(root.requiredText("name"), root.text("description", ""),
                carriers, systemUnderTest, phases, events, receiptWait, assertions));
        Duration end = scenario.loadDuration().plus(receiptWait);
        for (int i = 0; i < root.list("events").size(); i++) {
            ConfigNode event = root.list("events").get(i);
            if (event.get("at").asDuration().compareTo(end) > 0) {
                throw event.get("at").error("expected: within the run, at most " + format(end));
            }
        }
        return scenario;
    }

    /** The {@code carriers:} list of a scenario or of a {@code sim smsc --config} file. */
    public static List<SimulatedCarrier> carriers(ConfigNode root) {
        List<SimulatedCarrier> carriers = new ArrayList<>();
        for (ConfigNode carrier : root.list("carriers")) {
            carriers.add(carrier(carrier));
        }
        return carriers;
    }

    static SimulatedCarrier carrier(ConfigNode node) {
        node.requireKeys(CARRIER_KEYS);
        List<Account> accounts = new ArrayList<>();
        for (ConfigNode account : node.list("accounts")) {
            account.requireKeys(Set.of("system-id", "password"));
            accounts.add(build(account, () -> new Account(account.requiredText("system-id"),
                    account.text("password", ""))));
        }
        if (accounts.isEmpty()) {
            throw node.get("accounts").error("expected: at least one {system-id, password}");
        }
        CarrierBehaviour behaviour = BehaviourYaml.parse(node.get("behaviour"), CarrierBehaviour.DEFAULTS);
        int port = node.intValue("port", SimulatedCarrier.DEFAULT_PORT);
        if (port < 0 || port > 65_535) {
            throw node.get("port").error("expected: 0..65535");
        }
        Optional<CarrierTls> tls = tls(node.get("tls"));
        return build(node, () -> new SimulatedCarrier(node.requiredText("name"),
                node.text("host", SimulatedCarrier.DEFAULT_HOST), port, accounts, node.longValue("seed", 1L),
                behaviour, tls));
    }

    /**
     * A carrier's {@code tls:}: {@code self-signed} (or {@code true}), {@code {certificate: FILE, key: FILE}} (PEM)
     * or {@code {pkcs12: FILE, password: …}}; absent or {@code false} = plain TCP. Paths are relative to the
     * working directory.
     */
    static Optional<CarrierTls> tls(ConfigNode node) {
        if (node.isMissing() || node.tree().isBoolean() && !node.tree().booleanValue()) {
            return Optional.empty();
        }
        if (node.tree().isBoolean() || node.tree().isTextual() && node.tree().asText().equals("self-signed")) {
            return Optional.of(new CarrierTls.SelfSigned());
        }
        if (!node.tree().isObject()) {
            throw node.error("expected: self-signed, {certificate: FILE, key: FILE} or {pkcs12: FILE, password: …}");
        }
        node.requireKeys(Set.of("certificate", "key", "pkcs12", "password"));
        if (node.has("pkcs12")) {
            if (node.has("certificate") || node.has("key")) {
                throw node.get("pkcs12").error("expected: either pkcs12 or certificate and key, not both");
            }
            return Optional.of(new CarrierTls.Pkcs12(Path.of(node.requiredText("pkcs12")), node.text("password", "")));
        }
        if (node.has("password")) {
            throw node.get("password").error("expected: password only with pkcs12 (PEM keys are unencrypted PKCS#8)");
        }
        return Optional.of(new CarrierTls.Pem(Path.of(node.requiredText("certificate")),
                Path.of(node.requiredText("key"))));
    }

    private static SystemUnderTest systemUnderTest(ConfigNode node, Map<String, SimulatedCarrier> carriers) {
        if (node.isMissing()) {
            throw node.error("expected: host and port (or carrier) with system-id and password");
        }
        node.requireKeys(SUT_KEYS);
        Optional<String> carrier = node.text("carrier");
        carrier.ifPresent(name -> {
            if (!carriers.containsKey(name)) {
                throw node.get("carrier").error("expected: one of the scenario's carriers " + carriers.keySet());
            }
            if (node.has("host") || node.has("port")) {
                throw node.get("carrier").error("expected: either carrier or host/port, not both");
            }
        });
        int port = carrier.isPresent() ? 0 : node.intValue("port", 2775);
        return build(node, () -> new SystemUnderTest(
                node.text("host", "127.0.0.1"),
                port,
                carrier,
                node.requiredText("system-id"),
                node.text("password", ""),
                BehaviourYaml.enumValue(node.get("bind-type"), SystemUnderTest.BindType.class,
                        SystemUnderTest.BindType.TRANSCEIVER),
                node.intValue("binds", 1),
                node.intValue("window", 10),
                node.duration("response-timeout", Duration.ofSeconds(30))));
    }

    private static LoadPhase phase(ConfigNode node) {
        node.requireKeys(PHASE_KEYS);
        ConfigNode mix = node.get("mix").requireKeys(MIX_KEYS);
        List<String> prefixes = new ArrayList<>();
        for (ConfigNode prefix : mix.list("destinations")) {
            prefixes.add(prefix.asText().orElseThrow(() -> prefix.error("expected: a destination prefix")));
        }
        MessageMix defaults = MessageMix.DEFAULTS;
        MessageMix messageMix = build(mix, () -> new MessageMix(
                mix.intValue("gsm7", mix.has("ucs2") || mix.has("multipart") ? 0 : defaults.gsm7()),
                mix.intValue("ucs2", defaults.ucs2()),
                mix.intValue("multipart", defaults.multipart()),
                mix.fraction("registered-delivery", defaults.registeredDelivery()),
                mix.text("source", defaults.source()),
                prefixes.isEmpty() ? defaults.destinationPrefixes() : prefixes,
                mix.intValue("destination-length", defaults.destinationLength())));
        return build(node, () -> new LoadPhase(node.text("name", "phase"), node.get("duration").asDuration(),
                node.doubleValue("rate", 0.0), messageMix, node.bool("warm-up", false)));
    }

    private static List<TimedEvent> events(ConfigNode root, Map<String, SimulatedCarrier> carriers) {
        List<TimedEvent> events = new ArrayList<>();
        for (ConfigNode node : root.list("events")) {
            node.requireKeys(EVENT_KEYS);
            String carrier = node.requiredText("carrier");
            if (!carriers.containsKey(carrier)) {
                throw node.get("carrier").error("expected: one of the scenario's carriers " + carriers.keySet());
            }
            if (node.get("behaviour").isMissing()) {
                throw node.get("behaviour").error("expected: the behaviour keys that change");
            }
            events.add(build(node, () -> new TimedEvent(node.get("at").asDuration(), carrier,
                    node.text("description", ""), node.get("behaviour"))));
        }
        events.sort(Comparator.comparing(TimedEvent::at));
        // Apply every patch in time order now, so that a bad one fails at load time and not mid-run.
        Map<String, CarrierBehaviour> current = new HashMap<>();
        carriers.forEach((name, carrier) -> current.put(name, carrier.behaviour()));
        for (TimedEvent event : events) {
            current.put(event.carrier(), BehaviourYaml.parse(event.patch(), current.get(event.carrier())));
        }
        return events;
    }

    private static ScenarioAssertion assertion(ConfigNode node) {
        List<ConfigNode> entries = node.entries();
        if (entries.size() != 1) {
            throw node.error("expected: one assertion per list item, such as p99-submit-response-at-most: 50ms");
        }
        ConfigNode entry = entries.get(0);
        return switch (entry.key()) {
            case "nothing-lost" -> {
                if (!entry.tree().isBoolean() || !entry.tree().booleanValue()) {
                    throw entry.error("expected: true");
                }
                yield new ScenarioAssertion.NothingLost();
            }
            case "duplicates-at-most" -> new ScenarioAssertion.DuplicatesAtMost(count(entry));
            case "doubled-receipts-at-most" -> new ScenarioAssertion.DoubledReceiptsAtMost(count(entry));
            case "unanswered-at-most" -> new ScenarioAssertion.UnansweredAtMost(count(entry));
            case "p99-submit-response-at-most" -> new ScenarioAssertion.SubmitResponseP99AtMost(entry.asDuration());
            case "p99-receipt-at-most" -> new ScenarioAssertion.ReceiptP99AtMost(entry.asDuration());
            case "all-receipts-within" -> new ScenarioAssertion.AllReceiptsWithin(entry.asDuration());
            case "accepted-at-least" -> {
                double fraction = node.fraction(entry.key(), 0);
                yield new ScenarioAssertion.AcceptedAtLeast(fraction);
            }
            default -> throw new ConfigException(entry.path() + ": unknown assertion (expected one of: nothing-lost, "
                    + "duplicates-at-most, doubled-receipts-at-most, unanswered-at-most, p99-submit-response-at-most, "
                    + "p99-receipt-at-most, all-receipts-within, accepted-at-least)");
        };
    }

    private static long count(ConfigNode entry) {
        if (!entry.tree().isIntegralNumber() || entry.tree().longValue() < 0) {
            throw entry.error("expected: a whole number >= 0");
        }
        return entry.tree().longValue();
    }

    /** Prints a duration the way the files write it: {@code 250ms}, {@code 5s}, {@code 1.5s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    private static <T> T build(ConfigNode node, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException((node.path().isEmpty() ? "" : node.path() + ": ") + e.getMessage(), e);
        }
    }
}
