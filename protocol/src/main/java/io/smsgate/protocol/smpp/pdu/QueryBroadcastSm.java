package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** query_broadcast_sm (SMPP 5.0 §4.6.1): the state of a broadcast previously submitted. */
public record QueryBroadcastSm(int sequenceNumber, String messageId, Address source, Tlvs tlvs) implements Request {

    public QueryBroadcastSm {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        Fields.address("source_addr", source, FieldLimits.SM_ADDRESS);
        requireNonNull(tlvs, "tlvs");
    }

    @Override
    public CommandId commandId() {
        return CommandId.QUERY_BROADCAST_SM;
    }

    @Override
    public QueryBroadcastSmResp reject(CommandStatus status) {
        return QueryBroadcastSmResp.error(sequenceNumber, status);
    }

    @Override
    public QueryBroadcastSm withSequenceNumber(int sequenceNumber) {
        return new QueryBroadcastSm(sequenceNumber, messageId, source, tlvs);
    }
}
