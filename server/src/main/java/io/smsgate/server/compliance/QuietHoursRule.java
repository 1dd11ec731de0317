package io.smsgate.server.compliance;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One quiet-hours window ({@code compliance.quiet-hours[]}): messages of {@code account} ("*" for every account) to
 * a destination starting with one of {@code prefixes} (E.164 country codes or longer prefixes, digits only) whose
 * send time falls in [{@code start}, {@code end}) local time in {@code zone} are held until {@code end}. A window
 * with start after end spans midnight (21:00–08:00).
 */
public record QuietHoursRule(String account, List<String> prefixes, String zone, String start, String end) {

    public static final QuietHoursRule DEFAULTS = new QuietHoursRule("*", List.of(), "UTC", "21:00", "08:00");

    public QuietHoursRule {
        requireNonNull(account, "account");
        prefixes = List.copyOf(prefixes);
        if (account.isEmpty()) {
            throw new IllegalArgumentException("compliance.quiet-hours.account: '' (expected: a system_id or *)");
        }
        for (String prefix : prefixes) {
            if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("compliance.quiet-hours.prefixes: '" + prefix
                        + "' (expected: digits, e.g. 44)");
            }
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("compliance.quiet-hours.zone: '" + zone
                    + "' (expected: a region id such as Europe/London)");
        }
        LocalTime from = time("start", start);
        LocalTime to = time("end", end);
        if (from.equals(to)) {
            throw new IllegalArgumentException("compliance.quiet-hours.end: " + end + " (expected: not the start)");
        }
    }

    private static LocalTime time(String key, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("compliance.quiet-hours." + key + ": '" + value
                    + "' (expected: HH:mm)");
        }
    }

    ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    LocalTime startTime() {
        return LocalTime.parse(start);
    }

    LocalTime endTime() {
        return LocalTime.parse(end);
    }
}
