package io.smsgate.protocol.dlr;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.util.Optional;

/**
 * A {@code submit date:} or {@code done date:} of a receipt (SMPP 3.4 Appendix B), kept with the layout it was
 * written in so that it prints back unchanged. Receipts carry no time zone (each SMSC uses its own clock), so
 * the value is a {@link LocalDateTime} and none is invented.
 */
public record ReceiptDate(LocalDateTime dateTime, Layout layout) {

    /** The digit layouts carriers use. Two-digit years are read as 2000–2099. */
    public enum Layout {
        /** {@code YYMMDDhhmm}, the specification's layout. */
        YYMMDDHHMM(10),
        /** {@code YYMMDDhhmmss}, e.g. SMPPCenter. */
        YYMMDDHHMMSS(12),
        /** {@code yyyyMMddHHmmss}, accepted by cloudhopper-smpp. */
        YYYYMMDDHHMMSS(14);

        private final int digits;

        Layout(int digits) {
            this.digits = digits;
        }

        public int digits() {
            return digits;
        }

        static Optional<Layout> ofDigits(int digits) {
            return switch (digits) {
                case 10 -> Optional.of(YYMMDDHHMM);
                case 12 -> Optional.of(YYMMDDHHMMSS);
                case 14 -> Optional.of(YYYYMMDDHHMMSS);
                default -> Optional.empty();
            };
        }
    }

    public ReceiptDate {
        requireNonNull(dateTime, "dateTime");
        requireNonNull(layout, "layout");
        int year = dateTime.getYear();
        boolean twoDigitYear = layout != Layout.YYYYMMDDHHMMSS;
        if (twoDigitYear ? year < 2000 || year > 2099 : year < 0 || year > 9999) {
            throw new IllegalArgumentException("receipt date year: " + year + " (expected: "
                    + (twoDigitYear ? "2000..2099" : "0..9999") + " for " + layout + ")");
        }
        if (dateTime.getNano() != 0 || layout == Layout.YYMMDDHHMM && dateTime.getSecond() != 0) {
            throw new IllegalArgumentException("receipt date: " + dateTime + " (expected: no finer than " + layout + ")");
        }
    }

    /**
     * Reads {@code digits} of {@code text} from {@code from} (10, 12 or 14 ASCII digits) as a date, or empty
     * when they are not digits or not a calendar date (carriers send {@code 000000000000} for "not done").
     */
    static Optional<ReceiptDate> parse(CharSequence text, int from, int to) {
        Optional<Layout> layout = Layout.ofDigits(to - from);
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        int p = from;
        int year;
        if (layout.get() == Layout.YYYYMMDDHHMMSS) {
            year = number(text, p, 4);
            p += 4;
        } else {
            year = 2000 + number(text, p, 2);
            p += 2;
        }
        int month = number(text, p, 2);
        int day = number(text, p + 2, 2);
        int hour = number(text, p + 4, 2);
        int minute = number(text, p + 6, 2);
        int second = layout.get() == Layout.YYMMDDHHMM ? 0 : number(text, p + 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        return Optional.of(new ReceiptDate(LocalDateTime.of(year, month, day, hour, minute, second), layout.get()));
    }

    /** The digits in this date's own layout. */
    public String digits() {
        return digits(layout);
    }

    /**
     * The digits in {@code target}'s layout; seconds are dropped for {@link Layout#YYMMDDHHMM} and the century
     * for the two-digit-year layouts.
     */
    public String digits(Layout target) {
        StringBuilder out = new StringBuilder(target.digits());
        appendDigits(out, target);
        return out.toString();
    }

    void appendDigits(StringBuilder out, Layout target) {
        if (target == Layout.YYYYMMDDHHMMSS) {
            pad(out, dateTime.getYear(), 4);
        } else {
            pad(out, dateTime.getYear() % 100, 2);
        }
        pad(out, dateTime.getMonthValue(), 2);
        pad(out, dateTime.getDayOfMonth(), 2);
        pad(out, dateTime.getHour(), 2);
        pad(out, dateTime.getMinute(), 2);
        if (target != Layout.YYMMDDHHMM) {
            pad(out, dateTime.getSecond(), 2);
        }
    }

    private static int number(CharSequence text, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
