package io.smsgate.simulator.counters;

import java.util.Locale;

/** Why the simulated SMSC gave up on a deliver_sm (receipt or MO) before the ESME acknowledged it. */
public enum DropReason {
    /** The ESME answered a permanent error (ESME_RX_P_APPN, ESME_RX_R_APPN or any non-temporary status). */
    PERMANENT_ERROR,
    /** The ESME kept answering temporary errors until the attempts ran out. */
    ATTEMPTS_EXHAUSTED,
    /** The system_id's waiting queue was full; the oldest waiting deliver_sm made room. */
    QUEUE_FULL;

    /** The reason as the counter snapshot names it: {@code permanent-error}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
