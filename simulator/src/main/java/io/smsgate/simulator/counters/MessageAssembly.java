package io.smsgate.simulator.counters;

import java.util.Optional;

/**
 * Puts concatenated parts back together in any arrival order (reliability.md B21), so the counters see one
 * message per concatenated message. The implementation comes from {@code io.smsgate.protocol.text}'s
 * reassembler; single-part messages pass straight through.
 */
public interface MessageAssembly {
    /** A single-part-only assembly, for carriers that do not reassemble. */
    MessageAssembly SINGLE_PARTS = (part, nowNanos) -> Optional.of(new AssembledMessage(part.source(),
            part.destination(), part.text(), part.userMessageReference(), 1));

    /**
     * Offers one received part; returns the whole message once its last missing part arrived, or at once
     * for a message that is not concatenated.
     */
    Optional<AssembledMessage> offer(MessagePart part, long nowNanos);
}
