package io.smsgate.server.carrier;

/** What a carrier's submit_sm_resp command_status means for the message (reliability.md Checklist B5–B8). */
public enum StatusClass {
    /** ESME_ROK: the carrier took the part. */
    SUCCESS,
    /** The carrier is over its rate (ESME_RTHROTTLED, ESME_RMSGQFUL): slow this bind, retry the part here later. */
    THROTTLED,
    /** A passing fault at the carrier (ESME_RSYSERR, ESME_RX_T_APPN): retry here later, a bounded number of times. */
    TEMPORARY,
    /** This route cannot take the message (ESME_RSUBMITFAIL, ESME_RINVBNDSTS): try the next route of the plan. */
    ROUTE_FAILURE,
    /** The message itself is refused (ESME_RINVDSTADR, ESME_RINVDCS, …): fail it with the carrier's code. */
    PERMANENT
}
