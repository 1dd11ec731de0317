package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** unbind_resp (SMPP 3.4 §4.2.2): header only. */
public record UnbindResp(int sequenceNumber, CommandStatus commandStatus) implements Response {

    public UnbindResp {
        requireNonNull(commandStatus, "commandStatus");
    }

    /** The successful answer. */
    public UnbindResp(int sequenceNumber) {
        this(sequenceNumber, CommandStatus.ESME_ROK);
    }

    @Override
    public CommandId commandId() {
        return CommandId.UNBIND_RESP;
    }
}
