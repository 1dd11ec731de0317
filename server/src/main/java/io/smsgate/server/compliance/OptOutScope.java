package io.smsgate.server.compliance;

/** What a STOP keyword opts the recipient out of ({@code compliance.opt-out-scope}). */
public enum OptOutScope {
    /** Only the sender number the STOP was sent to. */
    SENDER,
    /** Every sender of the account that owns that number. */
    ACCOUNT
}
