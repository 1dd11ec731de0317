package io.smsgate.protocol.smpp.pdu;

/** The interface_version octet of bind PDUs and the sc_interface_version TLV (SMPP 3.4 §5.2.4); unknown values kept. */
public record InterfaceVersion(int code) {

    public static final InterfaceVersion V33 = new InterfaceVersion(0x33);
    public static final InterfaceVersion V34 = new InterfaceVersion(0x34);
    public static final InterfaceVersion V50 = new InterfaceVersion(0x50);

    public InterfaceVersion {
        Fields.u8("interface_version", code);
    }

    public static InterfaceVersion of(int code) {
        return switch (code) {
            case 0x33 -> V33;
            case 0x34 -> V34;
            case 0x50 -> V50;
            default -> new InterfaceVersion(code);
        };
    }

    /** True from SMPP 5.0 on, where responses may carry 5.0 TLVs and statuses. */
    public boolean isAtLeast50() {
        return code >= 0x50;
    }

    @Override
    public String toString() {
        return String.format("0x%02x", code);
    }
}
