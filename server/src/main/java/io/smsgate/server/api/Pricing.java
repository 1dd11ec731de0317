package io.smsgate.server.api;

import io.smsgate.server.pipeline.Rating;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.Price;
import java.util.Optional;

/**
 * The price the route plan will charge an account for a message to a destination, when its route is rated
 * (a rate card prices it), or why the router refuses the message. Shown in the 202 answer and the preview, and
 * stored with the message when it is accepted (as its {@link Rating}), so that its record shows what was quoted.
 */
public interface Pricing extends Rating {

    /** No route is rated and nothing is refused: every answer leaves the price out. */
    Pricing UNRATED = (systemId, destination, sender, routingKey, segments) -> new Quote.Routed(Optional.empty());

    /**
     * The router's answer for a message before it is stored: its price when rated, or a refusal the router will
     * not change its mind about (a route that is only unavailable now is not one: the message waits for it).
     *
     * @param destination the recipient's digits (international, without '+')
     * @param routingKey the key the carrier side decides with (the message id), so that the plan is the same
     * @param segments the segments the message takes
     */
    Quote quote(String systemId, String destination, String sender, long routingKey, int segments);

    /**
     * The price of a submission that came without a quote (SMPP), with the segments its parts take; a refusal is
     * no price here: the carrier side fails the message with the router's reason.
     */
    @Override
    default Optional<Price> charge(MessageId id, Submission submission) {
        Quote quote = quote(submission.systemId(), submission.destination().address(),
                submission.source().address(), id.value(),
                MessageComposer.segments(submission.dataCoding(), submission.parts()));
        return quote instanceof Quote.Routed routed ? routed.price() : Optional.empty();
    }
}
