package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A final message whose client receipt was asked for but never reached the outbox, found at start-up
 * ({@link StoreReader#forEachOwedReceipt}), with the receipt stat and error of the event that made it final.
 */
public record OwedReceipt(StoredMessage message, Optional<String> stat, Optional<String> error) {
    public OwedReceipt {
        requireNonNull(message, "message");
        requireNonNull(stat, "stat");
        requireNonNull(error, "error");
    }
}
