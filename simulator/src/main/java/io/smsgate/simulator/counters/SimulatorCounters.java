package io.smsgate.simulator.counters;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulated carrier's ground truth for "nothing lost, nothing doubled": binds, PDUs by command and status,
 * messages per destination, duplicates, receipts and MO. Safe from any thread; counting takes no lock and,
 * after warm-up, allocates nothing but the per-destination entry of a new destination.
 */
public final class SimulatorCounters {
    private static final int PDU_KEYS = 1024;

    private final CountersConfig config;
    private final MessageAssembly assembly;
    private final DuplicateDetector contentDuplicates;
    private final DuplicateDetector referenceDuplicates;

    private final LongAdder connections = new LongAdder();
    private final LongAdder bindsAccepted = new LongAdder();
    private final LongAdder bindsRefused = new LongAdder();
    private final LongAdder unbinds = new LongAdder();
    private final LongKeyedCounters pdusReceived = new LongKeyedCounters(PDU_KEYS);
    private final LongKeyedCounters pdusSent = new LongKeyedCounters(PDU_KEYS);
    private final LongAdder partsReceived = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> perDestination = new ConcurrentHashMap<>();
    private final AtomicInteger trackedDestinations = new AtomicInteger();
    private final LongAdder otherDestinations = new LongAdder();
    private final LongAdder duplicateMessages = new LongAdder();
    private final LongAdder duplicatesByContent = new LongAdder();
    private final LongAdder duplicatesByUserReference = new LongAdder();
    private final LongAdder duplicateChecksSkipped = new LongAdder();
    private final LongAdder receiptsSent = new LongAdder();
    private final LongAdder receiptsAcknowledged = new LongAdder();
    private final LongAdder receiptsRejected = new LongAdder();
    private final LongAdder receiptsQueued = new LongAdder();
    private final LongAdder receiptsResent = new LongAdder();
    private final LongAdder[] receiptsDropped = adders(DropReason.values().length);
    private final LongAdder moResent = new LongAdder();
    private final LongAdder[] moDropped = adders(DropReason.values().length);
    private final LongAdder moSent = new LongAdder();
    private final LongAdder moAcknowledged = new LongAdder();
    private final LongAdder moRejected = new LongAdder();

    public SimulatorCounters(CountersConfig config, MessageAssembly assembly, long originNanos) {
        this.config = requireNonNull(config, "config");
        this.assembly = requireNonNull(assembly, "assembly");
        this.contentDuplicates = new DuplicateDetector(config.duplicateWindow(), config.duplicateCapacity(), originNanos);
        this.referenceDuplicates =
                new DuplicateDetector(config.duplicateWindow(), config.duplicateCapacity(), originNanos);
    }

    public void connectionOpened() {
        connections.increment();
    }

    public void bindAccepted() {
        bindsAccepted.increment();
    }

    public void bindRefused() {
        bindsRefused.increment();
    }

    public void unbound() {
        unbinds.increment();
    }

    /** A PDU read from an ESME (requests and responses alike); {@code commandStatus} is its header's. */
    public void pduReceived(int commandId, int commandStatus) {
        pdusReceived.increment(LongKeyedCounters.key(commandId, commandStatus));
    }

    /** A PDU written to an ESME. */
    public void pduSent(int commandId, int commandStatus) {
        pdusSent.increment(LongKeyedCounters.key(commandId, commandStatus));
    }

    /**
     * One accepted submit's message; parts of a concatenated message are counted as a message once the
     * assembly completes it.
     *
     * @return the whole message when this part completed one
     */
    public Optional<AssembledMessage> messagePartReceived(MessagePart part, long nowNanos) {
        partsReceived.increment();
        Optional<AssembledMessage> whole = assembly.offer(part, nowNanos);
        whole.ifPresent(message -> messageReceived(message, nowNanos));
        return whole;
    }

    private void messageReceived(AssembledMessage message, long nowNanos) {
        messagesReceived.increment();
        countDestination(message.destination());
        boolean duplicate = count(contentDuplicates.check(
                Fingerprint.ofContent(message.source(), message.destination(), message.text()), nowNanos),
                duplicatesByContent);
        if (message.userMessageReference().isPresent()) {
            duplicate |= count(referenceDuplicates.check(Fingerprint.ofUserReference(message.source(),
                    message.destination(), message.userMessageReference().getAsInt()), nowNanos),
                    duplicatesByUserReference);
        }
        if (duplicate) {
            duplicateMessages.increment();
        }
    }

    private boolean count(DuplicateDetector.Verdict verdict, LongAdder duplicates) {
        return switch (verdict) {
            case FIRST -> false;
            case DUPLICATE -> {
                duplicates.increment();
                yield true;
            }
            case UNTRACKED -> {
                duplicateChecksSkipped.increment();
                yield false;
            }
        };
    }

    private void countDestination(String destination) {
        LongAdder counter = perDestination.get(destination);
        if (counter == null) {
            if (trackedDestinations.get() >= config.maxTrackedDestinations()) {
                otherDestinations.increment();
                return;
            }
            counter = perDestination.computeIfAbsent(destination, key -> {
                trackedDestinations.incrementAndGet();
                return new LongAdder();
            });
        }
        counter.increment();
    }

    public void receiptSent() {
        receiptsSent.increment();
    }

    /** A receipt that found no bound receiver or transceiver of its system_id when it was due, and waits. */
    public void receiptQueued() {
        receiptsQueued.increment();
    }

    /** A receipt written again: after a temporary error, or after its connection was lost unanswered. */
    public void receiptResent() {
        receiptsResent.increment();
    }

    public void receiptDropped(DropReason reason) {
        receiptsDropped[reason.ordinal()].increment();
    }

    /** An MO written again: after a temporary error, or after its connection was lost unanswered. */
    public void moResent() {
        moResent.increment();
    }

    public void moDropped(DropReason reason) {
        moDropped[reason.ordinal()].increment();
    }

    /** The ESME's deliver_sm_resp to a receipt: ESME_ROK acknowledges it, anything else rejects it. */
    public void receiptAnswered(int commandStatus) {
        (commandStatus == 0 ? receiptsAcknowledged : receiptsRejected).increment();
    }

    public void moSent() {
        moSent.increment();
    }

    /** The ESME's deliver_sm_resp to an MO message. */
    public void moAnswered(int commandStatus) {
        (commandStatus == 0 ? moAcknowledged : moRejected).increment();
    }

    /** A consistent-enough copy of every counter (each is read once; counting may continue meanwhile). */
    public CounterSnapshot snapshot() {
        Map<String, Long> destinations = new TreeMap<>();
        perDestination.forEach((destination, count) -> destinations.put(destination, count.sum()));
        return new CounterSnapshot(
                connections.sum(), bindsAccepted.sum(), bindsRefused.sum(), unbinds.sum(),
                pduCounts(pdusReceived), pduCounts(pdusSent),
                partsReceived.sum(), messagesReceived.sum(), destinations, otherDestinations.sum(),
                duplicateMessages.sum(), duplicatesByContent.sum(), duplicatesByUserReference.sum(), duplicateChecksSkipped.sum(),
                receiptsSent.sum(), receiptsAcknowledged.sum(), receiptsRejected.sum(), receiptsQueued.sum(),
                receiptsResent.sum(), byReason(receiptsDropped),
                moSent.sum(), moAcknowledged.sum(), moRejected.sum(), moResent.sum(), byReason(moDropped));
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    private static Map<String, Long> byReason(LongAdder[] adders) {
        Map<String, Long> counts = new TreeMap<>();
        for (DropReason reason : DropReason.values()) {
            counts.put(reason.key(), adders[reason.ordinal()].sum());
        }
        return counts;
    }

    private static List<CounterSnapshot.PduCount> pduCounts(LongKeyedCounters counters) {
        List<CounterSnapshot.PduCount> counts = new ArrayList<>();
        counters.snapshot().forEach((key, count) ->
                counts.add(new CounterSnapshot.PduCount((int) (key >>> 32), (int) (long) key, count)));
        counts.sort(CounterSnapshot.PduCount.ORDER);
        return counts;
    }
}
