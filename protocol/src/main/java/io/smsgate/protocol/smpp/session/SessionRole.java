package io.smsgate.protocol.smpp.session;

/** Which end of the SMPP session we are (SMPP 5.0 §2.1): the client (ESME) or the message centre (MC). */
enum SessionRole {
    ESME,
    MC;

    SessionRole peer() {
        return this == ESME ? MC : ESME;
    }
}
