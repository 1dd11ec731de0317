package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.session.SessionException;
import io.smsgate.protocol.smpp.session.SmppSession;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.pipeline.OutboxSignal;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.OutboxEntry;
import io.smsgate.server.store.StoreReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each account's outbox (receipts and MOs) as deliver_sm on its RX/TRX binds (ARCHITECTURE.md, "Every
 * status reaches its client"): at most the account's deliver_window outstanding per bind, a row leaves the outbox
 * only on deliver_sm_resp ESME_ROK; ESME_RX_T_APPN, other errors and timeouts retry later with doubling backoff;
 * ESME_RX_P_APPN and ESME_RX_R_APPN stop at once (dead letter); rows past their expiry go to the dead letter unsent.
 * Rows wait in the outbox while no receiver is bound and go out when one binds.
 *
 * <p>Wakes on {@link #outboxChanged} (the carrier side after its commit), on a receiver bind, after each answer, and
 * every poll interval. One read per account is in progress at a time; rows in flight are never sent twice, and a row
 * settled (deleted, or its retry rescheduled) while a read was under way is not taken from that read's stale result.
 */
public final class ClientNotifier implements OutboxSignal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClientNotifier.class);

    private final StoreReader reader;
    private final Journal journal;
    private final SessionRegistry registry;
    private final Function<String, Optional<Account>> accounts;
    private final NotifierConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Map<String, AccountState> states = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter retried;
    private final Counter dead;
    private volatile ScheduledFuture<?> poller;

    ClientNotifier(StoreReader reader, Journal journal, SessionRegistry registry,
            Function<String, Optional<Account>> accounts, NotifierConfig config, Clock clock,
            ScheduledExecutorService timer, MeterRegistry meters) {
        this.reader = requireNonNull(reader, "reader");
        this.journal = requireNonNull(journal, "journal");
        this.registry = requireNonNull(registry, "registry");
        this.accounts = requireNonNull(accounts, "accounts");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.timer = requireNonNull(timer, "timer");
        this.delivered = outcome(meters, "delivered");
        this.retried = outcome(meters, "retried");
        this.dead = outcome(meters, "dead");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("smsgate.outbox.deliveries")
                .description("Outbox rows offered to upstream clients over SMPP, by outcome")
                .tag("channel", "smpp").tag("outcome", outcome)
                .register(meters);
    }

    void start() {
        long every = config.pollInterval().toMillis();
        poller = timer.scheduleWithFixedDelay(() -> registry.accounts().forEach(this::outboxChanged), every, every,
                TimeUnit.MILLISECONDS);
    }

    /** A receiver bound: deliver what waited for it. */
    void receiverBound(SmppSession session) {
        outboxChanged(session.systemId());
    }

    @Override
    public void outboxChanged(String systemId) {
        if (registry.receivers(systemId).isEmpty()) {
            return; // rows wait; the bind of a receiver wakes us
        }
        AccountState state = states.computeIfAbsent(systemId, id -> new AccountState());
        if (!state.reading.compareAndSet(false, true)) {
            state.again = true;
            return;
        }
        state.again = false;
        read(systemId, state);
    }

    private void read(String systemId, AccountState state) {
        Optional<Account> account = accounts.apply(systemId);
        List<SmppSession> receivers = registry.receivers(systemId);
        if (account.isEmpty() || receivers.isEmpty()) {
            finishRead(systemId, state);
            return;
        }
        // Free slots in the deliver windows: a row answered but not yet settled no longer holds one.
        int window = account.get().deliverWindow();
        int free = 0;
        for (SmppSession session : receivers) {
            free += Math.max(0, window - state.slots(session).get());
        }
        if (free <= 0) {
            finishRead(systemId, state); // an answer wakes us again
            return;
        }
        long generation = state.reads.incrementAndGet();
        // Rows in flight are left out in SQL, so that every row read can fill a free slot.
        reader.dueOutbox(systemId, clock.instant(), Math.max(free, config.batch()), state.inFlightIds())
                .whenComplete((entries, error) -> {
                    try {
                        if (error != null) {
                            log.debug("outbox read failed system_id={} cause={}", systemId, error.toString());
                        } else {
                            offer(account.get(), state, entries, generation);
                        }
                    } finally {
                        state.forgetSettledBefore(generation);
                        finishRead(systemId, state);
                    }
                });
    }

    private void finishRead(String systemId, AccountState state) {
        state.reading.set(false);
        if (state.again) {
            timer.execute(() -> outboxChanged(systemId));
        }
    }

    private void offer(Account account, AccountState state, List<OutboxEntry> entries, long generation) {
        Instant now = clock.instant();
        for (OutboxEntry entry : entries) {
            if (state.inFlight.contains(entry.outboxId().value())
                    || state.settledDuring(entry.outboxId(), generation)) {
                continue;
            }
            if (!entry.expiresAt().isAfter(now)) {
                state.inFlight.add(entry.outboxId().value());
                log.info("outbox row expired undelivered system_id={} outbox_id={} kind={} attempts={}",
                        account.systemId(), entry.outboxId(), entry.kind(), entry.attempts());
                settle(account, state, entry, Optional.empty(), dead);
                continue;
            }
            Optional<SmppSession> receiver = pick(account);
            if (receiver.isEmpty()) {
                return; // every window full: an answer wakes us
            }
            DeliverSm deliverSm;
            try {
                deliverSm = Receipts.deliverSm(ClientEvent.decode(entry.payload()), account.receiptFormat());
            } catch (IllegalArgumentException e) {
                log.error("outbox row unreadable, dead-lettered system_id={} outbox_id={} reason={}",
                        account.systemId(), entry.outboxId(), e.getMessage());
                state.inFlight.add(entry.outboxId().value());
                settle(account, state, entry, Optional.empty(), dead);
                continue;
            }
            SmppSession session = receiver.get();
            state.inFlight.add(entry.outboxId().value());
            AtomicInteger slots = state.slots(session);
            slots.incrementAndGet();
            session.send(deliverSm).whenComplete((response, error) -> {
                slots.decrementAndGet();
                answered(account, state, entry, response, error);
            });
        }
    }

    // The least loaded receiver with a free slot in the account's deliver window.
    private Optional<SmppSession> pick(Account account) {
        AccountState state = states.get(account.systemId());
        SmppSession best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (SmppSession session : registry.receivers(account.systemId())) {
            int load = state.slots(session).get();
            if (load < account.deliverWindow() && load < bestLoad && session.canSend()) {
                best = session;
                bestLoad = load;
            }
        }
        return Optional.ofNullable(best);
    }

    private void answered(Account account, AccountState state, OutboxEntry entry, Response response,
            Throwable error) {
        if (error == null && response.commandStatus().isOk()) {
            journal.submit(new JournalWrite.CompleteOutbox(entry.outboxId())).whenComplete((ok, failure) -> {
                state.settled(entry.outboxId());
                if (failure == null) {
                    delivered.increment();
                } else {
                    log.debug("outbox row completion not stored system_id={} outbox_id={} cause={}",
                            account.systemId(), entry.outboxId(), failure.toString());
                }
            });
            // The slot is free now; the row stays in flight (not read again) until its deletion commits.
            outboxChanged(account.systemId());
            return;
        }
        if (neverSent(error)) {
            // The session refused it before writing (window full, client not reading): not a delivery try, so no
            // backoff; the row is due again at once and a later answer or the poll wakes us.
            state.inFlight.remove(entry.outboxId().value());
            log.debug("outbox row not sent system_id={} outbox_id={} cause={}", account.systemId(), entry.outboxId(),
                    error.toString());
            return;
        }
        CommandStatus status = error == null ? response.commandStatus() : CommandStatus.ESME_RX_T_APPN;
        boolean permanent = status.equals(CommandStatus.ESME_RX_P_APPN) || status.equals(CommandStatus.ESME_RX_R_APPN);
        if (permanent) {
            log.info("outbox row refused by client, dead-lettered system_id={} outbox_id={} status={}",
                    account.systemId(), entry.outboxId(), status);
            settle(account, state, entry, Optional.empty(), dead);
        } else {
            long factor = 1L << Math.min(entry.attempts(), 20);
            Duration backoff = config.retryBase().multipliedBy(factor);
            if (backoff.compareTo(config.retryMax()) > 0) {
                backoff = config.retryMax();
            }
            Instant next = clock.instant().plus(backoff);
            log.debug("outbox row retry system_id={} outbox_id={} status={} cause={} next={}", account.systemId(),
                    entry.outboxId(), status, error == null ? "" : error.toString(), next);
            settle(account, state, entry, Optional.of(next.isBefore(entry.expiresAt()) ? next : entry.expiresAt()),
                    retried);
        }
    }

    private static boolean neverSent(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof SessionException session && (session.reason() == SessionException.Reason.WINDOW_FULL
                || session.reason() == SessionException.Reason.NOT_WRITABLE);
    }

    private void settle(Account account, AccountState state, OutboxEntry entry, Optional<Instant> next,
            Counter counter) {
        MessageId id = entry.outboxId();
        journal.submit(new JournalWrite.RetryOutbox(id, next)).whenComplete((ok, failure) -> {
            state.settled(id);
            if (failure == null) {
                counter.increment();
            }
            outboxChanged(account.systemId());
        });
    }

    /** A session closed: forget its window count. */
    void sessionClosed(SmppSession session) {
        AccountState state = states.get(session.systemId());
        if (state != null) {
            state.slots.remove(session);
        }
    }

    /** Rows of {@code systemId} handed to a session and not yet settled. */
    int inFlight(String systemId) {
        AccountState state = states.get(systemId);
        return state == null ? 0 : state.inFlight.size();
    }

    @Override
    public void close() {
        ScheduledFuture<?> running = poller;
        if (running != null) {
            running.cancel(false);
        }
    }

    private static final class AccountState {
        final AtomicBoolean reading = new AtomicBoolean();
        volatile boolean again;
        final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
        final Map<SmppSession, AtomicInteger> slots = new ConcurrentHashMap<>();
        /** Outbox reads started; a read's generation is this count when it began. */
        final AtomicLong reads = new AtomicLong();
        /** Rows settled since the last read began: outbox id → the generation of the newest read at the commit. */
        final Map<Long, Long> settled = new ConcurrentHashMap<>();

        /**
         * A row's delivery (or retry) is committed: it may be read again, but not by a read that began before this
         * commit, whose result can still hold the row as it was (deleted now, or due later): that would send the
         * receipt twice. Recorded before the row leaves the in-flight set, so a read never sees neither.
         */
        void settled(MessageId outboxId) {
            settled.put(outboxId.value(), reads.get());
            inFlight.remove(outboxId.value());
        }

        /** Whether the row was settled after the read of {@code generation} began (its row data may be stale). */
        boolean settledDuring(MessageId outboxId, long generation) {
            Long at = settled.get(outboxId.value());
            return at != null && at >= generation;
        }

        /** After a read: rows settled before it began can no longer be in any read's stale result. */
        void forgetSettledBefore(long generation) {
            settled.values().removeIf(at -> at < generation);
        }

        long[] inFlightIds() {
            return inFlight.stream().mapToLong(Long::longValue).toArray();
        }

        AtomicInteger slots(SmppSession session) {
            return slots.computeIfAbsent(session, s -> new AtomicInteger());
        }
    }
}
