package io.smsgate.protocol.smpp.codec;

import io.smsgate.protocol.smpp.pdu.CommandStatus;

/** A body the decoder cannot accept, with the command_status the specification names; never leaves the codec. */
final class PduDecodeException extends Exception {

    private final CommandStatus status;

    PduDecodeException(CommandStatus status, String message) {
        super(message, null, false, false); // control flow, not a bug: no stack trace
        this.status = status;
    }

    CommandStatus status() {
        return status;
    }
}
