package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.util.List;

/** submit_multi (SMPP 3.4 §4.5.1): one message to 1–254 SME addresses or distribution lists. */
public record SubmitMulti(
        int sequenceNumber,
        String serviceType,
        Address source,
        List<DestinationAddress> destinations,
        int esmClass,
        int protocolId,
        int priorityFlag,
        String scheduleDeliveryTime,
        String validityPeriod,
        int registeredDelivery,
        int replaceIfPresentFlag,
        int dataCoding,
        int smDefaultMsgId,
        OctetString shortMessage,
        Tlvs tlvs) implements Request {

    public SubmitMulti {
        Fields.cString("service_type", serviceType, FieldLimits.SERVICE_TYPE);
        Fields.address("source_addr", source, FieldLimits.SM_ADDRESS);
        destinations = List.copyOf(destinations);
        if (destinations.isEmpty() || destinations.size() > FieldLimits.MAX_DESTINATIONS) {
            throw new IllegalArgumentException("number_of_dests: " + destinations.size() + " (expected: 1.."
                    + FieldLimits.MAX_DESTINATIONS + ")");
        }
        Fields.u8("esm_class", esmClass);
        Fields.u8("protocol_id", protocolId);
        Fields.u8("priority_flag", priorityFlag);
        Fields.time("schedule_delivery_time", scheduleDeliveryTime);
        Fields.time("validity_period", validityPeriod);
        Fields.u8("registered_delivery", registeredDelivery);
        Fields.u8("replace_if_present_flag", replaceIfPresentFlag);
        Fields.u8("data_coding", dataCoding);
        Fields.u8("sm_default_msg_id", smDefaultMsgId);
        Fields.octets("short_message", shortMessage, 0, FieldLimits.SHORT_MESSAGE);
        Fields.noPayloadWithShortMessage("submit_multi", shortMessage, tlvs);
    }

    @Override
    public CommandId commandId() {
        return CommandId.SUBMIT_MULTI;
    }

    @Override
    public SubmitMultiResp reject(CommandStatus status) {
        return SubmitMultiResp.error(sequenceNumber, status);
    }

    @Override
    public SubmitMulti withSequenceNumber(int sequenceNumber) {
        return new SubmitMulti(sequenceNumber, serviceType, source, destinations, esmClass, protocolId, priorityFlag,
                scheduleDeliveryTime, validityPeriod, registeredDelivery, replaceIfPresentFlag, dataCoding,
                smDefaultMsgId, shortMessage, tlvs);
    }
}
