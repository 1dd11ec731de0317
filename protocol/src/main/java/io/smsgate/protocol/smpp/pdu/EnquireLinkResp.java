package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** enquire_link_resp (SMPP 3.4 §4.11.2): header only. */
public record EnquireLinkResp(int sequenceNumber, CommandStatus commandStatus) implements Response {

    public EnquireLinkResp {
        requireNonNull(commandStatus, "commandStatus");
    }

    /** The successful answer. */
    public EnquireLinkResp(int sequenceNumber) {
        this(sequenceNumber, CommandStatus.ESME_ROK);
    }

    @Override
    public CommandId commandId() {
        return CommandId.ENQUIRE_LINK_RESP;
    }
}
