package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

/** A mobile network: mobile country code and mobile network code (ITU-T E.212 §2). */
public record MccMnc(String mcc, String mnc) {
    public MccMnc {
        requireNonNull(mcc, "mcc");
        requireNonNull(mnc, "mnc");
        if (mcc.length() != 3 || !Digits.isNumber(mcc)) {
            throw new IllegalArgumentException("mcc: '" + mcc + "' (expected: 3 digits)");
        }
        if ((mnc.length() != 2 && mnc.length() != 3) || !Digits.isNumber(mnc)) {
            throw new IllegalArgumentException("mnc: '" + mnc + "' (expected: 2 or 3 digits)");
        }
    }

    /** Parses "234-15", "234/15" or "23415" (a 5-digit form has a 2-digit MNC, a 6-digit form a 3-digit one). */
    public static MccMnc parse(String text) {
        String digits = text.replace("-", "").replace("/", "").replace(" ", "");
        if (digits.length() != 5 && digits.length() != 6) {
            throw new IllegalArgumentException("mcc_mnc: '" + text + "' (expected: MCC and a 2- or 3-digit MNC)");
        }
        return new MccMnc(digits.substring(0, 3), digits.substring(3));
    }

    /** A number unique per network: "1" + MCC + MNC read as digits, so "234-01" and "234-001" differ. */
    int code() {
        int code = 1;
        for (int i = 0; i < mcc.length(); i++) {
            code = code * 10 + (mcc.charAt(i) - '0');
        }
        for (int i = 0; i < mnc.length(); i++) {
            code = code * 10 + (mnc.charAt(i) - '0');
        }
        return code;
    }

    @Override
    public String toString() {
        return mcc + "-" + mnc;
    }
}
