package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** cancel_broadcast_sm (SMPP 5.0 §4.6.2): cancel a broadcast by message_id or by service_type and source. */
public record CancelBroadcastSm(int sequenceNumber, String serviceType, String messageId, Address source, Tlvs tlvs)
        implements Request {

    public CancelBroadcastSm {
        Fields.cString("service_type", serviceType, FieldLimits.SERVICE_TYPE);
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        Fields.address("source_addr", source, FieldLimits.SM_ADDRESS);
        requireNonNull(tlvs, "tlvs");
    }

    @Override
    public CommandId commandId() {
        return CommandId.CANCEL_BROADCAST_SM;
    }

    @Override
    public CancelBroadcastSmResp reject(CommandStatus status) {
        return new CancelBroadcastSmResp(sequenceNumber, status);
    }

    @Override
    public CancelBroadcastSm withSequenceNumber(int sequenceNumber) {
        return new CancelBroadcastSm(sequenceNumber, serviceType, messageId, source, tlvs);
    }
}
