package io.smsgate.protocol.smpp.pdu;

/**
 * Maximum lengths of C-octet string fields in characters, without the terminating NUL (SMPP 3.4 §4 field tables,
 * whose sizes include the NUL), shared by the records' validation and the decoder.
 */
public final class FieldLimits {

    public static final int SYSTEM_ID = 15;
    public static final int PASSWORD = 8;
    public static final int SYSTEM_TYPE = 12;
    public static final int ADDRESS_RANGE = 40;
    public static final int SERVICE_TYPE = 5;
    /** source_addr / destination_addr of submit_sm, deliver_sm, submit_multi, query_sm, cancel_sm, replace_sm. */
    public static final int SM_ADDRESS = 20;
    /** source_addr / destination_addr of data_sm and alert_notification. */
    public static final int DATA_SM_ADDRESS = 64;
    public static final int MESSAGE_ID = 64;
    public static final int DL_NAME = 20;
    /** A time field is empty or exactly 16 characters {@code YYMMDDhhmmsstnnp} (SMPP 3.4 §7.1.1). */
    public static final int TIME = 16;
    /** short_message octets: sm_length is 0–254 (SMPP 3.4 §5.2.21). */
    public static final int SHORT_MESSAGE = 254;
    /** number_of_dests of submit_sm (SMPP 3.4 §4.5.1). */
    public static final int MAX_DESTINATIONS = 254;

    private FieldLimits() {
    }

    /** True for an empty time or {@code YYMMDDhhmmsstnnp} with p one of {@code + - R} and nn at most 48. */
    public static boolean isTime(CharSequence value) {
        int length = value.length();
        if (length == 0) {
            return true;
        }
        if (length != TIME) {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        char p = value.charAt(15);
        int quarterHours = (value.charAt(13) - '0') * 10 + (value.charAt(14) - '0');
        return (p == '+' || p == '-' || p == 'R') && quarterHours <= 48;
    }
}
