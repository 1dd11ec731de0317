package io.smsgate.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.NewMessage;
import java.util.Optional;

/**
 * Asked by the carrier side when a held message (a scheduled send time, or quiet hours) is due, before it goes to a
 * carrier: what was allowed at accept may not be now (issue #6: the recipient opted out meanwhile). A refused message
 * ends REJECTED, with its receipt and status callback like any final state, and is not charged.
 */
@FunctionalInterface
public interface ReleaseCheck {

    /** Every held message goes out when due. */
    ReleaseCheck NONE = message -> Optional.empty();

    /** Why {@code message} must not go out now; empty to send it. A hash lookup: never blocks. */
    Optional<Refusal> refusal(NewMessage message);

    /**
     * @param commandStatus the SMPP command_status the refusal stands for (the receipt's {@code err:})
     * @param detail for the message's event, naming the reason
     */
    record Refusal(int commandStatus, String detail) {
        public Refusal {
            requireNonNull(detail, "detail");
        }
    }
}
