package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/**
 * broadcast_sm (SMPP 5.0 §4.4.1): a cell broadcast; areas, content type, repetitions and frequency travel as TLVs
 * (broadcast_area_identifier, broadcast_content_type, broadcast_rep_num, broadcast_frequency_interval).
 */
public record BroadcastSm(
        int sequenceNumber,
        String serviceType,
        Address source,
        String messageId,
        int priorityFlag,
        String scheduleDeliveryTime,
        String validityPeriod,
        int replaceIfPresentFlag,
        int dataCoding,
        int smDefaultMsgId,
        Tlvs tlvs) implements Request {

    public BroadcastSm {
        Fields.cString("service_type", serviceType, FieldLimits.SERVICE_TYPE);
        Fields.address("source_addr", source, FieldLimits.SM_ADDRESS);
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        Fields.u8("priority_flag", priorityFlag);
        Fields.time("schedule_delivery_time", scheduleDeliveryTime);
        Fields.time("validity_period", validityPeriod);
        Fields.u8("replace_if_present_flag", replaceIfPresentFlag);
        Fields.u8("data_coding", dataCoding);
        Fields.u8("sm_default_msg_id", smDefaultMsgId);
        requireNonNull(tlvs, "tlvs");
    }

    @Override
    public CommandId commandId() {
        return CommandId.BROADCAST_SM;
    }

    @Override
    public BroadcastSmResp reject(CommandStatus status) {
        return BroadcastSmResp.error(sequenceNumber, status);
    }

    @Override
    public BroadcastSm withSequenceNumber(int sequenceNumber) {
        return new BroadcastSm(sequenceNumber, serviceType, source, messageId, priorityFlag, scheduleDeliveryTime,
                validityPeriod, replaceIfPresentFlag, dataCoding, smDefaultMsgId, tlvs);
    }
}
