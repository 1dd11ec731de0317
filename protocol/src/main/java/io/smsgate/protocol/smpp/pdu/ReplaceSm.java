package io.smsgate.protocol.smpp.pdu;

import io.smsgate.protocol.OctetString;

/** replace_sm (SMPP 3.4 §4.10.1; SMPP 5.0 adds the message_payload TLV). */
public record ReplaceSm(
        int sequenceNumber,
        String messageId,
        Address source,
        String scheduleDeliveryTime,
        String validityPeriod,
        int registeredDelivery,
        int smDefaultMsgId,
        OctetString shortMessage,
        Tlvs tlvs) implements Request {

    public ReplaceSm {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        Fields.address("source_addr", source, FieldLimits.SM_ADDRESS);
        Fields.time("schedule_delivery_time", scheduleDeliveryTime);
        Fields.time("validity_period", validityPeriod);
        Fields.u8("registered_delivery", registeredDelivery);
        Fields.u8("sm_default_msg_id", smDefaultMsgId);
        Fields.octets("short_message", shortMessage, 0, FieldLimits.SHORT_MESSAGE);
        Fields.noPayloadWithShortMessage("replace_sm", shortMessage, tlvs);
    }

    @Override
    public CommandId commandId() {
        return CommandId.REPLACE_SM;
    }

    @Override
    public ReplaceSmResp reject(CommandStatus status) {
        return new ReplaceSmResp(sequenceNumber, status);
    }

    @Override
    public ReplaceSm withSequenceNumber(int sequenceNumber) {
        return new ReplaceSm(sequenceNumber, messageId, source, scheduleDeliveryTime, validityPeriod,
                registeredDelivery, smDefaultMsgId, shortMessage, tlvs);
    }
}
