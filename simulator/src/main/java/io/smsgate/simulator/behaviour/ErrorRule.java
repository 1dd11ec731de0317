package io.smsgate.simulator.behaviour;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Answers a fraction of submits (all, or only those to the given destination prefixes) with a chosen
 * command_status, or with generic_nack carrying or not carrying the request's sequence_number
 * (Jasmin's GenericNackWithSeqNum/NoSeqNum simulators, reliability.md B8/B9).
 */
public record ErrorRule(double fraction, List<String> destinationPrefixes, int commandStatus, Reply reply) {

    /** The PDU that carries the injected error. */
    public enum Reply { RESPONSE, GENERIC_NACK, GENERIC_NACK_WITHOUT_SEQUENCE }

    public ErrorRule {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("fraction: " + fraction + " (expected: between 0 and 1)");
        }
        destinationPrefixes = List.copyOf(destinationPrefixes);
        requireNonNull(reply, "reply");
        if (commandStatus == 0 && reply == Reply.RESPONSE) {
            throw new IllegalArgumentException("status: 0 (expected: an error status, ESME_ROK injects nothing)");
        }
    }

    /** Whether this rule covers the destination address (an empty prefix list covers every address). */
    public boolean covers(String destination) {
        if (destinationPrefixes.isEmpty()) {
            return true;
        }
        for (int i = 0; i < destinationPrefixes.size(); i++) {
            if (destination.startsWith(destinationPrefixes.get(i))) {
                return true;
            }
        }
        return false;
    }
}
