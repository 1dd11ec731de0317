package io.smsgate.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.session.SessionState;
import io.smsgate.server.store.MessageStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Every SMPP meter of smsgate, each described once here (name, type, unit, tags). Meters are registered on first
 * use and their references kept in arrays indexed by enum ordinal or status slot, so {@code record()} on the hot
 * path does no lookup by name.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #SESSIONS}</td><td>gauge: bound sessions</td><td>side, bind.type</td></tr>
 *   <tr><td>{@value #REQUESTS}</td><td>timer: peer request decoded → response written</td>
 *       <td>side, command, status</td></tr>
 *   <tr><td>{@value #OUTBOUND_REQUESTS}</td><td>timer: our request sent → response or expiry</td>
 *       <td>side, command, status ({@code timeout})</td></tr>
 *   <tr><td>{@value #PDUS_MALFORMED}</td><td>counter</td><td>side, status</td></tr>
 *   <tr><td>{@value #RESPONSES_UNMATCHED}</td><td>counter: responses matching no request</td>
 *       <td>side, command</td></tr>
 *   <tr><td>{@value #ACCOUNT_SUBMITS}</td><td>counter: messages from an account, by outcome</td>
 *       <td>system.id, outcome</td></tr>
 *   <tr><td>{@value #ACCOUNT_DELIVERIES}</td><td>counter: receipts and MOs delivered to an account</td>
 *       <td>system.id, kind, outcome</td></tr>
 *   <tr><td>{@value #ACCOUNT_WINDOW}</td><td>gauge: deliver_sm awaiting the account's response</td>
 *       <td>system.id</td></tr>
 *   <tr><td>{@value #ACCOUNT_OUTBOX_DEPTH}, {@value #ACCOUNT_OUTBOX_AGE}</td>
 *       <td>gauges: entries waiting for the account; age of the oldest, seconds</td><td>system.id</td></tr>
 *   <tr><td>{@value #CARRIER_SUBMITS}</td><td>timer: submit_sm → submit_sm_resp or timeout</td>
 *       <td>carrier, status</td></tr>
 *   <tr><td>{@value #CARRIER_RECEIPTS}</td><td>timer: our accept → the carrier's final receipt</td>
 *       <td>carrier, state</td></tr>
 *   <tr><td>{@value #CARRIER_BINDS}, {@value #CARRIER_WINDOW}, {@value #CARRIER_RATE}</td>
 *       <td>gauges: bound binds; requests in flight; allowed messages/s</td><td>carrier</td></tr>
 *   <tr><td>{@value #CARRIER_QUEUE_DEPTH}, {@value #CARRIER_QUEUE_AGE}</td>
 *       <td>gauges: messages waiting for the carrier; age of the oldest, seconds</td><td>carrier</td></tr>
 * </table>
 *
 * <p>{@code system.id} and {@code carrier} are bounded by configuration; {@code status} by {@link StatusTag}.
 */
public final class SmppMeters {

    public static final String SESSIONS = "smsgate.smpp.sessions";
    public static final String REQUESTS = "smsgate.smpp.requests";
    public static final String OUTBOUND_REQUESTS = "smsgate.smpp.outbound.requests";
    public static final String PDUS_MALFORMED = "smsgate.smpp.pdus.malformed";
    public static final String RESPONSES_UNMATCHED = "smsgate.smpp.responses.unmatched";
    public static final String ACCOUNT_SUBMITS = "smsgate.account.submits";
    public static final String ACCOUNT_DELIVERIES = "smsgate.account.deliveries";
    public static final String ACCOUNT_WINDOW = "smsgate.account.window";
    public static final String ACCOUNT_OUTBOX_DEPTH = "smsgate.account.outbox.depth";
    public static final String ACCOUNT_OUTBOX_AGE = "smsgate.account.outbox.age";
    public static final String CARRIER_SUBMITS = "smsgate.carrier.submits";
    public static final String CARRIER_RECEIPTS = "smsgate.carrier.receipts";
    public static final String CARRIER_BINDS = "smsgate.carrier.binds";
    public static final String CARRIER_WINDOW = "smsgate.carrier.window";
    public static final String CARRIER_RATE = "smsgate.carrier.rate";
    public static final String CARRIER_QUEUE_DEPTH = "smsgate.carrier.queue.depth";
    public static final String CARRIER_QUEUE_AGE = "smsgate.carrier.queue.age";

    static final String TIMEOUT = "timeout";

    // SMPP round trips range from tens of microseconds (our own accept on loopback) to the 30 s response timeout.
    private static final Duration MIN_EXPECTED = Duration.ofNanos(50_000);
    private static final Duration MAX_EXPECTED = Duration.ofSeconds(60);

    /** Which sessions a meter describes: clients bound to us, or our binds to carriers. */
    public enum Side {
        UPSTREAM, CARRIER;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What became of a message an account submitted. */
    public enum SubmitOutcome {
        /** Stored and answered ESME_ROK. */
        ACCEPTED,
        /** Over the account's rate or the store's capacity: ESME_RTHROTTLED / ESME_RMSGQFUL. */
        THROTTLED,
        /** Refused for a reason of ours: no route, not allowed. */
        REFUSED,
        /** The submission was invalid (address, data_coding, length…). */
        INVALID
    }

    /** What we deliver to an account's receiver binds. */
    public enum DeliveryKind { RECEIPT, MO }

    /** How a delivery to an account ended. */
    public enum DeliveryOutcome {
        /** deliver_sm_resp ESME_ROK: the outbox entry is done. */
        ACKNOWLEDGED,
        /** The client answered an error or did not answer; the entry will be tried again. */
        RETRIED,
        /** The entry's horizon passed; it is dead-lettered. */
        EXPIRED
    }

    private final MeterRegistry registry;
    private final boolean histograms;
    private final Map<Side, SideMeters> sides = new EnumMap<>(Side.class);
    private final Map<String, AccountMeters> accounts = new ConcurrentHashMap<>();
    private final Map<String, CarrierMeters> carriers = new ConcurrentHashMap<>();

    /**
     * @param percentileHistograms timers publish histogram buckets ({@code metrics.percentile-histograms})
     */
    public SmppMeters(MeterRegistry registry, boolean percentileHistograms) {
        this.registry = requireNonNull(registry, "registry");
        this.histograms = percentileHistograms;
        for (Side side : Side.values()) {
            sides.put(side, new SideMeters(side));
        }
    }

    /** The session meters of one side; a {@link MeteredSessionListener} keeps this reference. */
    public SideMeters side(Side side) {
        return sides.get(side);
    }

    /** The meters of one account; look it up once per session or account, not per message. */
    public AccountMeters account(String systemId) {
        requireNonNull(systemId, "systemId");
        return accounts.computeIfAbsent(systemId, AccountMeters::new);
    }

    /** The meters of one configured carrier; look it up once per carrier, not per message. */
    public CarrierMeters carrier(String name) {
        requireNonNull(name, "name");
        return carriers.computeIfAbsent(name, CarrierMeters::new);
    }

    private Timer timer(String name, String description, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentileHistogram(histograms)
                .minimumExpectedValue(MIN_EXPECTED)
                .maximumExpectedValue(MAX_EXPECTED)
                .register(registry);
    }

    private void gauge(String name, String description, String baseUnit, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).baseUnit(baseUnit).tags(tags).strongReference(true)
                .register(registry);
    }

    private static String tag(CommandId command) {
        return command.name().toLowerCase(Locale.ROOT);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Session meters of one side: bound sessions by bind type, request timers, malformed and unmatched PDUs. */
    public final class SideMeters {

        private final String side;
        private final Map<BindType, AtomicInteger> bound = new EnumMap<>(BindType.class);
        private final Map<CommandId, LazyMeters<Timer>> requests = new EnumMap<>(CommandId.class);
        private final Map<CommandId, LazyMeters<Timer>> outbound = new EnumMap<>(CommandId.class);
        private final LazyMeters<Timer> outboundTimeouts;
        private final LazyMeters<Counter> malformed;
        private final LazyMeters<Counter> unmatched;

        private SideMeters(Side side) {
            this.side = side.tag();
            for (BindType bindType : BindType.values()) {
                AtomicInteger count = new AtomicInteger();
                bound.put(bindType, count);
                gauge(SESSIONS, "Bound SMPP sessions", "sessions", count::get, "side", this.side, "bind.type",
                        tag(bindType));
            }
            CommandId[] commands = CommandId.values();
            for (CommandId command : commands) {
                requests.put(command, new LazyMeters<>(StatusTag.SLOTS, slot -> timer(REQUESTS,
                        "Peer requests, from decode to response written", "side", this.side, "command", tag(command),
                        "status", StatusTag.value(slot))));
                outbound.put(command, new LazyMeters<>(StatusTag.SLOTS, slot -> timer(OUTBOUND_REQUESTS,
                        "Our requests, from send to response or expiry", "side", this.side, "command", tag(command),
                        "status", StatusTag.value(slot))));
            }
            outboundTimeouts = new LazyMeters<>(commands.length, ordinal -> timer(OUTBOUND_REQUESTS,
                    "Our requests, from send to response or expiry", "side", this.side, "command",
                    tag(commands[ordinal]), "status", TIMEOUT));
            malformed = new LazyMeters<>(StatusTag.SLOTS, slot -> Counter.builder(PDUS_MALFORMED)
                    .description("Frames with a bad command_id or body, answered with generic_nack or an error")
                    .tags("side", this.side, "status", StatusTag.value(slot))
                    .register(registry));
            unmatched = new LazyMeters<>(commands.length, ordinal -> Counter.builder(RESPONSES_UNMATCHED)
                    .description("Responses that match no outstanding request (late, unknown sequence_number)")
                    .tags("side", this.side, "command", tag(commands[ordinal]))
                    .register(registry));
        }

        /** A session moved from {@code previous} to {@code current}: bound counts follow. */
        public void stateChanged(SessionState previous, SessionState current) {
            if (previous == current) {
                return;
            }
            bindType(previous).ifPresent(type -> bound.get(type).decrementAndGet());
            bindType(current).ifPresent(type -> bound.get(type).incrementAndGet());
        }

        /** A peer request answered with {@code status} after {@code nanos}. */
        public void requestCompleted(CommandId command, CommandStatus status, long nanos) {
            requests.get(command).get(StatusTag.slot(status)).record(nanos, TimeUnit.NANOSECONDS);
        }

        /** One of our requests answered with {@code status} after {@code nanos}. */
        public void outboundCompleted(CommandId command, CommandStatus status, long nanos) {
            outbound.get(command).get(StatusTag.slot(status)).record(nanos, TimeUnit.NANOSECONDS);
        }

        /** One of our requests unanswered within the response timeout. */
        public void outboundExpired(CommandId command, long nanos) {
            outboundTimeouts.get(command.ordinal()).record(nanos, TimeUnit.NANOSECONDS);
        }

        public void malformed(CommandStatus status) {
            malformed.get(StatusTag.slot(status)).increment();
        }

        public void unmatchedResponse(CommandId command) {
            unmatched.get(command.ordinal()).increment();
        }

        /** Sessions bound now with {@code bindType}. */
        public int bound(BindType bindType) {
            return bound.get(bindType).get();
        }

        private static java.util.Optional<BindType> bindType(SessionState state) {
            return switch (state) {
                case BOUND_TX -> java.util.Optional.of(BindType.TX);
                case BOUND_RX -> java.util.Optional.of(BindType.RX);
                case BOUND_TRX -> java.util.Optional.of(BindType.TRX);
                case OPEN, OUTBOUND, UNBINDING, CLOSED -> java.util.Optional.empty();
            };
        }
    }

    /** Meters of one account ({@code system.id}): submissions, deliveries, its receiver window and outbox. */
    public final class AccountMeters {

        private final String systemId;
        private final Counter[] submits = new Counter[SubmitOutcome.values().length];
        private final LazyMeters<Counter> deliveries;

        private AccountMeters(String systemId) {
            this.systemId = systemId;
            for (SubmitOutcome outcome : SubmitOutcome.values()) {
                submits[outcome.ordinal()] = Counter.builder(ACCOUNT_SUBMITS)
                        .description("Messages an account submitted, by outcome")
                        .tags("system.id", systemId, "outcome", tag(outcome))
                        .register(registry);
            }
            DeliveryOutcome[] outcomes = DeliveryOutcome.values();
            DeliveryKind[] kinds = DeliveryKind.values();
            deliveries = new LazyMeters<>(kinds.length * outcomes.length, index -> Counter.builder(ACCOUNT_DELIVERIES)
                    .description("Receipts and MOs sent to an account's receiver binds, by outcome")
                    .tags("system.id", systemId, "kind", tag(kinds[index / outcomes.length]),
                            "outcome", tag(outcomes[index % outcomes.length]))
                    .register(registry));
        }

        public void submitted(SubmitOutcome outcome) {
            submits[outcome.ordinal()].increment();
        }

        public void delivered(DeliveryKind kind, DeliveryOutcome outcome) {
            deliveries.get(kind.ordinal() * DeliveryOutcome.values().length + outcome.ordinal()).increment();
        }

        /** Registers the window gauge once per account: {@code inUse} sums the account's receiver sessions. */
        public void windowInUse(Supplier<Number> inUse) {
            gauge(ACCOUNT_WINDOW, "deliver_sm awaiting the account's response", "requests", inUse,
                    "system.id", systemId);
        }

        /** Registers the outbox gauges once per account: entries waiting, and the oldest one's age in seconds. */
        public void outbox(Supplier<Number> depth, Supplier<Number> oldestAgeSeconds) {
            gauge(ACCOUNT_OUTBOX_DEPTH, "Receipts and MOs waiting for the account", "entries", depth,
                    "system.id", systemId);
            gauge(ACCOUNT_OUTBOX_AGE, "Age of the oldest entry waiting for the account", "seconds",
                    oldestAgeSeconds, "system.id", systemId);
        }
    }

    /** Meters of one configured carrier: submit latency and status, receipt latency, binds, window, queue, rate. */
    public final class CarrierMeters {

        private final String carrier;
        private final LazyMeters<Timer> submits;
        private final Timer submitTimeouts;
        private final LazyMeters<Timer> receipts;

        private CarrierMeters(String carrier) {
            this.carrier = carrier;
            submits = new LazyMeters<>(StatusTag.SLOTS, slot -> timer(CARRIER_SUBMITS,
                    "submit_sm to a carrier, until its response", "carrier", carrier, "status",
                    StatusTag.value(slot)));
            submitTimeouts = timer(CARRIER_SUBMITS, "submit_sm to a carrier, until its response", "carrier", carrier,
                    "status", TIMEOUT);
            MessageStatus[] states = MessageStatus.values();
            receipts = new LazyMeters<>(states.length, ordinal -> timer(CARRIER_RECEIPTS,
                    "From our accept of a message to the carrier's final receipt for it", "carrier", carrier, "state",
                    tag(states[ordinal])));
        }

        public void submitted(CommandStatus status, long nanos) {
            submits.get(StatusTag.slot(status)).record(nanos, TimeUnit.NANOSECONDS);
        }

        public void submitTimedOut(long nanos) {
            submitTimeouts.record(nanos, TimeUnit.NANOSECONDS);
        }

        /** A final receipt arrived {@code nanos} after we accepted the message. */
        public void receipt(MessageStatus state, long nanos) {
            receipts.get(state.ordinal()).record(nanos, TimeUnit.NANOSECONDS);
        }

        /** Registers this carrier's gauges once: bound binds, requests in flight, allowed rate, queue. */
        public void gauges(Supplier<Number> boundBinds, Supplier<Number> windowInUse, Supplier<Number> allowedRate,
                           Supplier<Number> queueDepth, Supplier<Number> oldestQueuedSeconds) {
            gauge(CARRIER_BINDS, "Binds to the carrier that are bound", "binds", boundBinds, "carrier", carrier);
            gauge(CARRIER_WINDOW, "Requests to the carrier awaiting a response", "requests", windowInUse,
                    "carrier", carrier);
            gauge(CARRIER_RATE, "Messages per second the carrier is allowed now (adaptive rate)", "messages",
                    allowedRate, "carrier", carrier);
            gauge(CARRIER_QUEUE_DEPTH, "Messages waiting for the carrier", "messages", queueDepth,
                    "carrier", carrier);
            gauge(CARRIER_QUEUE_AGE, "Age of the oldest message waiting for the carrier", "seconds",
                    oldestQueuedSeconds, "carrier", carrier);
        }
    }
}
