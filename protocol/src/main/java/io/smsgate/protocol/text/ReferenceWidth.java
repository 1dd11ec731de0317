package io.smsgate.protocol.text;

/** The size of a concatenation reference number: IEI 0x00 (8 bits) or IEI 0x08 (16 bits), 23.040 §9.2.3.24.1/.8. */
public enum ReferenceWidth {
    BITS_8(0xFF, 5),
    BITS_16(0xFFFF, 6);

    private final int maxReference;
    private final int ieOctets;

    ReferenceWidth(int maxReference, int ieOctets) {
        this.maxReference = maxReference;
        this.ieOctets = ieOctets;
    }

    public int maxReference() {
        return maxReference;
    }

    /** Octets the concatenation IE takes in the UDH: IEI, IEDL and its data. */
    public int ieOctets() {
        return ieOctets;
    }
}
