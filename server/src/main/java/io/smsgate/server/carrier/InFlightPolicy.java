package io.smsgate.server.carrier;

/**
 * What happens to a part whose submit_sm got no answer (response timeout, or the connection dropped with it in the
 * window): its outcome is unknown, the carrier may have taken it (reliability.md §1.6, Kannel's wait-ack-expire).
 */
public enum InFlightPolicy {
    /** Submit it again (here, or on the next route); a duplicate at the handset is possible and counted. */
    RESUBMIT,
    /**
     * Do not submit again: the message stays SUBMITTED without a carrier id and ends when a receipt or the
     * validity period says so. No duplicates; a lost message is possible.
     */
    WAIT
}
