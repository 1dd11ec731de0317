package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A POST /v1/messages body, after the contract's schema accepted it (types, lengths, patterns and no unknown
 * members are the validator's; what a schema cannot say, e.g. a real RFC 3339 time, is checked in
 * {@link ApiRequests}).
 */
record SendRequest(String to, String from, String text, boolean hasMedia, Optional<String> statusCallback,
                   Optional<Duration> validityPeriod, Optional<Instant> sendAt, Optional<String> clientReference,
                   boolean smartEncoding) {

    SendRequest {
        requireNonNull(to, "to");
        requireNonNull(from, "from");
        requireNonNull(text, "text");
        requireNonNull(statusCallback, "statusCallback");
        requireNonNull(validityPeriod, "validityPeriod");
        requireNonNull(sendAt, "sendAt");
        requireNonNull(clientReference, "clientReference");
    }
}
