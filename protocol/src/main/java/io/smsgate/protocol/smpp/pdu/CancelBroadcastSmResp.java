package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** cancel_broadcast_sm_resp (SMPP 5.0 §4.6.3.2): header only. */
public record CancelBroadcastSmResp(int sequenceNumber, CommandStatus commandStatus) implements Response {

    public CancelBroadcastSmResp {
        requireNonNull(commandStatus, "commandStatus");
    }

    /** The successful answer. */
    public CancelBroadcastSmResp(int sequenceNumber) {
        this(sequenceNumber, CommandStatus.ESME_ROK);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CANCEL_BROADCAST_SM_RESP;
    }
}
