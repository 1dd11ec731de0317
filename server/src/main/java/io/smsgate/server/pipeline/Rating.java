package io.smsgate.server.pipeline;

import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.Price;
import java.util.Optional;

/**
 * What the route plan charges for a submission, decided once when it is accepted and stored with it (issue #6: the
 * message record shows its cost), so that a rate change afterwards does not change it.
 */
@FunctionalInterface
public interface Rating {

    /** Nothing is rated: messages are stored without a price. */
    Rating UNRATED = (id, submission) -> Optional.empty();

    /**
     * The price of {@code submission}, to be stored as {@code id} (the key the carrier side routes it with), when
     * its route is rated; never blocks.
     */
    Optional<Price> charge(MessageId id, Submission submission);
}
