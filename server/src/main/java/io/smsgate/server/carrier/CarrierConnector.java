package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.smsgate.protocol.dlr.CorrelationKey;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.session.ClientConfig;
import io.smsgate.protocol.smpp.session.SessionConfig;
import io.smsgate.protocol.smpp.session.SessionException;
import io.smsgate.protocol.smpp.session.SessionListener;
import io.smsgate.protocol.smpp.session.SmppClient;
import io.smsgate.protocol.smpp.session.SmppSession;
import io.smsgate.protocol.smpp.session.WindowConfig;
import io.smsgate.routing.HealthBoard;
import io.smsgate.routing.Outcome;
import io.smsgate.routing.SubmitResult;
import io.smsgate.server.store.Correlation;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of one carrier: its N binds (each with its own window, halved after a connection lost mid-window
 * ({@link BindWindow}), adaptive token-bucket rate, enquire_link, response and bind timers, reconnect with capped
 * exponential back-off and jitter), a bounded queue of messages,
 * and the reading of every submit_sm_resp by the carrier's status table (SMPP 3.4 §4.4, reliability.md Checklist B).
 *
 * <p>All state lives on one thread, the connector's {@link ConnectorLoop}: the event loop its binds' sessions are
 * opened on, so a part is sent and its submit_sm_resp acted on without a hand-off between threads; nothing here
 * needs a lock, and nothing here blocks.
 */
public final class CarrierConnector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CarrierConnector.class);

    private enum BindState { DOWN, CONNECTING, BOUND }

    private final CarrierConfig config;
    private final SmppClient client;
    private final ConnectorLoop executor;
    private final LongSupplier ticker;
    private final Clock clock;
    private final HealthBoard health;
    private final Journal journal;
    private final Outcomes outcomes;
    private final CarrierEncoder encoder;
    private final CarrierMeters meters;
    private final InboundHandler inbound;
    private final SessionListener sessions;
    private final Optional<SslContext> tls;
    private final List<CarrierBind> binds = new ArrayList<>();
    private final ArrayDeque<Job> ready = new ArrayDeque<>();
    private final Queue<Job> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean arrivalsScheduled = new AtomicBoolean();
    private final Runnable takeArrivals = this::takeArrivals;
    private final AtomicInteger queued = new AtomicInteger();
    private final SplittableRandom random;
    private volatile boolean running;
    private volatile int bindsUp;
    /** When the job at the head of the queue became ready (ticker nanos), 0 when the queue is empty: for the gauge. */
    private volatile long headReadySince;
    private boolean pumpScheduled;
    private int nextBind;

    CarrierConnector(CarrierConfig config, SmppClient client, ConnectorLoop executor, LongSupplier ticker,
                     Clock clock, HealthBoard health, Journal journal, Outcomes outcomes, InboundHandler inbound,
                     CarrierMeters meters, SessionListener sessions, long seed) {
        this.config = requireNonNull(config, "config");
        this.client = requireNonNull(client, "client");
        this.executor = requireNonNull(executor, "executor");
        this.ticker = requireNonNull(ticker, "ticker");
        this.clock = requireNonNull(clock, "clock");
        this.health = requireNonNull(health, "health");
        this.journal = requireNonNull(journal, "journal");
        this.outcomes = requireNonNull(outcomes, "outcomes");
        this.inbound = requireNonNull(inbound, "inbound");
        this.meters = requireNonNull(meters, "meters");
        this.sessions = requireNonNull(sessions, "sessions");
        this.encoder = new CarrierEncoder(config.profile(),
                io.smsgate.protocol.text.ReferenceGenerator.counter((int) (seed & 0xFF)));
        this.random = new SplittableRandom(seed);
        this.tls = tlsContext(config);
        for (int i = 0; i < config.binds().size(); i++) {
            BindConfig bind = config.binds().get(i);
            binds.add(new CarrierBind(i, bind, new AdaptiveRate(bind.tps(), config.rate(), ticker)));
        }
        meters.gauges(this::windowInUse, () -> bindsUp, queued::get, this::rate, this::headAgeSeconds);
    }

    private static Optional<SslContext> tlsContext(CarrierConfig config) {
        if (!config.tls()) {
            return Optional.empty();
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2");
            config.trustCertificates().ifPresent(path -> builder.trustManager(path.toFile()));
            return Optional.of(builder.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("carriers." + config.id() + ".tls: " + e.getMessage(), e);
        }
    }

    public String id() {
        return config.id();
    }

    public CarrierConfig config() {
        return config;
    }

    /** Opens every bind; each keeps reconnecting until {@link #close()}. */
    public void start() {
        running = true;
        log.info("carrier starting carrier={} binds={} remote={}:{}", config.id(), binds.size(), config.host(),
                config.port());
        executor.execute(() -> binds.forEach(CarrierBind::connect));
    }

    /** Whether the queue has room for another message (a hint from any thread). */
    public boolean canAccept() {
        return queued.get() < config.queueCapacity();
    }

    /** Messages at this carrier: waiting, waiting for a retry, or in flight. */
    public int queueDepth() {
        return queued.get();
    }

    /** Binds bound right now. */
    public int boundBinds() {
        return bindsUp;
    }

    /**
     * Takes a job for this carrier; from any thread. Jobs arrive a committed batch at a time from a Journal completion
     * thread: they wait in {@link #arrivals} for one task on the connector's loop, not a task (and a wake-up) each.
     */
    void offer(Job job) {
        queued.incrementAndGet();
        arrivals.add(job);
        if (!arrivalsScheduled.get() && arrivalsScheduled.compareAndSet(false, true)) {
            executor.execute(takeArrivals);
        }
    }

    private void takeArrivals() {
        // Reset before taking: a job added after the last poll schedules the next task.
        arrivalsScheduled.set(false);
        for (Job job = arrivals.poll(); job != null; job = arrivals.poll()) {
            job.parts = List.of();
            job.next = 0;
            job.temporaryFailures = 0;
            job.queuedAtNanos = ticker.getAsLong();
            job.readySinceNanos = job.queuedAtNanos;
            ready.addLast(job);
        }
        pump();
    }

    private void leave() {
        queued.decrementAndGet();
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    private void pump() {
        if (allDown()) {
            // B1: nothing can carry the queue here; the router sends it on to the next route, or back later.
            while (!ready.isEmpty()) {
                Job job = ready.pollFirst();
                leave();
                outcomes.moveOn(job, new Outcome.BindDown());
            }
            headReadySince = 0;
            return;
        }
        long wait = Long.MAX_VALUE;
        while (!ready.isEmpty()) {
            CarrierBind bind = null;
            for (int i = 0; i < binds.size(); i++) {
                CarrierBind candidate = binds.get((nextBind + i) % binds.size());
                if (!candidate.canTransmit()) {
                    continue;
                }
                long untilToken = candidate.rate.nanosUntilToken();
                if (untilToken > 0) {
                    wait = Math.min(wait, untilToken);
                    continue;
                }
                bind = candidate;
                nextBind = (nextBind + i + 1) % binds.size();
                break;
            }
            if (bind == null) {
                break;
            }
            bind.rate.tryAcquire();
            send(ready.pollFirst(), bind);
        }
        Job head = ready.peekFirst();
        if (head != null && head.readySinceNanos == 0) {
            head.readySinceNanos = ticker.getAsLong();
        }
        headReadySince = head == null ? 0 : head.readySinceNanos;
        if (!ready.isEmpty() && wait != Long.MAX_VALUE && !pumpScheduled) {
            pumpScheduled = true;
            executor.schedule(() -> {
                pumpScheduled = false;
                pump();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private boolean allDown() {
        for (CarrierBind bind : binds) {
            if (bind.state != BindState.DOWN) {
                return false;
            }
        }
        return true;
    }

    private void send(Job job, CarrierBind bind) {
        if (job.next == 0 && CarrierDispatcher.expired(job.message, clock.instant())) {
            // SMPP 3.4 §5.2.15: past its validity the message is not submitted; the bind's token goes unused.
            leave();
            outcomes.expired(job);
            return;
        }
        if (job.parts.isEmpty()) {
            // Issue #4, heap per in-flight message: the parts are encoded when the first one goes, not when the job
            // is queued, so a queued message holds only its stored form and its PDUs (a second copy of the text,
            // with headers) live only while a window slot carries it.
            CarrierEncoder.Encoded encoded = encoder.encode(job.message.message());
            if (encoded instanceof CarrierEncoder.Encoded.Refused refused) {
                leave();
                outcomes.refused(job, CommandStatus.ESME_RINVMSGLEN.code(), refused.reason());
                return;
            }
            job.parts = ((CarrierEncoder.Encoded.Parts) encoded).parts();
        }
        long now = ticker.getAsLong();
        if (job.next == 0 && job.queuedAtNanos != 0) {
            meters.queueWait.record(now - job.queuedAtNanos, TimeUnit.NANOSECONDS);
            job.queuedAtNanos = 0;
        }
        job.readySinceNanos = 0;
        meters.sent(bind.index);
        SubmitSm part = CarrierEncoder.timed(job.parts.get(job.next), job.message.message().validityUntil(),
                clock.instant());
        SmppSession session = bind.session;
        bind.inFlight++;
        CompletableFuture<Response> answer = session.send(part);
        if (answer.isDone()) {
            // Refused before it was written (window full, closed): acted on after this pump, not inside it.
            answer.whenComplete((response, error) ->
                    executor.execute(() -> answered(job, bind, session, now, response, error)));
            return;
        }
        // The answer completes on the session's loop, ours: acted on there at once, without a hand-off.
        answer.whenComplete((response, error) -> {
            if (executor.inLoop()) {
                answered(job, bind, session, now, response, error);
            } else {
                executor.execute(() -> answered(job, bind, session, now, response, error));
            }
        });
    }

    private void answered(Job job, CarrierBind bind, SmppSession session, long sentAt, Response response,
                          Throwable error) {
        long elapsed = ticker.getAsLong() - sentAt;
        bind.inFlight--;
        String country = job.attempts.route().country();
        if (error != null) {
            SessionException failure = unwrap(error);
            switch (failure == null ? SessionException.Reason.CLOSED : failure.reason()) {
                case RESPONSE_TIMEOUT, MALFORMED_RESPONSE -> unknownOutcome(job, elapsed, country, true, false);
                case CLOSED -> {
                    boolean alone = running && bind.inFlightAtLoss(session) == 1;
                    bind.lostInFlight(session);
                    unknownOutcome(job, elapsed, country, false, alone);
                }
                case WINDOW_FULL, NOT_WRITABLE, BIND_STATE, CONNECT_FAILED, BIND_REJECTED -> {
                    // Not sent: it goes first again, on whichever bind can take it.
                    ready.addFirst(job);
                    pump();
                }
            }
            return;
        }
        CommandStatus status = response.commandStatus();
        meters.answered(status, elapsed);
        bind.answeredOn(session);
        OptionalInt congestion = response instanceof SubmitSmResp resp ? resp.tlvs().congestionState()
                : OptionalInt.empty();
        StatusClass statusClass = response instanceof SubmitSmResp || !status.isOk()
                ? config.statuses().classify(status.code()) : StatusClass.TEMPORARY;
        Duration latency = Duration.ofNanos(elapsed);
        switch (statusClass) {
            case SUCCESS -> {
                bind.rate.answered(congestion);
                health.submitted(config.id(), country, SubmitResult.ACCEPTED, latency, clock.instant());
                recordSubmission(job, (SubmitSmResp) response);
                job.next++;
                if (job.next < job.parts.size()) {
                    ready.addFirst(job);
                } else {
                    leave();
                    outcomes.submitted(job);
                }
            }
            case THROTTLED -> {
                bind.rate.throttled();
                meters.throttled.increment();
                log.debug("carrier throttled carrier={} bind={} status={} rate={}", config.id(), bind.index, status,
                        bind.rate.rate());
                health.submitted(config.id(), country, SubmitResult.THROTTLED, latency, clock.instant());
                retryLater(job);
            }
            case TEMPORARY -> {
                bind.rate.answered(congestion);
                health.submitted(config.id(), country, SubmitResult.ERROR, latency, clock.instant());
                job.temporaryFailures++;
                if (job.temporaryFailures > config.maxTemporaryRetries()) {
                    leave();
                    outcomes.moveOn(job, new Outcome.SubmitFailed(status.code()));
                } else {
                    retryLater(job);
                }
            }
            case ROUTE_FAILURE -> {
                bind.rate.answered(congestion);
                health.submitted(config.id(), country, SubmitResult.ERROR, latency, clock.instant());
                leave();
                outcomes.moveOn(job, new Outcome.SubmitFailed(status.code()));
            }
            case PERMANENT -> {
                // The message's fault, not the route's: the carrier's health is not charged with it.
                bind.rate.answered(congestion);
                leave();
                outcomes.refused(job, status.code(), "carrier " + config.id() + " answered " + status);
            }
        }
        pump();
    }

    /**
     * B4/B15: no answer (timeout, or the connection went with the part in the window); the per-carrier policy.
     *
     * <p>Only a response timeout is the carrier failing this submit. A connection that closes fails every part in
     * its window at once, and the health board already hears of it once, as the bind going down: charging each of
     * those parts as a timeout too would let one reset of a full window (window >= the breaker's consecutive
     * failures) open the carrier's breaker, and park every message of a single-route plan until max-route-wait
     * fails it, while the bind is up again.
     */
    private void unknownOutcome(Job job, long elapsed, String country, boolean timedOut, boolean aloneOnLoss) {
        meters.timedOut(Duration.ofNanos(elapsed));
        if (timedOut) {
            health.submitted(config.id(), country, SubmitResult.TIMEOUT, Duration.ofNanos(elapsed), clock.instant());
        }
        switch (config.inFlight()) {
            case RESUBMIT -> {
                meters.resubmissions.increment();
                log.info("carrier outcome unknown carrier={} message_id={} part={}/{} policy=resubmit", config.id(),
                        job.message.id(), job.next + 1, job.parts.size());
                leave();
                if (aloneOnLoss) {
                    outcomes.connectionLost(job);
                } else {
                    outcomes.moveOn(job, new Outcome.ResponseTimeout());
                }
            }
            case WAIT -> {
                log.info("carrier outcome unknown carrier={} message_id={} part={}/{} policy=wait", config.id(),
                        job.message.id(), job.next + 1, job.parts.size());
                // The part stays open for the carrier's receipt, recorded under its addresses (WaitKeys): a
                // receipt whose carrier id matches nothing is correlated by them when it comes.
                String waitKey = WaitKeys.ofSubmit(job.parts.get(job.next).message());
                journal.submit(new JournalWrite.RecordSubmission(job.message.id(), config.id(), waitKey, job.next,
                        job.parts.size(), clock.instant(), inbound.receiptNotice(),
                        config.profile().multipartReceipts()))
                        .whenComplete((correlation, error) -> {
                            if (error != null) {
                                log.error("carrier unknown outcome not recorded carrier={} message_id={} cause={}",
                                        config.id(), job.message.id(), error.toString());
                            } else if (correlation.outcome() == Correlation.Outcome.MATCHED) {
                                inbound.applied(correlation);
                            }
                        });
                job.next++;
                if (job.next < job.parts.size()) {
                    ready.addFirst(job);
                } else {
                    leave();
                    outcomes.submitted(job);
                }
            }
        }
        pump();
    }

    private void retryLater(Job job) {
        if (job.next == 0) {
            // The carrier has none of its parts: they are encoded again when it goes, not held while it waits.
            job.parts = List.of();
        }
        executor.schedule(() -> {
            ready.addLast(job);
            pump();
        }, config.retryDelay().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The carrier took a part: record it (SUBMITTED, its id for the receipt) as fast as the Journal commits. */
    private void recordSubmission(Job job, SubmitSmResp response) {
        CorrelationKey key = config.profile().ids().fromSubmitResp(response.messageId());
        String canonical;
        if (key instanceof CorrelationKey.Canonical found) {
            canonical = found.value();
        } else {
            log.warn("carrier message id not in its format carrier={} message_id={} {}", config.id(),
                    job.message.id(), ((CorrelationKey.Refused) key).reason());
            canonical = response.messageId().isEmpty() ? "-" : response.messageId();
        }
        long ackAt = ticker.getAsLong();
        journal.submit(new JournalWrite.RecordSubmission(job.message.id(), config.id(), canonical, job.next,
                job.parts.size(), clock.instant(), inbound.receiptNotice(), config.profile().multipartReceipts()))
                .whenComplete((correlation, error) -> {
                    meters.ackToCommit.record(ticker.getAsLong() - ackAt, TimeUnit.NANOSECONDS);
                    if (error != null) {
                        // The row stays QUEUED: recovery will submit it again, a counted duplicate.
                        meters.resubmissions.increment();
                        log.error("carrier submission not recorded carrier={} message_id={} cause={}", config.id(),
                                job.message.id(), error.toString());
                    } else if (correlation.outcome() == Correlation.Outcome.MATCHED) {
                        inbound.applied(correlation);
                    }
                });
    }

    private static SessionException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof SessionException e ? e : null;
    }

    private int windowInUse() {
        int total = 0;
        for (CarrierBind bind : binds) {
            SmppSession session = bind.session;
            if (session != null) {
                total += session.outstanding();
            }
        }
        return total;
    }

    /** Seconds the message at the head of the queue (the next to go out) has waited there; 0 when none waits. */
    private double headAgeSeconds() {
        long since = headReadySince;
        return since == 0 ? 0 : Math.max(0, ticker.getAsLong() - since) / 1e9;
    }

    private double rate() {
        double total = 0;
        for (CarrierBind bind : binds) {
            if (bind.state == BindState.BOUND && bind.config.type().canTransmit()) {
                total += bind.rate.rate();
            }
        }
        return total;
    }

    /** Rates of the transmitting binds, for tests and the admin view. */
    List<Double> bindRates() {
        CompletableFuture<List<Double>> rates = CompletableFuture.supplyAsync(() -> binds.stream()
                .map(bind -> bind.rate.rate()).toList(), executor);
        return rates.join();
    }

    /** Unbinds every bind (draining their windows) and stops reconnecting; waits up to {@code timeout}. */
    public void close(Duration timeout) {
        running = false;
        CompletableFuture<List<CompletableFuture<Void>>> closing = CompletableFuture.supplyAsync(() -> {
            List<CompletableFuture<Void>> closed = new ArrayList<>();
            for (CarrierBind bind : binds) {
                if (bind.session != null) {
                    closed.add(bind.session.unbind());
                }
            }
            return closed;
        }, executor);
        try {
            CompletableFuture.allOf(closing.join().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.info("carrier unbind incomplete carrier={} cause={}", config.id(), e.toString());
        }
        log.info("carrier stopped carrier={}", config.id());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /**
     * What bind {@code bind} of {@code carrier} connects with: its bind PDU, window, timers and the carrier's
     * requests it may hold (SMPP 3.4 §7.2), every one from the carrier's configuration.
     */
    static ClientConfig clientConfig(CarrierConfig carrier, BindConfig bind, Optional<SslContext> tls) {
        Bind request = new Bind(1, bind.type(), carrier.systemId(), carrier.password(), carrier.systemType(),
                carrier.interfaceVersion(), Address.EMPTY);
        // session_init_timeout is the server side's timer; a client's bind is bounded by bind-timeout.
        SessionConfig session = SessionConfig.DEFAULTS
                .withWindow(new WindowConfig(bind.window(), bind.responseTimeout()))
                .withMaxInboundPending(bind.maxInboundPending())
                .withEnquireLinkInterval(bind.enquireLinkInterval())
                .withInactivityTimeout(bind.inactivityTimeout())
                .withBindTimeout(bind.bindTimeout())
                .withUnbindTimeout(bind.unbindTimeout());
        ClientConfig config = new ClientConfig(new InetSocketAddress(carrier.host(), carrier.port()), request, session,
                carrier.limits(), bind.connectTimeout(), Optional.empty());
        return tls.isPresent() ? config.withTls(tls.get()) : config;
    }

    // ---- one bind ------------------------------------------------------------------------------------------

    private final class CarrierBind implements SessionListener {
        final int index;
        final BindConfig config;
        final AdaptiveRate rate;
        volatile BindState state = BindState.DOWN;
        volatile SmppSession session;
        int failures;
        /** Our own count of submits awaiting an answer: exact on this thread, unlike the session's hint. */
        int inFlight;
        /** The window this bind uses now: smaller than configured after connections lost mid-window. */
        final BindWindow window;
        /** The session whose loss last halved the window: its in-flight requests fail together and count once. */
        private SmppSession reducedFor;
        /** The session lost last, and how many requests were in flight on it when it went. */
        private SmppSession lostSession;
        private int lostWith;

        CarrierBind(int index, BindConfig config, AdaptiveRate rate) {
            this.index = index;
            this.config = config;
            this.rate = rate;
            this.window = new BindWindow(config.window());
        }

        /** A request in flight on {@code gone} failed because the connection closed: the window halves, once. */
        void lostInFlight(SmppSession gone) {
            if (!running || gone == reducedFor) {
                // Stopping: our own unbind ends the window, not the carrier.
                return;
            }
            reducedFor = gone;
            int was = window.limit();
            int now = window.halve();
            meters.windowReductions.increment();
            log.info("carrier bind window reduced carrier={} bind={} window={} was={} reason=connection-lost-in-flight",
                    CarrierConnector.this.config.id(), index, now, was);
        }

        /**
         * How many requests were in flight on {@code gone} when it closed, called as each of them fails (after its
         * own decrement of inFlight): the first call counts them.
         */
        int inFlightAtLoss(SmppSession gone) {
            if (gone != lostSession) {
                lostSession = gone;
                lostWith = inFlight + 1;
            }
            return lostWith;
        }

        /** The carrier answered a request sent on {@code answeredOn}: the window grows back towards its size. */
        void answeredOn(SmppSession answeredOn) {
            if (answeredOn == session && window.answered()) {
                log.info("carrier bind window restored carrier={} bind={} window={}",
                        CarrierConnector.this.config.id(), index, window.limit());
            }
        }

        boolean canTransmit() {
            SmppSession current = session;
            return state == BindState.BOUND && config.type().canTransmit() && current != null
                    && inFlight < window.limit() && current.canSend();
        }

        void connect() {
            if (!running) {
                return;
            }
            state = BindState.CONNECTING;
            CarrierConfig carrier = CarrierConnector.this.config;
            ClientConfig clientConfig = clientConfig(carrier, config, tls);
            log.debug("carrier bind connecting carrier={} bind={} bind_type={}", carrier.id(), index, config.type());
            client.bind(clientConfig, inbound, this.andThen(sessions), executor.loop()).whenComplete((bound, error) ->
                    executor.execute(() -> connected(bound, error)));
        }

        private void connected(SmppSession bound, Throwable error) {
            String carrier = CarrierConnector.this.config.id();
            if (error != null) {
                state = BindState.DOWN;
                failures++;
                meters.bindFailures.increment();
                SessionException failure = unwrap(error);
                boolean refused = failure != null && failure.reason() == SessionException.Reason.BIND_REJECTED;
                long delay = CarrierConnector.this.config.reconnect().delayNanos(failures, refused,
                        random.nextDouble());
                String reason = failure == null ? error.toString() : failure.reason() + " " + failure.getMessage();
                if (refused) {
                    // B2: a configuration fault an operator must fix; retried slowly, never in a hot loop.
                    log.warn("carrier bind refused carrier={} bind={} reason={} retry_in_ms={}", carrier, index,
                            reason, delay / 1_000_000);
                } else {
                    log.info("carrier bind failed carrier={} bind={} reason={} retry_in_ms={}", carrier, index, reason,
                            delay / 1_000_000);
                }
                if (binds.stream().noneMatch(b -> b.state == BindState.BOUND && b.config.type().canTransmit())) {
                    // A carrier whose binds never came up (refused, unreachable) is not routable: without this the
                    // router kept planning it first and every message took the detour through its queue.
                    health.bindDown(carrier, clock.instant());
                }
                if (running) {
                    executor.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
                }
                pump();
                return;
            }
            if (!running) {
                bound.unbind();
                return;
            }
            session = bound;
            state = BindState.BOUND;
            failures = 0;
            bindsUp++;
            if (config.type().canTransmit()) {
                health.bindUp(carrier, clock.instant());
            }
            log.info("carrier bind up carrier={} bind={} bind_type={} interface_version={} window={} tps={}", carrier,
                    index, config.type(), bound.interfaceVersion(), config.window(), config.tps());
            bound.closeFuture().whenComplete((ignored, e) -> executor.execute(() -> closed(bound)));
            pump();
        }

        private void closed(SmppSession gone) {
            if (session != gone) {
                return;
            }
            session = null;
            state = BindState.DOWN;
            bindsUp--;
            String carrier = CarrierConnector.this.config.id();
            boolean transmitterLeft = binds.stream().anyMatch(b -> b.state == BindState.BOUND
                    && b.config.type().canTransmit());
            if (!transmitterLeft) {
                health.bindDown(carrier, clock.instant());
            }
            if (!running) {
                log.info("carrier bind down carrier={} bind={} reason=stopped", carrier, index);
                return;
            }
            failures = 1;
            long delay = CarrierConnector.this.config.reconnect().delayNanos(failures, false, random.nextDouble());
            log.info("carrier bind down carrier={} bind={} binds_up={} retry_in_ms={}", carrier, index, bindsUp,
                    delay / 1_000_000);
            executor.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
            pump();
        }

        @Override
        public void readyToSend(SmppSession ready) {
            executor.execute(CarrierConnector.this::pump);
        }
    }
}
