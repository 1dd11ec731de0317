package io.smsgate.protocol.smpp.pdu;

/** enquire_link (SMPP 3.4 §4.11.1): header only. */
public record EnquireLink(int sequenceNumber) implements Request {

    @Override
    public CommandId commandId() {
        return CommandId.ENQUIRE_LINK;
    }

    @Override
    public EnquireLinkResp reject(CommandStatus status) {
        return new EnquireLinkResp(sequenceNumber, status);
    }

    @Override
    public EnquireLink withSequenceNumber(int sequenceNumber) {
        return new EnquireLink(sequenceNumber);
    }
}
