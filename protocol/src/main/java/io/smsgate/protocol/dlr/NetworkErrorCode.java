package io.smsgate.protocol.dlr;

import io.smsgate.protocol.OctetString;
import java.util.Optional;

/**
 * The network_error_code TLV (SMPP 3.4 §5.3.2.31): a network type (1 ANSI-136, 2 IS-95, 3 GSM, … 8 MC
 * specific) and that network's error code.
 */
public record NetworkErrorCode(int networkType, int errorCode) {

    /** Network type 3, GSM: the type Kannel assumes for a bare {@code err:} code. */
    public static final int GSM = 3;

    public NetworkErrorCode {
        if (networkType < 0 || networkType > 0xFF) {
            throw new IllegalArgumentException("network_error_code network type: " + networkType
                    + " (expected: 0..255)");
        }
        if (errorCode < 0 || errorCode > 0xFFFF) {
            throw new IllegalArgumentException("network_error_code error code: " + errorCode
                    + " (expected: 0..65535)");
        }
    }

    /** Reads the TLV's 3-octet value (type, then the code big-endian), or empty when it is not 3 octets long. */
    public static Optional<NetworkErrorCode> fromTlvValue(OctetString value) {
        if (value.length() != 3) {
            return Optional.empty();
        }
        return Optional.of(new NetworkErrorCode(value.get(0), value.get(1) << 8 | value.get(2)));
    }

    /** The TLV's 3-octet value. */
    public OctetString toTlvValue() {
        return OctetString.wrap(new byte[] {(byte) networkType, (byte) (errorCode >>> 8), (byte) errorCode});
    }
}
