package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the message detail record says about a state change besides the state: which carrier, its id, its
 * command_status, the receipt's stat and err, and a short free text.
 */
public record EventDetail(Optional<String> carrierId, Optional<String> carrierMessageId,
                          OptionalInt commandStatus, Optional<String> receiptStat, Optional<String> errorCode,
                          Optional<String> text) {

    public static final EventDetail NONE = new EventDetail(Optional.empty(), Optional.empty(), OptionalInt.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public EventDetail {
        requireNonNull(carrierId, "carrierId");
        requireNonNull(carrierMessageId, "carrierMessageId");
        requireNonNull(commandStatus, "commandStatus");
        requireNonNull(receiptStat, "receiptStat");
        requireNonNull(errorCode, "errorCode");
        requireNonNull(text, "text");
    }

    /** A carrier's answer to submit_sm (e.g. a temporary or permanent error status). */
    public static EventDetail carrierAnswer(String carrierId, int commandStatus, String text) {
        return new EventDetail(Optional.of(carrierId), Optional.empty(), OptionalInt.of(commandStatus),
                Optional.empty(), Optional.empty(), Optional.of(text));
    }

    /** A decision of ours, e.g. "no route" or "cancel_sm". */
    public static EventDetail note(String text) {
        return new EventDetail(Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Optional.of(text));
    }
}
