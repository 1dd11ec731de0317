package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;

/**
 * The mandatory body submit_sm and deliver_sm share (SMPP 3.4 §4.4.1, §4.6.1), from service_type to short_message.
 * sm_length is not a field: it is the length of {@code shortMessage}.
 */
public record ShortMessage(
        String serviceType,
        Address source,
        Address destination,
        int esmClass,
        int protocolId,
        int priorityFlag,
        String scheduleDeliveryTime,
        String validityPeriod,
        int registeredDelivery,
        int replaceIfPresentFlag,
        int dataCoding,
        int smDefaultMsgId,
        OctetString shortMessage) {

    public ShortMessage {
        Fields.cString("service_type", serviceType, FieldLimits.SERVICE_TYPE);
        Fields.address("source_addr", source, FieldLimits.SM_ADDRESS);
        Fields.address("destination_addr", destination, FieldLimits.SM_ADDRESS);
        Fields.u8("esm_class", esmClass);
        Fields.u8("protocol_id", protocolId);
        Fields.u8("priority_flag", priorityFlag);
        Fields.time("schedule_delivery_time", scheduleDeliveryTime);
        Fields.time("validity_period", validityPeriod);
        Fields.u8("registered_delivery", registeredDelivery);
        Fields.u8("replace_if_present_flag", replaceIfPresentFlag);
        Fields.u8("data_coding", dataCoding);
        Fields.u8("sm_default_msg_id", smDefaultMsgId);
        requireNonNull(shortMessage, "short_message");
        if (shortMessage.length() > FieldLimits.SHORT_MESSAGE) {
            throw new IllegalArgumentException("sm_length: " + shortMessage.length() + " (expected: <= "
                    + FieldLimits.SHORT_MESSAGE + "; use message_payload)");
        }
    }

    /** A message with every optional field at its default (NULL time fields, no receipt, default alphabet). */
    public static ShortMessage of(Address source, Address destination, int dataCoding, OctetString shortMessage) {
        return new ShortMessage("", source, destination, 0, 0, 0, "", "", 0, 0, dataCoding, 0, shortMessage);
    }

    public ShortMessage withRegisteredDelivery(int registeredDelivery) {
        return new ShortMessage(serviceType, source, destination, esmClass, protocolId, priorityFlag,
                scheduleDeliveryTime, validityPeriod, registeredDelivery, replaceIfPresentFlag, dataCoding,
                smDefaultMsgId, shortMessage);
    }

    public ShortMessage withEsmClass(int esmClass) {
        return new ShortMessage(serviceType, source, destination, esmClass, protocolId, priorityFlag,
                scheduleDeliveryTime, validityPeriod, registeredDelivery, replaceIfPresentFlag, dataCoding,
                smDefaultMsgId, shortMessage);
    }

    public ShortMessage withShortMessage(int dataCoding, OctetString shortMessage) {
        return new ShortMessage(serviceType, source, destination, esmClass, protocolId, priorityFlag,
                scheduleDeliveryTime, validityPeriod, registeredDelivery, replaceIfPresentFlag, dataCoding,
                smDefaultMsgId, shortMessage);
    }

    public ShortMessage withAddresses(Address source, Address destination) {
        return new ShortMessage(serviceType, source, destination, esmClass, protocolId, priorityFlag,
                scheduleDeliveryTime, validityPeriod, registeredDelivery, replaceIfPresentFlag, dataCoding,
                smDefaultMsgId, shortMessage);
    }
}
