package io.smsgate.routing;

/** How a carrier answered one submit_sm, as the server classifies its submit_sm_resp (SMPP 3.4 §5.1.3). */
public enum SubmitResult {
    /** ESME_ROK. */
    ACCEPTED,
    /** Any error command_status other than throttling. */
    ERROR,
    /** No submit_sm_resp within the response timeout. */
    TIMEOUT,
    /** ESME_RTHROTTLED: the carrier is at its rate limit; not a failure of the route. */
    THROTTLED
}
