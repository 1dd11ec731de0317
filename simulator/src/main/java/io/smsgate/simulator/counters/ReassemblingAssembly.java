package io.smsgate.simulator.counters;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.text.Reassembler;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Puts concatenated parts back together with the protocol's {@link Reassembler} (any arrival order,
 * reliability.md B21), so that a two-part message counts as one message. Single-part messages pass straight
 * through without a lock; parts share one reassembler under its monitor, because the parts of one message
 * may arrive on different binds, i.e. different event loops.
 */
public final class ReassemblingAssembly implements MessageAssembly {
    private final Reassembler reassembler;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder duplicateParts = new LongAdder();

    public ReassemblingAssembly(Reassembler.Config config) {
        this.reassembler = new Reassembler(requireNonNull(config, "config"), drop -> dropped.increment());
    }

    @Override
    public Optional<AssembledMessage> offer(MessagePart part, long nowNanos) {
        if (part.total() == 1) {
            return Optional.of(new AssembledMessage(part.source(), part.destination(), part.text(),
                    part.userMessageReference(), 1));
        }
        Reassembler.Outcome outcome;
        synchronized (reassembler) {
            reassembler.expire(nowNanos);
            outcome = reassembler.offer(new Reassembler.Key(part.source(), part.destination(), part.reference()),
                    part.total(), part.sequence(), part.text(), nowNanos);
        }
        if (outcome instanceof Reassembler.Complete complete) {
            return Optional.of(new AssembledMessage(part.source(), part.destination(), complete.joined(),
                    part.userMessageReference(), part.total()));
        }
        if (outcome instanceof Reassembler.Duplicate) {
            duplicateParts.increment();
        } else if (outcome instanceof Reassembler.Rejected) {
            // 3GPP TS 23.040 §9.2.3.24.1: a concatenation IE that cannot be right is ignored; the part stands alone.
            return Optional.of(new AssembledMessage(part.source(), part.destination(), part.text(),
                    part.userMessageReference(), 1));
        }
        return Optional.empty();
    }

    /** Partial messages given up (timeout, eviction, reference reused). */
    public long dropped() {
        return dropped.sum();
    }

    /** Parts received again after their first copy. */
    public long duplicateParts() {
        return duplicateParts.sum();
    }
}
