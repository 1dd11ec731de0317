package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** cancel_sm_resp (SMPP 3.4 §4.9.2): header only. */
public record CancelSmResp(int sequenceNumber, CommandStatus commandStatus) implements Response {

    public CancelSmResp {
        requireNonNull(commandStatus, "commandStatus");
    }

    /** The successful answer. */
    public CancelSmResp(int sequenceNumber) {
        this(sequenceNumber, CommandStatus.ESME_ROK);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CANCEL_SM_RESP;
    }
}
