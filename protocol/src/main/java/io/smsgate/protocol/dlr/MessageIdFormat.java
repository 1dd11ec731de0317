package io.smsgate.protocol.dlr;

import java.math.BigInteger;

/**
 * How a carrier writes a message id in one place (its submit_sm_resp, or its receipts): SMPP 3.3 SMSCs
 * write hex, SMPP 3.4 ones decimal, and some carriers mix the two (Kannel {@code msg-id-type}, Jasmin
 * {@code dlr_msg_id_bases}). Numeric formats map to one canonical decimal form, so {@code "0A1B"} (hex),
 * {@code "0a1b"} (hex) and {@code "0000002587"} (decimal) all become {@code "2587"}.
 */
public enum MessageIdFormat {
    /** The id is an opaque string, compared exactly. */
    AS_IS,
    /** Hexadecimal digits, either case, leading zeros insignificant. */
    HEX,
    /** Decimal digits, leading zeros insignificant. Any length up to 64 digits: no arithmetic is needed. */
    DECIMAL;

    /** Hex ids up to this many significant digits fit a {@code long} without sign trouble. */
    private static final int LONG_HEX_DIGITS = 15;

    /** The canonical key of {@code id}, or a refusal naming the id and the format it should have had. */
    public CorrelationKey canonical(String id) {
        if (id.isEmpty()) {
            return new CorrelationKey.Refused("message_id: empty (expected: " + expectation() + ")");
        }
        if (id.length() > DeliveryReceipt.MAX_ID_LENGTH) {
            return new CorrelationKey.Refused("message_id: " + id.length() + " characters (expected: at most "
                    + DeliveryReceipt.MAX_ID_LENGTH + ")");
        }
        return switch (this) {
            case AS_IS -> new CorrelationKey.Canonical(id);
            case HEX -> hex(id);
            case DECIMAL -> decimal(id);
        };
    }

    private CorrelationKey decimal(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return refused(id);
            }
        }
        return new CorrelationKey.Canonical(withoutLeadingZeros(id));
    }

    private CorrelationKey hex(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return refused(id);
            }
        }
        String significant = withoutLeadingZeros(id);
        String decimal = significant.length() <= LONG_HEX_DIGITS
                ? Long.toString(Long.parseLong(significant, 16))
                : new BigInteger(significant, 16).toString();
        return new CorrelationKey.Canonical(decimal);
    }

    private CorrelationKey refused(String id) {
        String shown = id.length() <= 24 ? id : id.substring(0, 24) + "…";
        return new CorrelationKey.Refused("message_id: '" + shown + "' (expected: " + expectation() + ")");
    }

    private String expectation() {
        return switch (this) {
            case AS_IS -> "1.." + DeliveryReceipt.MAX_ID_LENGTH + " characters";
            case HEX -> "hex digits";
            case DECIMAL -> "decimal digits";
        };
    }

    private static String withoutLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
