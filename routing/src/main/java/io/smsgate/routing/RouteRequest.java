package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the router needs to know about one message.
 *
 * @param destination E.164 number; a leading '+' is dropped, anything else that is not 1–15 digits is rejected
 *     by the router as {@link RoutePlan.Reason#INVALID_DESTINATION}
 * @param routingKey a per-message value (e.g. a hash of the message id) that makes weighted splits and breaker
 *     probes deterministic for the message
 * @param portedNetwork the network an MNP/HLR lookup returned for this number, when the server made one; it
 *     overrides the snapshot's portability table and numbering plan
 */
public record RouteRequest(String accountId, String destination, String sender, long routingKey,
                           Optional<MccMnc> portedNetwork) {
    public RouteRequest {
        requireNonNull(accountId, "accountId");
        requireNonNull(destination, "destination");
        requireNonNull(sender, "sender");
        requireNonNull(portedNetwork, "portedNetwork");
        if (destination.startsWith("+")) {
            destination = destination.substring(1);
        }
    }

    public static RouteRequest of(String accountId, String destination, String sender, long routingKey) {
        return new RouteRequest(accountId, destination, sender, routingKey, Optional.empty());
    }
}
