package io.smsgate.server.api;

import java.util.Optional;

/**
 * The price the route plan will charge an account for a message to a destination, when its route is rated
 * (a rate card prices it), or why the router refuses the message. Shown in the 202 answer, the preview and the
 * message record; the price is absent when unrated.
 */
public interface Pricing {

    /** No route is rated and nothing is refused: every answer leaves the price out. */
    Pricing UNRATED = (systemId, destination, segments) -> Optional.empty();

    /**
     * @param destination the recipient's digits (international, without '+')
     * @param segments the segments the message takes
     */
    Optional<Price> price(String systemId, String destination, int segments);

    /**
     * The router's answer for a message before it is stored: its price when rated, or a refusal the router will
     * not change its mind about (a route that is only unavailable now is not one: the message waits for it).
     *
     * @param routingKey the key the carrier side decides with (the message id), so that the plan is the same
     */
    default Quote quote(String systemId, String destination, String sender, long routingKey, int segments) {
        return new Quote.Routed(price(systemId, destination, segments));
    }
}
