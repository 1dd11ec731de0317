package io.smsgate.server.webhook;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsgate.protocol.OctetString;
import io.smsgate.server.fetch.FetchRequest;
import io.smsgate.server.fetch.FetchResult;
import io.smsgate.server.fetch.HttpFetcher;
import io.smsgate.server.webhook.WebhookStore.Settlement;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook events from their queue in PostgreSQL (issue #6, Webhooks): claims due events in batches with a
 * lease, signs each attempt (Standard Webhooks headers), sends it through the SSRF-safe {@link HttpFetcher}, and
 * settles outcomes in batches. 2xx delivers; network errors, timeouts, 408, 425, 429 and 5xx retry with exponential
 * backoff and jitter (or after Retry-After) until {@code webhooks.retry-horizon}, then dead-letter; other answers
 * dead-letter at once. Every second attempt goes to the account's failover URL when it has one. Each origin has its
 * own concurrency limit and circuit breaker ({@link EndpointGate}), and a claim takes only events of origins with
 * room, so a slow endpoint holds back only its own events. At-least-once: an attempt whose outcome was not written
 * (crash) is sent again, with the same webhook-id, after the lease.
 *
 * <p>Threads: one store thread runs every JDBC call (claim, settle, secrets); HTTP runs on Vert.x. Shared state is
 * guarded by this object's lock.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration ACCOUNT_CACHE = Duration.ofSeconds(5);
    private static final Duration PENDING_EVERY = Duration.ofSeconds(5);

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final HttpFetcher fetcher;
    private final WebhookConfig config;
    private final Clock clock;
    private final ScheduledExecutorService storeThread;
    private final AtomicBoolean cycleQueued = new AtomicBoolean();
    private final Queue<Settlement> unsettled = new ConcurrentLinkedQueue<>();
    private final Map<String, Failover> failovers = new ConcurrentHashMap<>();
    private final Map<String, EndpointGate> gates = new HashMap<>();
    private final Map<String, ArrayDeque<Claimed>> waiting = new HashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final Meters meters;
    private int held;
    private Instant pendingCountedAt = Instant.MIN;
    private volatile boolean closed;

    WebhookDispatcher(WebhookStore store, WebhookSecrets secrets, HttpFetcher fetcher, WebhookConfig config,
                      Clock clock, MeterRegistry registry) {
        this.store = requireNonNull(store, "store");
        this.secrets = requireNonNull(secrets, "secrets");
        this.fetcher = requireNonNull(fetcher, "fetcher");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.meters = new Meters(registry, pending);
        Gauge.builder("smsgate.webhook.breakers.open", this, WebhookDispatcher::openBreakers)
                .description("Webhook origins whose circuit breaker is open (nothing sent to them until it closes)")
                .register(registry);
        this.storeThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-store");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A dispatcher over {@code dataSource}'s webhook tables; the master key comes from {@code config}. */
    public static WebhookDispatcher create(DataSource dataSource, HttpFetcher fetcher, WebhookConfig config,
                                           Clock clock, MeterRegistry registry) {
        WebhookSecrets secrets = new WebhookSecrets(dataSource, new SecretBox(config.masterKeyBytes()),
                config.rotationOverlap(), clock);
        return new WebhookDispatcher(new WebhookStore(dataSource), secrets, fetcher, config, clock, registry);
    }

    public WebhookStore store() {
        return store;
    }

    public WebhookSecrets secrets() {
        return secrets;
    }

    public void start() {
        long every = config.pollInterval().toMillis();
        storeThread.scheduleWithFixedDelay(this::wake, 0, every, TimeUnit.MILLISECONDS);
        log.info("webhook dispatcher started batch={} max_concurrency_per_endpoint={} retry_horizon={}",
                config.batch(), config.maxConcurrencyPerEndpoint(), config.retryHorizon());
    }

    /** Events may be due (a commit that wrote some, a replay, an attempt finished): run a cycle soon. */
    public void wake() {
        if (!closed && cycleQueued.compareAndSet(false, true)) {
            storeThread.execute(this::cycle);
        }
    }

    /** Settle what finished, claim what fits, send what the gates admit. Runs on the store thread only. */
    private void cycle() {
        cycleQueued.set(false);
        meters.cycles.increment();
        try {
            Instant now = clock.instant();
            countPending(now);
            int free;
            Set<String> excluded = new HashSet<>();
            synchronized (this) {
                free = config.batch() - held;
                gates.forEach((origin, gate) -> {
                    ArrayDeque<Claimed> queue = waiting.get(origin);
                    if (gate.open(now) || queue != null && queue.size() >= queuedPerEndpoint()) {
                        excluded.add(origin);
                    }
                });
            }
            List<Settlement> settled = drainSettled();
            int limit = Math.max(0, free);
            if (settled.isEmpty() && limit == 0) {
                return;
            }
            List<WebhookEvent> events;
            try {
                events = store.settleAndClaim(settled, now,
                        new WebhookStore.Claim(limit, queuedPerEndpoint(), excluded, now.plus(config.lease())));
            } catch (RuntimeException e) {
                unsettled.addAll(settled); // kept for the next cycle; the lease covers them meanwhile
                throw e;
            }
            hold(events, now);
            if (limit > 0 && events.size() == limit) {
                wake(); // more may be due
            }
            pump();
        } catch (RuntimeException e) {
            log.warn("webhook cycle failed cause={}", e.toString()); // the next poll tries again
        }
    }

    // Events of one origin held in memory at most: enough to keep its slots busy between two claims, few enough
    // that its share of the batch leaves room for every other origin.
    private int queuedPerEndpoint() {
        return Math.max(4 * config.maxConcurrencyPerEndpoint(), config.batch() / 4);
    }

    private List<Settlement> drainSettled() {
        List<Settlement> batch = new ArrayList<>();
        for (Settlement s = unsettled.poll(); s != null; s = unsettled.poll()) {
            batch.add(s);
        }
        return batch;
    }

    private void flush(Instant now) {
        List<Settlement> batch = drainSettled();
        if (!batch.isEmpty()) {
            store.settle(batch, now);
        }
    }

    private void countPending(Instant now) {
        if (pendingCountedAt.plus(PENDING_EVERY).isBefore(now)) {
            pendingCountedAt = now;
            pending.set(store.pending());
        }
    }

    // Store thread: the URL of this attempt (failover on even attempts), its keys, its origin's queue.
    private void hold(List<WebhookEvent> events, Instant now) {
        List<Claimed> claimed = new ArrayList<>(events.size());
        for (WebhookEvent event : events) {
            Optional<String> failover = event.attempt() % 2 == 0 ? failover(event.systemId(), now) : Optional.empty();
            String url = failover.orElse(event.url());
            Optional<String> origin = parse(url).flatMap(HttpFetcher::origin);
            if (origin.isEmpty()) {
                unsettled.add(new Settlement(event.eventId(), Settlement.State.DEAD, Optional.empty(),
                        Optional.empty(), Optional.of("url: not an absolute http(s) URL"),
                        Optional.of(new Settlement.Tried(event.loggedAttempt(), url, failover.isPresent(), now,
                                Optional.empty()))));
                meters.dead.increment();
                log.info("webhook event dead-lettered system_id={} event_id={} attempts={} reason={}",
                        event.systemId(), event.eventId(), event.attempt(), "url: not an absolute http(s) URL");
                continue;
            }
            claimed.add(new Claimed(event, URI.create(url), failover.isPresent(), origin.get(),
                    secrets.signingKeys(event.systemId())));
        }
        synchronized (this) {
            held += claimed.size();
            for (Claimed c : claimed) {
                waiting.computeIfAbsent(c.origin, o -> new ArrayDeque<>()).add(c);
            }
        }
    }

    private Optional<String> failover(String systemId, Instant now) {
        Failover cached = failovers.get(systemId);
        if (cached == null || cached.until.isBefore(now)) {
            cached = new Failover(store.failoverUrl(systemId), now.plus(ACCOUNT_CACHE));
            failovers.put(systemId, cached);
        }
        return cached.url;
    }

    private static Optional<URI> parse(String url) {
        try {
            return Optional.of(new URI(url));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Sends what the gates admit; events of an origin whose breaker is open go back to the queue until it closes. */
    private void pump() {
        if (closed) {
            return; // what is still held comes back to the queue when its lease ends
        }
        Instant now = clock.instant();
        List<Claimed> send = new ArrayList<>();
        boolean postponed = false;
        synchronized (this) {
            var origins = waiting.entrySet().iterator();
            while (origins.hasNext()) {
                var entry = origins.next();
                EndpointGate gate = gate(entry.getKey());
                ArrayDeque<Claimed> queue = entry.getValue();
                if (gate.open(now)) {
                    for (Claimed c = queue.poll(); c != null; c = queue.poll()) {
                        unsettled.add(new Settlement(c.event.eventId(), Settlement.State.POSTPONED,
                                Optional.of(gate.openUntil()), Optional.empty(), Optional.of("breaker open"),
                                Optional.empty()));
                        held--;
                        meters.postponed.increment();
                    }
                    postponed = true;
                }
                while (!queue.isEmpty() && gate.tryAcquire(now)) {
                    send.add(queue.poll());
                }
                if (queue.isEmpty()) {
                    origins.remove();
                }
            }
        }
        send.forEach(this::send);
        if (postponed) {
            wake();
        }
    }

    private EndpointGate gate(String origin) {
        return gates.computeIfAbsent(origin, o -> new EndpointGate(o, config.maxConcurrencyPerEndpoint(),
                config.breakerFailures(), config.breakerOpen(), meters::breaker));
    }

    private void send(Claimed c) {
        Instant startedAt = clock.instant();
        if (c.keys.isEmpty()) {
            finished(c, startedAt, Optional.empty(), "webhook secret: none for " + c.event.systemId()
                    + " (expected: one made by the secret rotation endpoint)", null);
            return;
        }
        byte[] body;
        try {
            body = WebhookPayload.render(c.event);
        } catch (IllegalArgumentException e) {
            log.error("webhook event unreadable, dead-lettered event_id={} reason={}", c.event.eventId(),
                    e.getMessage());
            settle(c, new Settlement(c.event.eventId(), Settlement.State.DEAD, Optional.empty(), Optional.empty(),
                    Optional.of(e.getMessage()), Optional.of(tried(c, startedAt, Optional.empty()))), true);
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        String id = c.event.webhookId();
        Map<String, String> headers = Map.of(
                "content-type", "application/json",
                "user-agent", "smsgate-webhooks",
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", Signature.header(id, timestamp, body, c.keys));
        Timer.Sample sample = Timer.start(meters.registry);
        fetcher.fetch(FetchRequest.post(c.url, headers, OctetString.wrap(body)))
                .whenComplete((result, error) -> {
                    FetchResult outcome = error == null ? result
                            : new FetchResult.Failed(FetchResult.Failure.NETWORK, error.toString());
                    finished(c, startedAt, Optional.of(outcome), "", sample);
                });
    }

    private void finished(Claimed c, Instant startedAt, Optional<FetchResult> result, String noSendReason,
                          Timer.Sample sample) {
        Instant now = clock.instant();
        WebhookEvent event = c.event;
        if (result.isEmpty()) {
            settle(c, retry(event, now, Optional.empty(), Optional.empty(), noSendReason,
                    tried(c, startedAt, Optional.empty())), true);
            return;
        }
        Verdict verdict = judge(event, result.get(), now,
                tried(c, startedAt, Optional.of(Duration.between(startedAt, now))));
        if (sample != null) {
            sample.stop(meters.request(verdict.outcome));
        }
        settle(c, verdict.settlement, verdict.healthy);
    }

    /**
     * What an attempt's result means: the settlement, whether the origin answered sanely (for its breaker), and the
     * outcome tag of the request timer.
     */
    private Verdict judge(WebhookEvent event, FetchResult result, Instant now, Settlement.Tried tried) {
        long id = event.eventId();
        Optional<Settlement.Tried> attempt = Optional.of(tried);
        if (result instanceof FetchResult.Response response) {
            int status = response.status();
            if (status / 100 == 2) {
                return new Verdict(new Settlement(id, Settlement.State.DELIVERED, Optional.empty(),
                        Optional.of(status), Optional.empty(), attempt), true, "2xx");
            }
            if (retryable(status)) {
                return new Verdict(retry(event, now, Optional.of(status), retryAfter(response, now),
                        "status " + status, tried), false, status == 429 ? "429" : status / 100 + "xx");
            }
            return new Verdict(new Settlement(id, Settlement.State.DEAD, Optional.empty(), Optional.of(status),
                    Optional.of("status " + status + " (not retried: expected 2xx, or 408, 425, 429, 5xx to retry)"),
                    attempt), true, status / 100 + "xx");
        }
        if (result instanceof FetchResult.Refused refused) {
            return new Verdict(new Settlement(id, Settlement.State.DEAD, Optional.empty(), Optional.empty(),
                    Optional.of("refused: " + refused.reason()), attempt), true, "refused");
        }
        FetchResult.Failed failed = (FetchResult.Failed) result;
        String kind = failed.failure().name().toLowerCase(Locale.ROOT);
        return switch (failed.failure()) {
            case REDIRECTS -> new Verdict(new Settlement(id, Settlement.State.DEAD, Optional.empty(),
                    Optional.empty(), Optional.of(failed.detail()), attempt), true, kind);
            case NETWORK, TIMEOUT, TOO_LARGE -> new Verdict(retry(event, now, Optional.empty(), Optional.empty(),
                    kind + ": " + failed.detail(), tried), false, kind);
        };
    }

    /** What the attempt log records of this attempt of {@code c}; no duration when no request was sent. */
    private static Settlement.Tried tried(Claimed c, Instant startedAt, Optional<Duration> duration) {
        return new Settlement.Tried(c.event.loggedAttempt(), c.url.toString(), c.failover, startedAt, duration);
    }

    private record Verdict(Settlement settlement, boolean healthy, String outcome) {
    }

    private void settle(Claimed c, Settlement settlement, boolean healthy) {
        Instant now = clock.instant();
        synchronized (this) {
            held--;
            gate(c.origin).release(healthy, now);
        }
        unsettled.add(settlement);
        switch (settlement.state()) {
            case DELIVERED -> meters.delivered.increment();
            case RETRY -> meters.retried.increment();
            case DEAD -> meters.dead.increment();
            case POSTPONED -> meters.postponed.increment();
        }
        if (settlement.state() == Settlement.State.DEAD) {
            log.info("webhook event dead-lettered system_id={} event_id={} attempts={} reason={}",
                    c.event.systemId(), c.event.eventId(), c.event.attempt(), settlement.error().orElse(""));
        }
        pump();
        wake();
    }

    /** RFC 9110 §15: 408 Request Timeout, 425 Too Early, 429 Too Many Requests and 5xx may succeed later. */
    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500 && status <= 599;
    }

    private Settlement retry(WebhookEvent event, Instant now, Optional<Integer> status, Optional<Duration> after,
                             String error, Settlement.Tried tried) {
        Duration delay = after.orElseGet(() -> backoff(event.attempt()));
        Instant next = now.plus(delay);
        if (next.isAfter(event.retryFrom().plus(config.retryHorizon()))) {
            return new Settlement(event.eventId(), Settlement.State.DEAD, Optional.empty(), status,
                    Optional.of(error + "; retry horizon " + config.retryHorizon() + " passed"), Optional.of(tried));
        }
        return new Settlement(event.eventId(), Settlement.State.RETRY, Optional.of(next), status, Optional.of(error),
                Optional.of(tried));
    }

    /** Exponential backoff with equal jitter: half the doubled delay, plus a random part of the other half. */
    Duration backoff(int attempt) {
        long base = config.retryBase().toMillis();
        long max = config.retryMax().toMillis();
        long delay = attempt >= 40 ? max : Math.min(max, base << Math.max(0, attempt - 1));
        long half = delay / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(delay - half + 1));
    }

    /**
     * RFC 9110 §10.2.3: delay-seconds or an HTTP-date. Honoured as given, even beyond webhooks.retry-max (the
     * receiver knows its own load); capped at the horizon, past which the event is dead-lettered anyway.
     */
    Optional<Duration> retryAfter(FetchResult.Response response, Instant now) {
        return response.header("retry-after").flatMap(value -> {
            String text = value.trim();
            Duration delay;
            try {
                delay = Duration.ofSeconds(Math.min(Long.parseLong(text), config.retryHorizon().toSeconds() + 1));
            } catch (NumberFormatException e) {
                try {
                    delay = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant());
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
            if (delay.isNegative()) {
                delay = Duration.ZERO;
            }
            return Optional.of(delay.compareTo(config.retryHorizon()) > 0 ? config.retryHorizon() : delay);
        });
    }

    private synchronized double openBreakers() {
        return gates.values().stream().filter(gate -> gate.state() == EndpointGate.State.OPEN).count();
    }

    /** Events claimed by this node and not yet settled (waiting for a slot, or in flight). */
    synchronized int held() {
        return held;
    }

    @Override
    public void close() {
        closed = true;
        storeThread.shutdown();
        try {
            if (!storeThread.awaitTermination(10, TimeUnit.SECONDS)) {
                storeThread.shutdownNow();
            }
            flush(clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("webhook settlements not written at stop, sent again after the lease cause={}", e.toString());
        }
        log.info("webhook dispatcher stopped");
    }

    /** An event claimed by this node, with the URL (the account's failover URL or not) and keys of this attempt. */
    private record Claimed(WebhookEvent event, URI url, boolean failover, String origin, List<SecretKeySpec> keys) {
    }

    private record Failover(Optional<String> url, Instant until) {
    }

    /** smsgate.webhook.* meters and the webhook outbox depth. */
    private static final class Meters {
        final MeterRegistry registry;
        final Counter delivered;
        final Counter retried;
        final Counter dead;
        final Counter postponed;
        final Counter cycles;
        final Map<String, Timer> requests = new ConcurrentHashMap<>();

        Meters(MeterRegistry registry, AtomicLong pending) {
            this.registry = registry;
            delivered = attempts("delivered");
            retried = attempts("retried");
            dead = attempts("dead");
            postponed = attempts("postponed");
            cycles = Counter.builder("smsgate.webhook.cycles")
                    .description("Dispatcher cycles (settle, claim, send), each woken by a commit, a poll, a replay "
                            + "or a finished attempt").register(registry);
            Gauge.builder("smsgate.outbox.pending", pending, AtomicLong::get)
                    .description("Events waiting for their client, by channel").tag("channel", "webhook")
                    .register(registry);
        }

        private Counter attempts(String outcome) {
            return Counter.builder("smsgate.webhook.attempts").description("Webhook attempts settled, by outcome")
                    .tag("outcome", outcome).register(registry);
        }

        void breaker(EndpointGate.State state) {
            Counter.builder("smsgate.webhook.breaker.transitions")
                    .description("Webhook origin circuit breaker transitions, by the state entered")
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry).increment();
        }

        Timer request(String outcome) {
            return requests.computeIfAbsent(outcome, o -> Timer.builder("smsgate.webhook.requests")
                    .description("Webhook HTTP requests, from send to answer, by outcome").tag("outcome", o)
                    .register(registry));
        }
    }
}
