package io.smsgate.protocol.smpp.pdu;

/** cancel_sm (SMPP 3.4 §4.9.1): cancel one message by message_id, or all matching source and destination. */
public record CancelSm(int sequenceNumber, String serviceType, String messageId, Address source, Address destination)
        implements Request {

    public CancelSm {
        Fields.cString("service_type", serviceType, FieldLimits.SERVICE_TYPE);
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        Fields.address("source_addr", source, FieldLimits.SM_ADDRESS);
        Fields.address("destination_addr", destination, FieldLimits.SM_ADDRESS);
    }

    @Override
    public CommandId commandId() {
        return CommandId.CANCEL_SM;
    }

    @Override
    public CancelSmResp reject(CommandStatus status) {
        return new CancelSmResp(sequenceNumber, status);
    }

    @Override
    public CancelSm withSequenceNumber(int sequenceNumber) {
        return new CancelSm(sequenceNumber, serviceType, messageId, source, destination);
    }
}
