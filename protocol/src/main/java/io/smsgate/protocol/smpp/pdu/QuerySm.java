package io.smsgate.protocol.smpp.pdu;

/** query_sm (SMPP 3.4 §4.8.1): the state of a message previously submitted. */
public record QuerySm(int sequenceNumber, String messageId, Address source) implements Request {

    public QuerySm {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        Fields.address("source_addr", source, FieldLimits.SM_ADDRESS);
    }

    @Override
    public CommandId commandId() {
        return CommandId.QUERY_SM;
    }

    @Override
    public QuerySmResp reject(CommandStatus status) {
        return QuerySmResp.error(sequenceNumber, status);
    }

    @Override
    public QuerySm withSequenceNumber(int sequenceNumber) {
        return new QuerySm(sequenceNumber, messageId, source);
    }
}
