package io.smsgate.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the ISO-8601 UTC text PostgreSQL's {@code timestamptz} input reads ({@code 2026-11-21T14:59:46.123456Z};
 * PostgreSQL 17 §8.5.1.3), truncated to PostgreSQL's precision of one microsecond.
 *
 * <p>Hand-written because {@link Instant#toString()} (a {@code DateTimeFormatter} walk) was a tenth of the Journal
 * state writer's CPU: a batch sends two to five timestamps per write. Years 0000–9999 only; other instants (none
 * of ours) fall back to the JDK's text, which PostgreSQL reads the same way as before.
 */
final class Timestamps {

    private static final long SECONDS_PER_DAY = 86_400;
    // 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z, in seconds since the epoch.
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND_EXCLUSIVE = 253_402_300_800L;
    /** The longest text: {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}. */
    static final int MAX_LENGTH = 27;

    private Timestamps() {
    }

    /** {@code instant} truncated to microseconds, as ISO-8601 UTC text ({@code .ffffff} omitted when zero). */
    static String iso(Instant instant) {
        return append(new StringBuilder(MAX_LENGTH), instant).toString();
    }

    /** Appends {@link #iso(Instant)} of {@code instant} to {@code out}. */
    static StringBuilder append(StringBuilder out, Instant instant) {
        long second = instant.getEpochSecond();
        if (second < MIN_SECOND || second >= MAX_SECOND_EXCLUSIVE) {
            return out.append(instant.truncatedTo(ChronoUnit.MICROS));
        }
        long day = Math.floorDiv(second, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
        // The calendar arithmetic is the JDK's (no formatter, no zone rules); only the text is written here.
        LocalDate date = LocalDate.ofEpochDay(day);
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, secondOfDay / 3_600, 2).append(':');
        digits(out, secondOfDay / 60 % 60, 2).append(':');
        digits(out, secondOfDay % 60, 2);
        int micros = instant.getNano() / 1_000;
        if (micros != 0) {
            digits(out.append('.'), micros, 6);
        }
        return out.append('Z');
    }

    // value >= 0, at most width digits: zero-padded to width.
    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    private static int pow10(int exponent) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
