package io.smsgate.routing;

/** The kind of sender ID (SMPP 3.4 §5.2.8 source_addr with its TON), which decides the routes that may carry it. */
public enum SenderType {
    /** Letters in the sender (TON 5, alphanumeric), allowed only on routes that accept it. */
    ALPHANUMERIC,
    /** Up to 8 digits: a national short code. */
    SHORT_CODE,
    /** 9 or more digits: an international or national long number. */
    LONG_NUMBER;

    private static final int SHORT_CODE_MAX_DIGITS = 8;

    /** Classifies a sender ID as given by the client; a leading '+' is ignored. */
    public static SenderType of(CharSequence sender) {
        int start = sender.length() > 0 && sender.charAt(0) == '+' ? 1 : 0;
        int digits = 0;
        for (int i = start; i < sender.length(); i++) {
            char c = sender.charAt(i);
            if (c < '0' || c > '9') {
                return ALPHANUMERIC;
            }
            digits++;
        }
        if (digits == 0) {
            return ALPHANUMERIC;
        }
        return digits <= SHORT_CODE_MAX_DIGITS ? SHORT_CODE : LONG_NUMBER;
    }
}
