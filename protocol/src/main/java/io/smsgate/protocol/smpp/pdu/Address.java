package io.smsgate.protocol.smpp.pdu;

/** An SME address: type of number, numbering plan indicator and the address digits (SMPP 3.4 §5.2.5–§5.2.8). */
public record Address(int ton, int npi, String address) {

    /** NULL address: ton 0, npi 0, empty, as sent in fields that are unused. */
    public static final Address EMPTY = new Address(0, 0, "");

    public Address {
        Fields.u8("addr_ton", ton);
        Fields.u8("addr_npi", npi);
        Fields.cString("address", address, FieldLimits.DATA_SM_ADDRESS);
    }

    /** International E.164 number (ton 1, npi 1). */
    public static Address international(String digits) {
        return new Address(1, 1, digits);
    }

    /** Alphanumeric sender id (ton 5, npi 0). */
    public static Address alphanumeric(String text) {
        return new Address(5, 0, text);
    }
}
