package io.smsgate.server.carrier;

import io.smsgate.routing.Outcome;

/** Where a connector hands a message it cannot finish on its own carrier: the dispatcher, which asks the router. */
interface Outcomes {

    /** The attempt on this route ended with {@code outcome}; the router decides what comes next. */
    void moveOn(Job job, Outcome outcome);

    /** Every part of the message was handed over (or, under InFlightPolicy.WAIT, given up on): the job is done. */
    void submitted(Job job);

    /** The carrier refused the message itself: it fails with the carrier's code, on no other route. */
    void refused(Job job, int commandStatus, String reason);

    /** The message's validity period ended before its first part went out (SMPP 3.4 §5.2.15): it is EXPIRED. */
    void expired(Job job);
}
