package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Rows committed while a receiver is bound are handed over in memory ({@link #outboxCommitted}) and sent from a
 * bounded queue per account as window slots free up, without reading them back: under load, reading the outbox back
 * cost a PostgreSQL backend about half a core. The store is read ({@link #outboxChanged}) when a receiver binds, every
 * poll interval (retries that came due, rows from start-up recovery), and when the memory queue overflowed. One read
 * per account is in progress at a time; a row is claimed (in flight) before it is queued or sent, so it is never sent
 * twice, and a row settled (deleted, or its retry rescheduled) while a read was under way is not taken from that
 * read's stale result.
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
    private final Counter alreadySettled;
    private final Counter reads;
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
        this.alreadySettled = outcome(meters, "already_settled");
        this.reads = Counter.builder("smsgate.outbox.reads")
                .description("Reads of due outbox rows from the store; rows committed while a receiver is bound skip it")
                .register(meters);
        Gauge.builder("smsgate.outbox.memory.queued", states,
                        all -> all.values().stream().mapToInt(state -> state.freshCount.get()).sum())
                .description("Outbox rows committed and waiting in memory for a deliver window slot")
                .register(meters);
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
    public void outboxCommitted(OutboxEntry entry) {
        String systemId = entry.systemId();
        List<SmppSession> receivers = registry.receivers(systemId);
        if (receivers.isEmpty()) {
            return; // the row waits in the outbox; the bind of a receiver reads it
        }
        AccountState state = states.computeIfAbsent(systemId, id -> new AccountState());
        if (!state.queue(entry, config.memoryQueue())) {
            outboxChanged(systemId); // the memory queue is full: the store has the row
            return;
        }
        sendFromLoop(systemId, state, receivers.get(0).eventLoop());
    }

    /**
     * Sends the memory queue from {@code loop}, a receiver's event loop. Rows are committed on a Journal completion
     * thread, a batch at a time: sent from there, each deliver_sm was a hand-off to its session's loop (and often a
     * wake-up of it); here one task per burst of commits sends them, and those to that loop's sessions ({@link #pick}
     * prefers them) without any hand-off.
     */
    private void sendFromLoop(String systemId, AccountState state, EventLoop loop) {
        if (loop.inEventLoop()) {
            accounts.apply(systemId).ifPresent(account -> sendQueued(account, state));
            return;
        }
        if (!state.sendScheduled.compareAndSet(false, true)) {
            return; // a task already scheduled there takes this row too
        }
        try {
            loop.execute(() -> {
                // Reset before sending: a row queued after the send looked at the queue schedules another task.
                state.sendScheduled.set(false);
                accounts.apply(systemId).ifPresent(account -> sendQueued(account, state));
            });
        } catch (RejectedExecutionException stopping) {
            state.sendScheduled.set(false);
            accounts.apply(systemId).ifPresent(account -> sendQueued(account, state));
        }
    }

    @Override
    public void outboxChanged(String systemId) {
        if (registry.receivers(systemId).isEmpty()) {
            return; // rows wait; the bind of a receiver wakes us
        }
        AccountState state = states.computeIfAbsent(systemId, id -> new AccountState());
        accounts.apply(systemId).ifPresent(account -> sendQueued(account, state));
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
        state.unread = false;
        reads.increment();
        // Rows in flight are left out in SQL, so that every row read can fill a free slot.
        int limit = Math.max(free, config.batch());
        reader.dueOutbox(systemId, clock.instant(), limit, state.inFlightIds())
                .whenComplete((entries, error) -> {
                    try {
                        if (error != null) {
                            log.debug("outbox read failed system_id={} cause={}", systemId, error.toString());
                        } else if (!offer(account.get(), state, entries, generation) || entries.size() == limit) {
                            state.unread = true; // more rows wait: the next free slot reads again
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

    // Sends the rows read while the windows have room; false when some were left for want of a slot.
    private boolean offer(Account account, AccountState state, List<OutboxEntry> entries, long generation) {
        for (OutboxEntry entry : entries) {
            if (state.settledDuring(entry.outboxId(), generation)) {
                continue;
            }
            Optional<SmppSession> receiver = pick(account);
            if (receiver.isEmpty()) {
                return false; // every window full: an answer wakes us
            }
            // Claimed here unless the memory queue or an earlier read has it.
            if (state.inFlight.add(entry.outboxId().value())) {
                send(account, state, entry, receiver.get());
            }
        }
        return true;
    }

    // Sends the memory queue's rows while a window has a free slot; one thread at a time per account, and a call
    // that finds another thread sending makes that thread go round once more.
    private void sendQueued(Account account, AccountState state) {
        do {
            if (!state.sending.compareAndSet(false, true)) {
                state.sendAgain = true;
                return;
            }
            try {
                state.sendAgain = false;
                while (!state.fresh.isEmpty()) {
                    Optional<SmppSession> receiver = pick(account);
                    if (receiver.isEmpty()) {
                        break; // every window full: an answer wakes us
                    }
                    OutboxEntry entry = state.fresh.poll();
                    state.freshCount.decrementAndGet();
                    send(account, state, entry, receiver.get());
                }
            } finally {
                state.sending.set(false);
            }
        } while (state.sendAgain);
    }

    // The row is claimed (in flight): sends it as deliver_sm, or dead-letters it when expired or unreadable.
    private void send(Account account, AccountState state, OutboxEntry entry, SmppSession session) {
        if (!entry.expiresAt().isAfter(clock.instant())) {
            log.info("outbox row expired undelivered system_id={} outbox_id={} kind={} attempts={}",
                    account.systemId(), entry.outboxId(), entry.kind(), entry.attempts());
            settle(account, state, entry, Optional.empty(), dead);
            return;
        }
        DeliverSm deliverSm;
        try {
            deliverSm = Receipts.deliverSm(ClientEvent.decode(entry.payload()), account.receiptFormat());
        } catch (IllegalArgumentException e) {
            log.error("outbox row unreadable, dead-lettered system_id={} outbox_id={} reason={}",
                    account.systemId(), entry.outboxId(), e.getMessage());
            settle(account, state, entry, Optional.empty(), dead);
            return;
        }
        AtomicInteger slots = state.slots(session);
        slots.incrementAndGet();
        session.send(deliverSm).whenComplete((response, error) -> {
            slots.decrementAndGet();
            answered(account, state, entry, response, error);
        });
    }

    // The least loaded receiver with a free slot in the account's deliver window, preferring those on the calling
    // thread's event loop: a deliver_sm to them is written at once, to another loop's it is a hand-off there.
    private Optional<SmppSession> pick(Account account) {
        AccountState state = states.get(account.systemId());
        SmppSession best = null;
        int bestLoad = Integer.MAX_VALUE;
        SmppSession bestHere = null;
        int bestHereLoad = Integer.MAX_VALUE;
        for (SmppSession session : registry.receivers(account.systemId())) {
            int load = state.slots(session).get();
            if (load >= account.deliverWindow() || !session.canSend()) {
                continue;
            }
            if (load < bestLoad) {
                best = session;
                bestLoad = load;
            }
            if (load < bestHereLoad && session.eventLoop().inEventLoop()) {
                bestHere = session;
                bestHereLoad = load;
            }
        }
        return Optional.ofNullable(bestHere != null ? bestHere : best);
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
            // The slot is free now; the row stays in flight (not read again) until its deletion commits. The memory
            // queue refills it; the store is read again when it may hold rows not read yet, else on the poll.
            sendQueued(account, state);
            if (state.unread) {
                outboxChanged(account.systemId());
            }
            return;
        }
        if (neverSent(error)) {
            // The session refused it before writing (window full, client not reading): not a delivery try, so no
            // backoff; the row is due again at once, now only in the store: a later answer reads it, or the poll.
            state.inFlight.remove(entry.outboxId().value());
            state.unread = true;
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

    // Counts the outcome only when this write changed the row: StoreRetention may have dead-lettered it (and counted
    // that death) while it was in flight here, and the write then finds it no longer pending.
    private void settle(Account account, AccountState state, OutboxEntry entry, Optional<Instant> next,
            Counter counter) {
        MessageId id = entry.outboxId();
        journal.submit(new JournalWrite.RetryOutbox(id, next, clock.instant())).whenComplete((changed, failure) -> {
            state.settled(id);
            if (failure == null) {
                (changed ? counter : alreadySettled).increment();
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
        /** Rows committed and handed over in memory, claimed (in flight) and waiting for a window slot. */
        final Queue<OutboxEntry> fresh = new ConcurrentLinkedQueue<>();
        final AtomicInteger freshCount = new AtomicInteger();
        /** The store may hold due rows not read yet (memory queue full, a read left some): an answer reads again. */
        volatile boolean unread;
        final AtomicBoolean sending = new AtomicBoolean();
        volatile boolean sendAgain;
        /** A task is scheduled on a receiver's loop to send the memory queue (sendFromLoop). */
        final AtomicBoolean sendScheduled = new AtomicBoolean();
        final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
        final Map<SmppSession, AtomicInteger> slots = new ConcurrentHashMap<>();
        /** Outbox reads started; a read's generation is this count when it began. */
        final AtomicLong reads = new AtomicLong();
        /** Rows settled since the last read began: outbox id → the generation of the newest read at the commit. */
        final Map<Long, Long> settled = new ConcurrentHashMap<>();

        /**
         * Claims and queues a row committed a moment ago; false when the queue is full (the row stays for a read).
         * A read that got there first keeps it; one that already delivered it left it in {@link #settled}.
         */
        boolean queue(OutboxEntry entry, int capacity) {
            if (freshCount.get() >= capacity) {
                unread = true;
                return false;
            }
            long id = entry.outboxId().value();
            if (!inFlight.add(id)) {
                return true;
            }
            if (settled.containsKey(id)) {
                inFlight.remove(id);
                return true;
            }
            freshCount.incrementAndGet();
            fresh.add(entry);
            return true;
        }

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
