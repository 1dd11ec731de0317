package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.IngestResult;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.MessageId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the segments of clients' concatenated messages until each set is complete, then stores the set as one
 * message with its parts in order (and dispatches it, through {@link Ingest}).
 *
 * <p>Every segment is answered on its own: its submit_sm_resp carries the set's message id once that segment is
 * durably staged ({@link UpstreamStore#stage}), so a client that waits for each resp before sending the next part
 * never stalls. The segment that completes the set is answered only after the whole message is committed. A set not
 * complete within {@code timeout} is stored with the segments that came (every accepted segment reaches the
 * carrier); at most {@code maxSets} sets are held, beyond that new sets are refused with ESME_RMSGQFUL.
 */
final class PartAssembler {

    private static final Logger log = LoggerFactory.getLogger(PartAssembler.class);

    /** What happened to one segment. */
    sealed interface Outcome {
    }

    /** The segment (or the completed message) is stored under {@code messageId}. */
    record Stored(MessageId messageId) implements Outcome {
    }

    /** Refused: {@code refusal} names why (full, or the store refused). */
    record Refused(IngestResult.Refused refusal) implements Outcome {
    }

    private final Ingest ingest;
    private final UpstreamStore store;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Duration timeout;
    private final int maxSets;
    private final Map<String, PartSet> sets = new HashMap<>();

    PartAssembler(Ingest ingest, UpstreamStore store, ScheduledExecutorService timer, Clock clock, Duration timeout,
            int maxSets) {
        this.ingest = requireNonNull(ingest, "ingest");
        this.store = requireNonNull(store, "store");
        this.timer = requireNonNull(timer, "timer");
        this.clock = requireNonNull(clock, "clock");
        this.timeout = requireNonNull(timeout, "timeout");
        this.maxSets = maxSets;
    }

    /** The set a segment belongs to: account, addresses and the client's reference (SAR refs offset by 0x10000). */
    static String key(Submission part, SubmitValidator.Part p) {
        return part.systemId() + '|' + part.source().ton() + ':' + part.source().address() + '|'
                + part.destination().ton() + ':' + part.destination().address() + '|' + p.reference() + '/'
                + p.total();
    }

    /** Takes one segment; completes when it may be answered. */
    CompletionStage<Outcome> offer(Submission part, SubmitValidator.Part p) {
        // A part of a message that can never be stored (an opted-out recipient) is refused before it is staged.
        Optional<IngestResult.Refused> refusal = ingest.refusal(part);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(new Refused(refusal.get()));
        }
        String key = key(part, p);
        PartSet set;
        synchronized (this) {
            set = sets.get(key);
            if (set == null) {
                if (sets.size() >= maxSets) {
                    return CompletableFuture.completedFuture(new Refused(new IngestResult.Refused(
                            IngestResult.Reason.STORE_OVERLOADED, "concatenation sets: " + maxSets + " held")));
                }
                set = new PartSet(key, ingest.nextId(), p.total());
                sets.put(key, set);
                PartSet created = set;
                created.expiry = timer.schedule(() -> expire(created), timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        PartSet target = set;
        return store.stage(set.id, key, p.sequence(), p.total(), part, clock.instant())
                .thenCompose(staged -> {
                    boolean complete;
                    synchronized (this) {
                        if (target.parts[p.sequence() - 1] == null) {
                            target.parts[p.sequence() - 1] = part;
                            target.received++;
                        }
                        complete = target.received == target.total && !target.storing;
                        if (complete) {
                            target.storing = true;
                        }
                    }
                    return complete ? storeSet(target) : CompletableFuture.completedFuture(
                            (Outcome) new Stored(target.id));
                })
                .exceptionally(error -> new Refused(refusal(error)));
    }

    /** Start-up: puts staged segments back into their sets (their timeouts start again). */
    void recover(List<UpstreamStore.StagedPart> staged) {
        for (UpstreamStore.StagedPart part : staged) {
            PartSet set;
            synchronized (this) {
                set = sets.get(part.setKey());
                if (set == null) {
                    set = new PartSet(part.setKey(), part.messageId(), part.partCount());
                    sets.put(part.setKey(), set);
                    PartSet created = set;
                    created.expiry = timer.schedule(() -> expire(created), timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                if (set.parts[part.partNumber() - 1] == null) {
                    set.parts[part.partNumber() - 1] = part.submission();
                    set.received++;
                }
            }
        }
        if (!staged.isEmpty()) {
            log.info("concatenation sets recovered sets={} parts={}", held(), staged.size());
        }
    }

    synchronized int held() {
        return sets.size();
    }

    private CompletableFuture<Outcome> storeSet(PartSet set) {
        Submission whole;
        synchronized (this) {
            whole = combine(set);
        }
        return ingest.accept(set.id, whole).toCompletableFuture().thenApply(result -> {
            if (result instanceof IngestResult.Accepted accepted) {
                synchronized (this) {
                    sets.remove(set.key, set);
                    if (set.expiry != null) {
                        set.expiry.cancel(false);
                    }
                }
                store.unstage(set.id).exceptionally(error -> {
                    // Harmless: start-up recovery deletes staged rows of stored messages.
                    log.debug("unstage failed message_id={} cause={}", set.id, error.toString());
                    return null;
                });
                return new Stored(accepted.messageId());
            }
            IngestResult.Refused refused = (IngestResult.Refused) result;
            if (refused.reason() == IngestResult.Reason.OPTED_OUT) {
                // For good (the recipient opted out after the first part): drop the set instead of retrying it.
                synchronized (this) {
                    sets.remove(set.key, set);
                    if (set.expiry != null) {
                        set.expiry.cancel(false);
                    }
                }
                store.unstage(set.id).exceptionally(error -> {
                    log.debug("unstage failed message_id={} cause={}", set.id, error.toString());
                    return null;
                });
                return new Refused(refused);
            }
            synchronized (this) {
                set.storing = false; // the client may send the last segment again, or the timeout stores it
            }
            return new Refused(refused);
        });
    }

    private void expire(PartSet set) {
        synchronized (this) {
            if (sets.get(set.key) != set || set.storing || set.received == 0) {
                return;
            }
            set.storing = true;
        }
        log.info("concatenation set incomplete after timeout, storing the parts received message_id={} received={}"
                + " total={}", set.id, set.received, set.total);
        storeSet(set).thenAccept(outcome -> {
            if (outcome instanceof Refused refused && refused.refusal().reason() != IngestResult.Reason.OPTED_OUT) {
                // Try again later: the staged parts are durable.
                synchronized (this) {
                    set.expiry = timer.schedule(() -> expire(set), timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    private static Submission combine(PartSet set) {
        List<OctetString> parts = new ArrayList<>(set.total);
        Submission first = null;
        for (Submission part : set.parts) {
            if (part != null) {
                parts.add(part.parts().get(0));
                if (first == null) {
                    first = part;
                }
            }
        }
        requireNonNull(first, "first part");
        return new Submission(first.systemId(), first.source(), first.destination(), first.esmClass(),
                first.protocolId(), first.priorityFlag(), first.dataCoding(), first.registeredDelivery(),
                first.validityUntil(), first.notBefore(), first.clientRef(), parts, first.tlvs());
    }

    private static IngestResult.Refused refusal(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UpstreamOverloadedException) {
            return new IngestResult.Refused(IngestResult.Reason.STORE_OVERLOADED, cause.getMessage());
        }
        log.warn("staging a concatenated part failed cause={}", cause.toString());
        return new IngestResult.Refused(IngestResult.Reason.STORE_FAILED, String.valueOf(cause.getMessage()));
    }

    private static final class PartSet {
        final String key;
        final MessageId id;
        final int total;
        final Submission[] parts;
        int received;
        boolean storing;
        ScheduledFuture<?> expiry;

        PartSet(String key, MessageId id, int total) {
            this.key = key;
            this.id = id;
            this.total = total;
            this.parts = new Submission[total];
        }
    }
}
