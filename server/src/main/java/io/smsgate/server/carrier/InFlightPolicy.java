package io.smsgate.server.carrier;

/**
 * What happens to a part whose submit_sm got no answer (response timeout, or the connection dropped with it in the
 * window): its outcome is unknown, the carrier may have taken it (reliability.md §1.6, Kannel's wait-ack-expire).
 */
public enum InFlightPolicy {
    /** Submit it again (here, or on the next route); a duplicate at the handset is possible and counted. */
    RESUBMIT,
    /**
     * Do not submit again: the message stays SUBMITTED, its part recorded under its addresses instead of a carrier
     * id, and a receipt whose id matches nothing is correlated to it by those addresses (WaitKeys). No duplicates; a
     * lost message is possible.
     */
    WAIT
}
