package io.smsgate.simulator.behaviour;

import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.config.ConfigNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a carrier's {@code behaviour:} mapping. Every key is optional and falls back to {@code base}, so the
 * same code reads a whole file (base = {@link CarrierBehaviour#DEFAULTS}) and a runtime patch (base = the
 * current snapshot). Errors name the full key path.
 */
public final class BehaviourYaml {
    private static final Set<String> BEHAVIOUR_KEYS = Set.of("response-latency", "message-id", "throttle", "window",
            "congestion-state", "errors", "receipts", "mo", "faults");
    private static final Set<String> LATENCY_KEYS = Set.of("distribution", "value", "min", "max", "median", "p99",
            "mu", "sigma");

    private BehaviourYaml() {
    }

    public static CarrierBehaviour parse(ConfigNode node, CarrierBehaviour base) {
        node.requireKeys(BEHAVIOUR_KEYS);
        ConfigNode window = node.get("window").requireKeys(Set.of("max-outstanding"));
        int windowLimit = window.intValue("max-outstanding", base.windowLimit());
        if (windowLimit < 0) {
            throw window.get("max-outstanding").error("expected: >= 0, 0 = unlimited");
        }
        List<ErrorRule> errors = node.has("errors") ? errorRules(node) : base.errors();
        return build(node, () -> new CarrierBehaviour(
                latency(node.get("response-latency"), base.responseLatency()),
                messageIdFormat(node.get("message-id"), base.messageId()),
                throttle(node.get("throttle"), base.throttle()),
                windowLimit,
                node.bool("congestion-state", base.congestionState()),
                errors,
                receipts(node.get("receipts"), base.receipts()),
                mo(node.get("mo"), base.mo()),
                faults(node.get("faults"), base.faults())));
    }

    /**
     * A latency distribution: {@code {distribution: fixed, value: 5ms}}, {@code {distribution: uniform, min: 1ms,
     * max: 9ms}}, {@code {distribution: log-normal, median: 5ms, p99: 80ms}} or {@code {distribution: log-normal,
     * mu: 1.6, sigma: 0.5}} (ln of milliseconds). A plain duration means fixed.
     */
    public static LatencyModel latency(ConfigNode node, LatencyModel base) {
        if (node.isMissing()) {
            return base;
        }
        if (node.tree().isValueNode()) {
            return new LatencyModel.Fixed(node.asDuration());
        }
        node.requireKeys(LATENCY_KEYS);
        String distribution = node.requiredText("distribution");
        return switch (distribution) {
            case "fixed" -> build(node, () -> new LatencyModel.Fixed(node.get("value").asDuration()));
            case "uniform" -> build(node, () -> new LatencyModel.Uniform(node.get("min").asDuration(),
                    node.get("max").asDuration()));
            case "log-normal" -> logNormal(node);
            default -> throw node.get("distribution").error("expected: fixed, uniform or log-normal");
        };
    }

    private static LatencyModel logNormal(ConfigNode node) {
        if (node.has("median")) {
            if (node.has("mu")) {
                throw node.get("mu").error("expected: either median (+ p99 or sigma) or mu + sigma, not both");
            }
            Duration median = node.get("median").asDuration();
            if (node.has("p99")) {
                Duration p99 = node.get("p99").asDuration();
                return build(node, () -> LatencyModel.LogNormal.ofMedianAndP99(median, p99));
            }
            return build(node, () -> new LatencyModel.LogNormal(median, node.doubleValue("sigma", 0.0)));
        }
        if (node.has("mu") && node.has("sigma")) {
            return build(node, () -> LatencyModel.LogNormal.ofMuSigmaMillis(node.doubleValue("mu", 0.0),
                    node.doubleValue("sigma", 0.0)));
        }
        throw node.error("expected: log-normal with median and p99 (or sigma), or mu and sigma");
    }

    static MessageIdFormat messageIdFormat(ConfigNode node, MessageIdFormat base) {
        if (node.isMissing()) {
            return base;
        }
        node.requireKeys(Set.of("base", "width"));
        MessageIdFormat.Base idBase = enumValue(node.get("base"), MessageIdFormat.Base.class, base.base());
        int width = node.intValue("width", base.width());
        if (width < 0 || width > MessageIdFormat.MAX_WIDTH) {
            throw node.get("width").error("expected: 0..64");
        }
        return new MessageIdFormat(idBase, width);
    }

    private static Throttle throttle(ConfigNode node, Throttle base) {
        node.requireKeys(Set.of("tps-per-bind", "tps-per-system-id", "burst"));
        int perBind = nonNegative(node, "tps-per-bind", base.tpsPerBind());
        int perSystemId = nonNegative(node, "tps-per-system-id", base.tpsPerSystemId());
        int burst = node.intValue("burst", base.burst());
        if (burst < 1) {
            throw node.get("burst").error("expected: >= 1");
        }
        return new Throttle(perBind, perSystemId, burst);
    }

    private static List<ErrorRule> errorRules(ConfigNode node) {
        List<ErrorRule> rules = new ArrayList<>();
        for (ConfigNode rule : node.list("errors")) {
            rule.requireKeys(Set.of("fraction", "destination-prefixes", "status", "reply"));
            List<String> prefixes = new ArrayList<>();
            for (ConfigNode prefix : rule.list("destination-prefixes")) {
                prefixes.add(prefix.asText().orElseThrow(() -> prefix.error("expected: an address prefix")));
            }
            ErrorRule.Reply reply = enumValue(rule.get("reply"), ErrorRule.Reply.class, ErrorRule.Reply.RESPONSE);
            int status = reply == ErrorRule.Reply.RESPONSE
                    ? rule.commandStatus("status", -1)
                    : rule.commandStatus("status", 0x03);
            if (status == -1) {
                throw rule.get("status").error("expected: the command_status to answer with");
            }
            rules.add(build(rule, () -> new ErrorRule(rule.fraction("fraction", 1.0), prefixes, status, reply)));
        }
        return rules;
    }

    private static ReceiptBehaviour receipts(ConfigNode node, ReceiptBehaviour base) {
        node.requireKeys(Set.of("enabled", "delay", "status-mix", "enroute", "encoding", "id-format", "date-format",
                "on-different-bind", "before-response", "duplicate", "unknown-id", "redelivery"));
        Optional<MessageIdFormat> idFormat = base.idFormat();
        ConfigNode idNode = node.get("id-format");
        if (!idNode.isMissing()) {
            idFormat = idNode.tree().isTextual() && idNode.tree().asText().equals("same")
                    ? Optional.empty()
                    : Optional.of(messageIdFormat(idNode, base.idFormat().orElse(MessageIdFormat.DEFAULTS)));
        }
        ReceiptBehaviour.DateFormat dateFormat = base.dateFormat();
        ConfigNode dateNode = node.get("date-format");
        if (!dateNode.isMissing()) {
            dateFormat = switch (dateNode.asText().orElse("")) {
                case "10" -> ReceiptBehaviour.DateFormat.TEN_DIGITS;
                case "12" -> ReceiptBehaviour.DateFormat.TWELVE_DIGITS;
                default -> throw dateNode.error("expected: 10 (YYMMDDhhmm) or 12 (YYMMDDhhmmss)");
            };
        }
        Optional<MessageIdFormat> finalIdFormat = idFormat;
        ReceiptBehaviour.DateFormat finalDateFormat = dateFormat;
        return build(node, () -> new ReceiptBehaviour(
                node.bool("enabled", base.enabled()),
                latency(node.get("delay"), base.delay()),
                statusMix(node.get("status-mix"), base.statusMix()),
                node.fraction("enroute", base.enroute()),
                enumValue(node.get("encoding"), ReceiptBehaviour.Encoding.class, base.encoding()),
                finalIdFormat,
                finalDateFormat,
                node.bool("on-different-bind", base.onDifferentBind()),
                node.fraction("before-response", base.beforeResponse()),
                node.fraction("duplicate", base.duplicate()),
                node.fraction("unknown-id", base.unknownId()),
                redelivery(node.get("redelivery"), base.redelivery())));
    }

    private static Redelivery redelivery(ConfigNode node, Redelivery base) {
        node.requireKeys(Set.of("retry-delay", "max-attempts", "queue-capacity"));
        return build(node, () -> new Redelivery(
                node.duration("retry-delay", base.retryDelay()),
                node.intValue("max-attempts", base.maxAttempts()),
                node.intValue("queue-capacity", base.queueCapacity())));
    }

    private static StatusMix statusMix(ConfigNode node, StatusMix base) {
        if (node.isMissing()) {
            return base;
        }
        Map<ReceiptStatus, Integer> weights = new EnumMap<>(ReceiptStatus.class);
        for (ConfigNode entry : node.entries()) {
            ReceiptStatus status;
            try {
                status = ReceiptStatus.valueOf(entry.key().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(entry.path() + ": unknown receipt state (expected one of: delivrd, undeliv, "
                        + "expired, rejectd, deleted, unknown, acceptd)");
            }
            if (!status.terminal()) {
                throw entry.error("expected: a final state; set intermediate ENROUTE receipts with receipts.enroute");
            }
            int weight = (int) longOf(entry);
            weights.put(status, weight);
        }
        return build(node, () -> new StatusMix(weights));
    }

    private static MoTraffic mo(ConfigNode node, MoTraffic base) {
        node.requireKeys(Set.of("rate", "source", "destination", "text", "encoding", "multipart"));
        ConfigNode multipart = node.get("multipart").requireKeys(Set.of("fraction", "parts", "out-of-order"));
        return build(node, () -> new MoTraffic(
                node.doubleValue("rate", base.rate()),
                node.text("source", base.sourcePattern()),
                node.text("destination", base.destinationPattern()),
                node.text("text", base.text()),
                enumValue(node.get("encoding"), MoTraffic.Encoding.class, base.encoding()),
                multipart.fraction("fraction", base.multipartFraction()),
                multipart.intValue("parts", base.parts()),
                multipart.bool("out-of-order", base.outOfOrder())));
    }

    private static Faults faults(ConfigNode node, Faults base) {
        node.requireKeys(Set.of("refuse-binds", "ignore-binds", "reset-after-requests", "silent",
                "stop-answering-after", "slow-down", "unbind-after-submits", "malformed", "enquire-link-storm"));
        OptionalInt refuse = base.refuseBinds();
        ConfigNode refuseNode = node.get("refuse-binds");
        if (!refuseNode.isMissing()) {
            boolean off = refuseNode.tree().isBoolean() && !refuseNode.tree().booleanValue()
                    || refuseNode.tree().isTextual() && refuseNode.tree().asText().equals("none");
            refuse = off ? OptionalInt.empty() : OptionalInt.of(node.commandStatus("refuse-binds", 0x0D));
        }
        ConfigNode malformedNode = node.get("malformed").requireKeys(Set.of("kind", "fraction"));
        Faults.Malformed malformed = malformedNode.isMissing() ? base.malformed()
                : new Faults.Malformed(
                        enumValue(malformedNode.get("kind"), Faults.Malformed.Kind.class, base.malformed().kind()),
                        malformedNode.fraction("fraction", base.malformed().fraction()));
        OptionalInt finalRefuse = refuse;
        return build(node, () -> new Faults(
                finalRefuse,
                node.bool("ignore-binds", base.ignoreBinds()),
                node.longValue("reset-after-requests", base.resetAfterRequests()),
                node.bool("silent", base.silent()),
                node.longValue("stop-answering-after", base.stopAnsweringAfter()),
                node.doubleValue("slow-down", base.slowDown()),
                node.longValue("unbind-after-submits", base.unbindAfterSubmits()),
                malformed,
                node.doubleValue("enquire-link-storm", base.enquireLinkStorm())));
    }

    /** Reads a kebab-case enum constant ({@code generic-nack-without-sequence}). */
    public static <E extends Enum<E>> E enumValue(ConfigNode node, Class<E> type, E fallback) {
        Optional<String> text = node.asText();
        if (text.isEmpty()) {
            return fallback;
        }
        String constant = text.get().trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(constant)) {
                return value;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            allowed.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw node.error("expected one of: " + String.join(", ", allowed));
    }

    private static int nonNegative(ConfigNode node, String key, int fallback) {
        int value = node.intValue(key, fallback);
        if (value < 0) {
            throw node.get(key).error("expected: >= 0, 0 = unlimited");
        }
        return value;
    }

    private static long longOf(ConfigNode node) {
        if (!node.tree().isIntegralNumber()) {
            throw node.error("expected: a whole-number weight");
        }
        return node.tree().longValue();
    }

    /**
     * The behaviour as a document of the same keys {@link #parse} reads (kebab-case, durations with units), so
     * that {@code parse(document(b), DEFAULTS)} equals {@code b}: the control API's GET and PUT body.
     */
    public static Map<String, Object> document(CarrierBehaviour behaviour) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("response-latency", latencyDocument(behaviour.responseLatency()));
        document.put("message-id", idFormatDocument(behaviour.messageId()));
        Throttle throttle = behaviour.throttle();
        document.put("throttle", ordered("tps-per-bind", throttle.tpsPerBind(),
                "tps-per-system-id", throttle.tpsPerSystemId(), "burst", throttle.burst()));
        document.put("window", ordered("max-outstanding", behaviour.windowLimit()));
        document.put("congestion-state", behaviour.congestionState());
        List<Object> errors = new ArrayList<>();
        for (ErrorRule rule : behaviour.errors()) {
            errors.add(ordered("fraction", rule.fraction(), "destination-prefixes", rule.destinationPrefixes(),
                    "status", statusText(rule.commandStatus()), "reply", kebab(rule.reply())));
        }
        document.put("errors", errors);
        ReceiptBehaviour receipts = behaviour.receipts();
        Map<String, Object> statusMix = new LinkedHashMap<>();
        receipts.statusMix().ordered().forEach((status, weight) ->
                statusMix.put(status.name().toLowerCase(Locale.ROOT), weight));
        Redelivery redelivery = receipts.redelivery();
        Map<String, Object> receiptDocument = ordered("enabled", receipts.enabled(),
                "delay", latencyDocument(receipts.delay()), "status-mix", statusMix, "enroute", receipts.enroute(),
                "encoding", kebab(receipts.encoding()),
                "id-format", receipts.idFormat().<Object>map(BehaviourYaml::idFormatDocument).orElse("same"),
                "date-format", receipts.dateFormat() == ReceiptBehaviour.DateFormat.TEN_DIGITS ? "10" : "12",
                "on-different-bind", receipts.onDifferentBind(), "before-response", receipts.beforeResponse(),
                "duplicate", receipts.duplicate(), "unknown-id", receipts.unknownId());
        receiptDocument.put("redelivery", ordered("retry-delay", durationText(redelivery.retryDelay()),
                "max-attempts", redelivery.maxAttempts(), "queue-capacity", redelivery.queueCapacity()));
        document.put("receipts", receiptDocument);
        MoTraffic mo = behaviour.mo();
        document.put("mo", ordered("rate", mo.rate(), "source", mo.sourcePattern(),
                "destination", mo.destinationPattern(), "text", mo.text(), "encoding", kebab(mo.encoding()),
                "multipart", ordered("fraction", mo.multipartFraction(), "parts", mo.parts(),
                        "out-of-order", mo.outOfOrder())));
        Faults faults = behaviour.faults();
        document.put("faults", ordered(
                "refuse-binds", faults.refuseBinds().isPresent() ? statusText(faults.refuseBinds().getAsInt()) : "none",
                "ignore-binds", faults.ignoreBinds(), "reset-after-requests", faults.resetAfterRequests(),
                "silent", faults.silent(), "stop-answering-after", faults.stopAnsweringAfter(),
                "slow-down", faults.slowDown(), "unbind-after-submits", faults.unbindAfterSubmits(),
                "malformed", ordered("kind", kebab(faults.malformed().kind()),
                        "fraction", faults.malformed().fraction()),
                "enquire-link-storm", faults.enquireLinkStorm()));
        return document;
    }

    private static Object latencyDocument(LatencyModel latency) {
        if (latency instanceof LatencyModel.Fixed fixed) {
            return ordered("distribution", "fixed", "value", durationText(fixed.value()));
        }
        if (latency instanceof LatencyModel.Uniform uniform) {
            return ordered("distribution", "uniform", "min", durationText(uniform.min()),
                    "max", durationText(uniform.max()));
        }
        LatencyModel.LogNormal logNormal = (LatencyModel.LogNormal) latency;  // the last permitted subtype
        return ordered("distribution", "log-normal", "median", durationText(logNormal.median()),
                "sigma", logNormal.sigma());
    }

    private static Map<String, Object> idFormatDocument(MessageIdFormat format) {
        return ordered("base", kebab(format.base()), "width", format.width());
    }

    /** A duration in the largest unit that keeps it exact ({@code 250ms}, {@code 3s}, {@code 1500ns}). */
    static String durationText(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos != 0 && nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
    }

    private static String statusText(int commandStatus) {
        return String.format("0x%08x", commandStatus);
    }

    private static String kebab(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Runs a record constructor, prefixing its validation message with the node's key path. */
    static <T> T build(ConfigNode node, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.path() + ": " + e.getMessage(), e);
        }
    }
}
