package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.smsgate.protocol.smpp.session.SmppClient;
import io.smsgate.protocol.smpp.session.SessionListener;
import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.routing.CircuitState;
import io.smsgate.routing.FailoverDecision;
import io.smsgate.routing.Outcome;
import io.smsgate.routing.RouteAttempts;
import io.smsgate.routing.RouteCandidate;
import io.smsgate.routing.RoutePlan;
import io.smsgate.routing.RouteRequest;
import io.smsgate.routing.Router;
import io.smsgate.server.metrics.MeteredSessionListener;
import io.smsgate.server.metrics.SmppMeters;
import io.smsgate.server.pipeline.Dispatch;
import io.smsgate.server.pipeline.MoHook;
import io.smsgate.server.pipeline.OutboxSignal;
import io.smsgate.server.pipeline.ReleaseCheck;
import io.smsgate.server.routing.RouteRejections;
import io.smsgate.server.store.EventDetail;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.MultipartReceipts;
import io.smsgate.server.store.OpenMultipart;
import io.smsgate.server.store.ReceiptNotice;
import io.smsgate.server.store.StoreReader;
import io.smsgate.server.store.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Dispatch} of the gateway: asks the {@link Router} for each message's plan, hands the message to its
 * first route's {@link CarrierConnector}, and after an outcome there follows the router's failover decision (next
 * route, same route later, or failure with a client receipt). A message is on at most one route at a time: the
 * next route is tried only after the current attempt has ended.
 */
public final class CarrierDispatcher implements Dispatch, Outcomes, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CarrierDispatcher.class);
    private static final int RECOVERY_CHUNK = 1000;
    /** Keys tried per {@code probe-one-in} when a probe is due: a miss after 4×N tries has odds (1-1/N)^(4N) ≈ 2 %. */
    private static final int PROBE_KEY_TRIES_PER_ONE_IN = 4;
    /** An odd stride (the 64-bit golden ratio) so the keys tried differ in every bit the router's hash mixes. */
    private static final long PROBE_KEY_STRIDE = 0x9E3779B97F4A7C15L;

    private final Router router;
    private final ReleaseCheck releaseCheck;
    private final Journal journal;
    private final StoreReader reader;
    private final Clock clock;
    private final DispatchConfig config;
    /**
     * The longest unbind-timeout of any bind: how long a stop waits for the binds to drain and unbind (one takes
     * milliseconds; a carrier silent this long is gone).
     */
    private final Duration unbindWait;
    private final ClientNotices notices;
    /** Each configured carrier's multipart policy, for the messages start-up recovery finds with parts final. */
    private final Map<String, MultipartReceipts> multipartReceipts = new HashMap<>();
    private final Map<String, CarrierConnector> connectors = new LinkedHashMap<>();
    private final Map<String, ConnectorLoop> loops = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    /** Messages somewhere between dispatch and the end of their carrier attempts: never dispatched twice. */
    private final Set<MessageId> active = ConcurrentHashMap.newKeySet();
    /**
     * Connections lost with the message in flight, per message still on its way (InFlightPolicy.RESUBMIT): a message
     * whose submit_sm makes the carrier drop the connection every time fails after its carrier's
     * max-connection-resets instead of going round until max-route-wait. In memory only: after a restart the count
     * starts again, and the message is still failed after at most that many more.
     */
    private final Map<MessageId, Integer> connectionResets = new ConcurrentHashMap<>();
    /** Half-open carriers probed on purpose (item: a probe when due): carrier id → when the next probe may go. */
    private final Map<String, Instant> nextProbe = new ConcurrentHashMap<>();
    /** Set when closing starts: outcomes of the parts our own unbinds cut off are not acted on (see close). */
    private volatile boolean closing;

    public CarrierDispatcher(List<CarrierConfig> carriers, DispatchConfig config, Router router, Journal journal,
                             StoreReader reader, MessageIdGenerator outboxIds,
                             SmppTransport transport, MeterRegistry registry, Clock clock) {
        this(carriers, config, router, journal, reader, outboxIds, transport, registry, clock,
                OutboxSignal.NONE);
    }

    /** @param outboxSignal woken after each receipt or MO is committed to a client's outbox */
    public CarrierDispatcher(List<CarrierConfig> carriers, DispatchConfig config, Router router, Journal journal,
                             StoreReader reader, MessageIdGenerator outboxIds,
                             SmppTransport transport, MeterRegistry registry, Clock clock,
                             OutboxSignal outboxSignal) {
        this(carriers, config, router, journal, reader, outboxIds, transport, registry,
                new SmppMeters(registry, false), clock, outboxSignal);
    }

    /**
     * @param smpp the process's SMPP meters (one per registry): the carrier binds' sessions report to its carrier
     *     side, and each carrier's latency, receipt, window and queue meters are its carrier meters
     * @param outboxSignal woken after each receipt or MO is committed to a client's outbox
     */
    public CarrierDispatcher(List<CarrierConfig> carriers, DispatchConfig config, Router router, Journal journal,
                             StoreReader reader, MessageIdGenerator outboxIds,
                             SmppTransport transport, MeterRegistry registry, SmppMeters smpp, Clock clock,
                             OutboxSignal outboxSignal) {
        this(carriers, config, router, journal, reader, outboxIds, transport, registry, smpp, clock,
                outboxSignal, MoHook.NONE);
    }

    /**
     * @param smpp the process's SMPP meters (one per registry)
     * @param outboxSignal woken after each receipt or MO is committed to a client's outbox
     * @param moHook told of every MO before it goes to its account's outbox (opt-out keywords)
     */
    public CarrierDispatcher(List<CarrierConfig> carriers, DispatchConfig config, Router router, Journal journal,
                             StoreReader reader, MessageIdGenerator outboxIds,
                             SmppTransport transport, MeterRegistry registry, SmppMeters smpp, Clock clock,
                             OutboxSignal outboxSignal, MoHook moHook) {
        this(carriers, config, router, journal, reader, outboxIds, transport, registry, smpp, clock,
                outboxSignal, moHook, ReleaseCheck.NONE);
    }

    /**
     * @param smpp the process's SMPP meters (one per registry)
     * @param outboxSignal woken after each receipt or MO is committed to a client's outbox
     * @param moHook told of every MO before it goes to its account's outbox (opt-out keywords)
     * @param releaseCheck asked when a held message is due (opt-outs since it was accepted)
     */
    public CarrierDispatcher(List<CarrierConfig> carriers, DispatchConfig config, Router router, Journal journal,
                             StoreReader reader, MessageIdGenerator outboxIds,
                             SmppTransport transport, MeterRegistry registry, SmppMeters smpp, Clock clock,
                             OutboxSignal outboxSignal, MoHook moHook, ReleaseCheck releaseCheck) {
        this.releaseCheck = requireNonNull(releaseCheck, "releaseCheck");
        this.router = requireNonNull(router, "router");
        this.journal = requireNonNull(journal, "journal");
        this.reader = requireNonNull(reader, "reader");
        this.clock = requireNonNull(clock, "clock");
        this.config = requireNonNull(config, "config");
        this.unbindWait = carriers.stream().flatMap(carrier -> carrier.binds().stream()).map(BindConfig::unbindTimeout)
                .max(Duration::compareTo).orElse(BindConfig.DEFAULTS.unbindTimeout());
        this.notices = new ClientNotices(journal, outboxIds, clock, config.outboxExpiry(), outboxSignal);
        this.scheduler = daemonScheduler("carrier-dispatch");
        SmppClient client = new SmppClient(transport);
        LongSupplier ticker = System::nanoTime;
        SessionListener sessions = new MeteredSessionListener(smpp, SmppMeters.Side.CARRIER);
        long seed = clock.millis();
        for (CarrierConfig carrier : carriers) {
            if (connectors.containsKey(carrier.id())) {
                throw new IllegalArgumentException("carriers: '" + carrier.id() + "' (expected: defined once)");
            }
            // Each carrier's state and binds share one of the transport's loops (ConnectorLoop).
            ConnectorLoop executor = new ConnectorLoop("carrier-" + carrier.id(), transport.nextLoop());
            CarrierMeters meters = new CarrierMeters(registry, smpp, carrier.id());
            InboundHandler inbound = new InboundHandler(carrier.id(), carrier.profile(), journal, reader, notices,
                    meters, clock, executor, ticker, carrier.inFlight() == InFlightPolicy.WAIT,
                    router.health(), carrier.moReassembly(), moHook);
            loops.put(carrier.id(), executor);
            multipartReceipts.put(carrier.id(), carrier.profile().multipartReceipts());
            sweepIncompleteMos(executor, inbound, moSweepPeriod(carrier.moReassembly().timeout()));
            connectors.put(carrier.id(), new CarrierConnector(carrier, client, executor, ticker, clock,
                    router.health(), journal, this, inbound, meters, sessions, seed++));
        }
    }

    // Incomplete MOs are given up at most a fifth of their timeout late (between 1 s and 30 s), even from a carrier
    // that sends nothing more; the sweep stops with the carrier's loop.
    static Duration moSweepPeriod(Duration timeout) {
        Duration fifth = timeout.dividedBy(5);
        return fifth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : fifth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : fifth;
    }

    private static void sweepIncompleteMos(ConnectorLoop loop, InboundHandler inbound, Duration period) {
        loop.schedule(() -> {
            inbound.expireIncompleteMos();
            sweepIncompleteMos(loop, inbound, period);
        }, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return LoggingScheduler.create(name);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Opens every carrier's binds. */
    public void start() {
        connectors.values().forEach(CarrierConnector::start);
    }

    /**
     * Start-up recovery: every non-final message in the store goes through {@link #dispatch} again (QUEUED ones are
     * submitted, SUBMITTED ones wait for their receipt). Blocking; run before the listeners open. Returns how many.
     */
    public int recover(StoreReader reader) {
        int count = reader.forEachPendingMessage(this::dispatch);
        log.info("carrier dispatch recovered messages={}", count);
        return count;
    }

    /**
     * Start-up recovery of client receipts: first makes final, with its client's receipt, every open multipart message
     * whose parts' receipts already decide it under its carrier's policy (a part's receipt committed before the
     * Journal combined parts in the same transaction); then queues the receipt of every final message created since
     * {@code since} that asked for one and never got it into the outbox (a crash between the two commits). Blocking;
     * run before {@link #start}, so that no live receipt races it for the same message. Returns how many owed
     * receipts it queued.
     */
    public int recoverReceipts(StoreReader reader, Instant since) {
        List<CompletableFuture<Boolean>> queued = new ArrayList<>();
        int[] combined = {0};
        reader.forEachOpenMultipart(open -> {
            // A carrier no longer configured: ALL_PARTS, which needs every part's final receipt, decides safely.
            MultipartReceipts policy = multipartReceipts.getOrDefault(open.carrierId(), MultipartReceipts.ALL_PARTS);
            int decisive = policy == MultipartReceipts.FIRST_PART ? 0 : open.parts().size() - 1;
            policy.decidingPart(decisive, open.states()).ifPresent(index -> {
                combined[0]++;
                queued.add(journal.submit(combinedAtStartUp(open, open.parts().get(index))));
            });
            if (queued.size() >= RECOVERY_CHUNK) {
                awaitAll(queued);
            }
        });
        awaitAll(queued);
        int count = reader.forEachOwedReceipt(since, owed -> {
            MessageStatus status = owed.message().status();
            queued.add(notices.receipt(owed.message(), status,
                    owed.stat().orElseGet(() -> InboundHandler.stat(status)), owed.error()));
            if (queued.size() >= RECOVERY_CHUNK) {
                awaitAll(queued);
            }
        });
        awaitAll(queued);
        if (combined[0] > 0) {
            log.warn("carrier dispatch made final multipart messages whose parts were final messages={}",
                    combined[0]);
        }
        if (count > 0) {
            log.warn("carrier dispatch queued receipts a crash left owed receipts={}", count);
        }
        return count;
    }

    /**
     * The final state the deciding part's receipt gives {@code open}, with that receipt's stat and err in the event and
     * in the client's receipt, which commits with it (a Transition's notice) as a live receipt's does.
     */
    private JournalWrite.Transition combinedAtStartUp(OpenMultipart open, OpenMultipart.Part deciding) {
        MessageStatus status = deciding.state().orElseThrow();
        String stat = deciding.receiptStat().orElseGet(() -> InboundHandler.stat(status));
        ReceiptNotice notice = (subject, state) -> notices.receiptRow(subject, state, stat, deciding.errorCode());
        EventDetail detail = new EventDetail(Optional.of(open.carrierId()), Optional.empty(), OptionalInt.empty(),
                deciding.receiptStat(), deciding.errorCode(), Optional.of("parts combined at start-up"));
        return JournalWrite.Transition.fromPending(open.messageId(), status, detail, clock.instant())
                .withNotice(notice);
    }

    // Waits in chunks so that recovery never offers the Journal more than its queue holds.
    private static void awaitAll(List<CompletableFuture<Boolean>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        futures.clear();
    }

    public Optional<CarrierConnector> connector(String carrierId) {
        return Optional.ofNullable(connectors.get(carrierId));
    }

    @Override
    public boolean canAccept() {
        for (CarrierConnector connector : connectors.values()) {
            if (!connector.canAccept()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int queueDepth() {
        int depth = 0;
        for (CarrierConnector connector : connectors.values()) {
            depth += connector.queueDepth();
        }
        return depth;
    }

    @Override
    public void dispatch(StoredMessage message) {
        requireNonNull(message, "message");
        if (message.status() != MessageStatus.QUEUED) {
            // SUBMITTED: the carrier has it; its receipt (or the validity period) ends it. Final: nothing to do.
            return;
        }
        if (!active.add(message.id())) {
            return;
        }
        Instant now = clock.instant();
        Optional<Instant> notBefore = message.message().notBefore();
        if (notBefore.isPresent() && notBefore.get().isAfter(now)) {
            hold(message, notBefore.get(), now);
            return;
        }
        // A scheduled message found due (recovery after its time passed) is checked as one released from hold.
        if (notBefore.isPresent() && refusedAtRelease(message)) {
            return;
        }
        route(message, now);
    }

    /**
     * schedule_delivery_time (SMPP 3.4 §5.2.14): the message waits here until its time, then is read again, so that
     * a cancel_sm or replace_sm that came meanwhile is what goes (or does not go) to the carrier. Only its id is
     * held, not its text. A restart holds it again through recovery.
     */
    private void hold(StoredMessage message, Instant until, Instant now) {
        log.debug("carrier dispatch held message_id={} until={}", message.id(), until);
        MessageId id = message.id();
        scheduler.schedule(() -> release(id), Duration.between(now, until).toNanos(), TimeUnit.NANOSECONDS);
    }

    private void release(MessageId id) {
        reader.findMessage(id).whenComplete((found, error) -> {
            if (error != null) {
                log.warn("carrier dispatch held message not read message_id={} retry_in={} cause={}", id,
                        config.rerouteDelay(), error.toString());
                scheduler.schedule(() -> release(id), config.rerouteDelay().toNanos(), TimeUnit.NANOSECONDS);
            } else if (found.isPresent() && found.get().status() == MessageStatus.QUEUED) {
                if (!refusedAtRelease(found.get())) {
                    route(found.get(), clock.instant());
                }
            } else {
                log.debug("carrier dispatch held message no longer queued message_id={} status={}", id,
                        found.map(StoredMessage::status).map(Enum::name).orElse("gone"));
                active.remove(id);
            }
        });
    }

    /**
     * Whether a held message, now due, is refused by the {@link ReleaseCheck} (its recipient opted out meanwhile); if
     * so it ends REJECTED here, with its receipt, and never reaches a carrier.
     */
    private boolean refusedAtRelease(StoredMessage message) {
        Optional<ReleaseCheck.Refusal> refusal = releaseCheck.refusal(message.message());
        refusal.ifPresent(r -> end(message, MessageStatus.REJECTED, OptionalInt.of(r.commandStatus()), "REJECTD",
                r.detail()));
        return refusal.isPresent();
    }

    private void route(StoredMessage message, Instant firstRoutedAt) {
        Instant now = clock.instant();
        if (expired(message, now)) {
            expire(message);
            return;
        }
        NewMessageView view = new NewMessageView(message);
        RoutePlan plan = router.decide(view.request(message.id().value()), now);
        if (probeDue(now)) {
            plan = probing(view, message.id().value(), plan, now);
        }
        if (plan instanceof RoutePlan.Routed routed) {
            toCarrier(new Job(message, new RouteAttempts(routed, 0, firstRoutedAt)));
            return;
        }
        RoutePlan.Rejected rejected = (RoutePlan.Rejected) plan;
        if (rejected.reason().retryable() && now.isBefore(firstRoutedAt.plus(config.maxRouteWait()))) {
            log.debug("carrier dispatch no usable route message_id={} reason={} retry_in={}", message.id(),
                    rejected.reason(), config.rerouteDelay());
            scheduler.schedule(() -> route(message, firstRoutedAt), config.rerouteDelay().toNanos(),
                    TimeUnit.NANOSECONDS);
            return;
        }
        fail(message, OptionalInt.of(RouteRejections.commandStatus(rejected.reason()).code()), "UNDELIV",
                "no route: " + rejected.reason() + " " + rejected.detail());
    }

    /** Whether some carrier's breaker is half-open and its probe is due: a few map reads per routed message. */
    private boolean probeDue(Instant now) {
        long nowMillis = now.toEpochMilli();
        for (String carrierId : connectors.keySet()) {
            if (router.health().status(carrierId).circuitAt(nowMillis) == CircuitState.HALF_OPEN
                    && !now.isBefore(nextProbe.getOrDefault(carrierId, Instant.EPOCH))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The router lets one routing key in {@code probe-one-in} probe a half-open breaker, by a hash of the key: with
     * little traffic, or one message waiting for a route and decided again with its own key, no probe may ever go
     * and the breaker never closes. When a probe is due this asks the router again with other keys for the same
     * message until a plan probes a due carrier, and takes that plan; at most one probe per carrier per
     * {@code dispatch.probe-interval}.
     */
    private RoutePlan probing(NewMessageView view, long key, RoutePlan plan, Instant now) {
        if (probesDueCarrier(plan, now)) {
            return plan;
        }
        int tries = PROBE_KEY_TRIES_PER_ONE_IN * Math.max(1, router.health().config().probeOneIn());
        for (int i = 1; i <= tries; i++) {
            RoutePlan other = router.decide(view.request(key + i * PROBE_KEY_STRIDE), now);
            if (probesDueCarrier(other, now)) {
                return other;
            }
        }
        return plan;
    }

    /** Whether {@code plan} probes a carrier whose probe is due; if so, that carrier's next probe is scheduled. */
    private boolean probesDueCarrier(RoutePlan plan, Instant now) {
        if (!(plan instanceof RoutePlan.Routed routed)) {
            return false;
        }
        for (RouteCandidate candidate : routed.candidates()) {
            if (candidate.choice() == RouteCandidate.Choice.PROBE
                    && !now.isBefore(nextProbe.getOrDefault(candidate.carrierId(), Instant.EPOCH))) {
                nextProbe.put(candidate.carrierId(), now.plus(config.probeInterval()));
                log.info("carrier probe carrier={} reason=half-open", candidate.carrierId());
                return true;
            }
        }
        return false;
    }

    private void toCarrier(Job job) {
        CarrierConnector connector = connectors.get(job.carrierId());
        if (connector == null) {
            log.warn("carrier dispatch route names an unknown carrier carrier={} message_id={}", job.carrierId(),
                    job.message.id());
            moveOn(job, new Outcome.BindDown());
            return;
        }
        connector.offer(job);
    }

    @Override
    public void moveOn(Job job, Outcome outcome) {
        if (closing) {
            // Stopping: the message stays as the store has it (QUEUED, or SUBMITTED once a carrier took a part) and
            // recovery carries it on at the next start; routing it now would only race the loops' shutdown.
            log.debug("carrier dispatch left for recovery message_id={} outcome={}", job.message.id(), outcome);
            active.remove(job.message.id());
            return;
        }
        FailoverDecision decision = router.failover(job.attempts, outcome, clock.instant());
        if (decision instanceof FailoverDecision.TryNext next) {
            log.info("carrier failover message_id={} from={} to={} outcome={}", job.message.id(), job.carrierId(),
                    next.attempts().route().carrierId(), outcome);
            toCarrier(new Job(job.message, next.attempts()));
        } else if (decision instanceof FailoverDecision.RetrySame same) {
            later(new Job(job.message, same.attempts()), retryDelay(job));
        } else {
            FailoverDecision.Fail fail = (FailoverDecision.Fail) decision;
            switch (fail.reason()) {
                // The whole plan is down, or the policy keeps timeouts on their route and ours resubmits: try the
                // plan again later, within its max-route-wait.
                case ROUTES_EXHAUSTED, RESPONSE_TIMEOUT -> {
                    if (outcome instanceof Outcome.SubmitFailed failed) {
                        fail(job.message, OptionalInt.of(failed.commandStatus()), "UNDELIV", fail.detail());
                    } else if (fail.reason() == RoutePlan.Reason.RESPONSE_TIMEOUT) {
                        later(new Job(job.message, job.attempts), retryDelay(job));
                    } else {
                        scheduler.schedule(() -> route(job.message, job.attempts.firstRoutedAt()),
                                config.rerouteDelay().toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
                default -> fail(job.message, outcome instanceof Outcome.SubmitFailed failed
                        ? OptionalInt.of(failed.commandStatus()) : OptionalInt.empty(), "UNDELIV", fail.detail());
            }
        }
    }

    @Override
    public void connectionLost(Job job) {
        if (closing) {
            moveOn(job, new Outcome.ResponseTimeout());
            return;
        }
        MessageId id = job.message.id();
        int resets = connectionResets.merge(id, 1, Integer::sum);
        CarrierConnector connector = connectors.get(job.carrierId());
        int max = connector == null ? CarrierConfig.DEFAULT_MAX_CONNECTION_RESETS
                : connector.config().maxConnectionResets();
        if (resets < max) {
            moveOn(job, new Outcome.ResponseTimeout());
            return;
        }
        log.warn("carrier dispatch gave up message_id={} carrier={} connection_resets={} max={}", id,
                job.carrierId(), resets, max);
        fail(job.message, OptionalInt.empty(), "UNDELIV", "connection to carrier " + job.carrierId()
                + " lost with the message in flight " + resets + " times (carriers." + job.carrierId()
                + ".max-connection-resets: " + max + ")");
    }

    private Duration retryDelay(Job job) {
        CarrierConnector connector = connectors.get(job.carrierId());
        return connector == null ? config.rerouteDelay() : connector.config().retryDelay();
    }

    private void later(Job job, Duration delay) {
        scheduler.schedule(() -> toCarrier(job), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void submitted(Job job) {
        connectionResets.remove(job.message.id());
        active.remove(job.message.id());
    }

    @Override
    public void refused(Job job, int commandStatus, String reason) {
        fail(job.message, OptionalInt.of(commandStatus), "REJECTD", reason);
    }

    @Override
    public void expired(Job job) {
        expire(job.message);
    }

    /** Whether the message's validity_period ended before {@code now}. */
    static boolean expired(StoredMessage message, Instant now) {
        return message.message().validityUntil().map(until -> !now.isBefore(until)).orElse(false);
    }

    private void expire(StoredMessage message) {
        end(message, MessageStatus.EXPIRED, OptionalInt.empty(), "EXPIRED",
                "validity period ended " + message.message().validityUntil().map(Instant::toString).orElse("")
                        + " before submission");
    }

    private void fail(StoredMessage message, OptionalInt commandStatus, String stat, String reason) {
        end(message, MessageStatus.FAILED, commandStatus, stat, reason);
    }

    private void end(StoredMessage message, MessageStatus status, OptionalInt commandStatus, String stat,
                     String reason) {
        Optional<String> error = commandStatus.isPresent()
                ? Optional.of(String.format("%03x", commandStatus.getAsInt())) : Optional.empty();
        EventDetail detail = new EventDetail(Optional.empty(), Optional.empty(), commandStatus, Optional.of(stat),
                error, Optional.of(reason.length() > 200 ? reason.substring(0, 200) : reason));
        log.info("carrier dispatch ended message_id={} status={} reason={}", message.id(), status, reason);
        journal.submit(JournalWrite.Transition.fromPending(message.id(), status, detail, clock.instant()))
                .thenCompose(moved -> moved
                        ? notices.receipt(message, status, stat, error)
                        : CompletableFuture.completedFuture(false))
                .whenComplete((sent, e) -> {
                    connectionResets.remove(message.id());
                    active.remove(message.id());
                    if (e != null) {
                        log.warn("carrier dispatch failure not stored message_id={} cause={}", message.id(),
                                e.toString());
                    }
                });
    }

    /** Unbinds every carrier (windows drain) within the binds' unbind-timeout and stops the dispatcher's threads. */
    @Override
    public void close() {
        close(unbindWait);
    }

    /**
     * Unbinds every carrier's binds at once, waits for them together at most {@code timeout}
     * ({@code node.shutdown-timeout}'s share) or the longest {@code unbind-timeout} of the binds, whichever is less,
     * then stops the dispatcher's threads.
     * Messages queued or in flight are not failed or rerouted: they stay in the store as they are and recovery
     * carries them on at the next start. (Before, each connector was closed in turn, each waiting up to 5 s for an
     * unbind a silent carrier never answers, and without bound for its thread when that was busy.)
     */
    public void close(Duration timeout) {
        closing = true;
        Duration wait = timeout.compareTo(unbindWait) < 0 ? timeout : unbindWait;
        long deadline = System.nanoTime() + wait.toNanos();
        List<CompletableFuture<Void>> unbinds = new ArrayList<>();
        for (CarrierConnector connector : connectors.values()) {
            CompletableFuture<Void> unbound = new CompletableFuture<>();
            daemon(() -> {
                try {
                    connector.close(wait);
                    unbound.complete(null);
                } catch (RuntimeException e) {
                    unbound.completeExceptionally(e);
                }
            }, "carrier-close-" + connector.config().id()).start();
            unbinds.add(unbound);
        }
        try {
            CompletableFuture.allOf(unbinds.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.info("carrier dispatch stopped before every unbind finished wait={} cause={}", wait,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        loops.values().forEach(ConnectorLoop::shutdown);
    }

    /** The routing fields of a stored message. */
    private record NewMessageView(String systemId, String destination, String source) {
        NewMessageView(StoredMessage message) {
            this(message.message().systemId(), message.message().destination().address(),
                    message.message().source().address());
        }

        RouteRequest request(long routingKey) {
            return RouteRequest.of(systemId, destination, source, routingKey);
        }
    }
}
