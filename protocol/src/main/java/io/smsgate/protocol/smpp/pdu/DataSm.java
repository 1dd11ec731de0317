package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** data_sm (SMPP 3.4 §4.7.1): addresses and flags only; the text travels in the message_payload TLV. */
public record DataSm(
        int sequenceNumber,
        String serviceType,
        Address source,
        Address destination,
        int esmClass,
        int registeredDelivery,
        int dataCoding,
        Tlvs tlvs) implements Request {

    public DataSm {
        Fields.cString("service_type", serviceType, FieldLimits.SERVICE_TYPE);
        Fields.address("source_addr", source, FieldLimits.DATA_SM_ADDRESS);
        Fields.address("destination_addr", destination, FieldLimits.DATA_SM_ADDRESS);
        Fields.u8("esm_class", esmClass);
        Fields.u8("registered_delivery", registeredDelivery);
        Fields.u8("data_coding", dataCoding);
        requireNonNull(tlvs, "tlvs");
    }

    @Override
    public CommandId commandId() {
        return CommandId.DATA_SM;
    }

    @Override
    public DataSmResp reject(CommandStatus status) {
        return DataSmResp.error(sequenceNumber, status);
    }

    @Override
    public DataSm withSequenceNumber(int sequenceNumber) {
        return new DataSm(sequenceNumber, serviceType, source, destination, esmClass, registeredDelivery, dataCoding,
                tlvs);
    }
}
