package io.smsgate.server.api;

import java.util.Optional;

/**
 * The price the route plan will charge an account for a message to a destination, when its route is rated
 * (a rate card prices it). Shown in the 202 answer, the preview and the message record; absent when unrated.
 */
@FunctionalInterface
public interface Pricing {

    /** No route is rated: every answer leaves the price out. */
    Pricing UNRATED = (systemId, destination, segments) -> Optional.empty();

    /**
     * @param destination the recipient's digits (international, without '+')
     * @param segments the segments the message takes
     */
    Optional<Price> price(String systemId, String destination, int segments);
}
