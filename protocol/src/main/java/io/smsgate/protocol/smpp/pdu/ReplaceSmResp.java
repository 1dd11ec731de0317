package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** replace_sm_resp (SMPP 3.4 §4.10.2): header only. */
public record ReplaceSmResp(int sequenceNumber, CommandStatus commandStatus) implements Response {

    public ReplaceSmResp {
        requireNonNull(commandStatus, "commandStatus");
    }

    /** The successful answer. */
    public ReplaceSmResp(int sequenceNumber) {
        this(sequenceNumber, CommandStatus.ESME_ROK);
    }

    @Override
    public CommandId commandId() {
        return CommandId.REPLACE_SM_RESP;
    }
}
