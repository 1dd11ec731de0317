package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.smpp.pdu.BindType;

/** The session states of SMPP 5.0 §2.3 that decide which PDUs may flow (the §2.4 operation matrix). */
public enum SessionState {
    /** TCP connected, not bound. */
    OPEN,
    /** ESME side: the MC sent outbind; we are to bind as a receiver. */
    OUTBOUND,
    BOUND_TX,
    BOUND_RX,
    BOUND_TRX,
    /** unbind sent or received (SMPP 5.0 calls it UNBOUND): only enquire_link and the unbind exchange flow. */
    UNBINDING,
    CLOSED;

    static SessionState bound(BindType bindType) {
        return switch (bindType) {
            case TX -> BOUND_TX;
            case RX -> BOUND_RX;
            case TRX -> BOUND_TRX;
        };
    }

    public boolean isBound() {
        return this == BOUND_TX || this == BOUND_RX || this == BOUND_TRX;
    }
}
