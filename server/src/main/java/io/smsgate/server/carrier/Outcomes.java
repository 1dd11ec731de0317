package io.smsgate.server.carrier;

import io.smsgate.routing.Outcome;

/** Where a connector hands a message it cannot finish on its own carrier: the dispatcher, which asks the router. */
interface Outcomes {

    /** The attempt on this route ended with {@code outcome}; the router decides what comes next. */
    void moveOn(Job job, Outcome outcome);

    /**
     * The connection closed with this message's part the only request in flight, under InFlightPolicy.RESUBMIT: the
     * message itself is the likely cause. It goes again as after a timeout, unless that has happened
     * {@code max-connection-resets} times. (Parts lost together with others are not counted: a reset mid-window
     * blames none of them, and the halved window soon leaves the culprit alone in flight.)
     */
    void connectionLost(Job job);

    /** Every part of the message was handed over (or, under InFlightPolicy.WAIT, given up on): the job is done. */
    void submitted(Job job);

    /** The carrier refused the message itself: it fails with the carrier's code, on no other route. */
    void refused(Job job, int commandStatus, String reason);

    /** The message's validity period ended before its first part went out (SMPP 3.4 §5.2.15): it is EXPIRED. */
    void expired(Job job);
}
