package io.smsgate.server.carrier;

import java.time.Duration;

/** SMPP time strings we send to carriers (SMPP 3.4 §7.1.1). */
final class SmppTime {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** §7.1.1.2: in a relative time a month is 30 days and a year 365. */
    private static final long MONTH = 30 * DAY;
    private static final long YEAR = 365 * DAY;
    /** The longest remainder below a year the fields can say (MM <= 11, DD <= 30): 360 days less a second. */
    private static final long MAX_IN_YEAR = 11 * MONTH + 30 * DAY + 23 * HOUR + 59 * MINUTE + 59;
    private static final long MAX_SECONDS = 99 * YEAR + MAX_IN_YEAR;

    private SmppTime() {
    }

    /**
     * A relative time {@code YYMMDDhhmmss000R}: immune to clock skew between us and the carrier. Rounded down to the
     * second (the carrier never holds a message longer than the client allowed), at least one second, at most the
     * format's 99 years 11 months 30 days 23:59:59. A remainder of 360 to 364 days, which the fields cannot say,
     * is written as the longest they can.
     */
    static String relative(Duration remaining) {
        long seconds = Math.min(MAX_SECONDS, Math.max(1, remaining.getSeconds()));
        long years = seconds / YEAR;
        seconds = Math.min(MAX_IN_YEAR, seconds - years * YEAR);
        // 330 to 359 days are 11 months and 0 to 29 days; 360 days are 11 months and 30 days, not 12 months.
        long months = Math.min(11, seconds / MONTH);
        seconds -= months * MONTH;
        long days = seconds / DAY;
        seconds -= days * DAY;
        long hours = seconds / HOUR;
        seconds -= hours * HOUR;
        long minutes = seconds / MINUTE;
        seconds -= minutes * MINUTE;
        return String.format("%02d%02d%02d%02d%02d%02d000R", years, months, days, hours, minutes, seconds);
    }
}
