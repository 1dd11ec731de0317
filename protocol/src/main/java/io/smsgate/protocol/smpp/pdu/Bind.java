package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/**
 * bind_transmitter, bind_receiver or bind_transceiver (SMPP 3.4 §4.1.1, §4.1.3, §4.1.5): one record, the
 * {@link BindType} selects the command_id. The password is masked in {@link #toString()}.
 */
public record Bind(
        int sequenceNumber,
        BindType bindType,
        String systemId,
        String password,
        String systemType,
        InterfaceVersion interfaceVersion,
        Address addressRange) implements Request {

    public Bind {
        requireNonNull(bindType, "bindType");
        Fields.cString("system_id", systemId, FieldLimits.SYSTEM_ID);
        Fields.cString("password", password, FieldLimits.PASSWORD);
        Fields.cString("system_type", systemType, FieldLimits.SYSTEM_TYPE);
        requireNonNull(interfaceVersion, "interfaceVersion");
        Fields.address("address_range", addressRange, FieldLimits.ADDRESS_RANGE);
    }

    @Override
    public CommandId commandId() {
        return bindType.requestId();
    }

    @Override
    public BindResp reject(CommandStatus status) {
        return BindResp.error(bindType, sequenceNumber, status);
    }

    @Override
    public Bind withSequenceNumber(int sequenceNumber) {
        return new Bind(sequenceNumber, bindType, systemId, password, systemType, interfaceVersion, addressRange);
    }

    @Override
    public String toString() {
        return "Bind[sequenceNumber=" + sequenceNumber + ", bindType=" + bindType + ", systemId=" + systemId
                + ", password=***, systemType=" + systemType + ", interfaceVersion=" + interfaceVersion
                + ", addressRange=" + addressRange + "]";
    }
}
