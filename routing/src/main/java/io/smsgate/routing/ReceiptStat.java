package io.smsgate.routing;

/** The {@code stat:} of a delivery receipt (SMPP 3.4 Appendix B) as far as failover cares. */
public enum ReceiptStat {
    DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD;

    /** UNDELIV and REJECTD may move a message on; the others are final or not failures. */
    boolean mayFailOver() {
        return switch (this) {
            case UNDELIV, REJECTD -> true;
            case DELIVRD, EXPIRED, DELETED, ACCEPTD, UNKNOWN -> false;
        };
    }
}
