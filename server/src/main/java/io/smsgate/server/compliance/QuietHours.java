package io.smsgate.server.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** The quiet-hours rules of {@link ComplianceConfig#quietHours()}: when a message due at some time may go instead. */
final class QuietHours {

    private final List<QuietHoursRule> rules;

    QuietHours(List<QuietHoursRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * When the window holding a message of {@code systemId} to {@code destination} (digits) due at {@code due} opens,
     * if it falls in one; the first rule naming the account (or "*") and a prefix of the destination decides.
     */
    Optional<Instant> releaseAt(String systemId, String destination, Instant due) {
        for (QuietHoursRule rule : rules) {
            if (applies(rule, systemId, destination)) {
                return release(rule, due);
            }
        }
        return Optional.empty();
    }

    private static boolean applies(QuietHoursRule rule, String systemId, String destination) {
        boolean account = rule.account().equals("*") || rule.account().equals(systemId);
        return account && (rule.prefixes().isEmpty() || rule.prefixes().stream().anyMatch(destination::startsWith));
    }

    static Optional<Instant> release(QuietHoursRule rule, Instant due) {
        ZonedDateTime local = due.atZone(rule.zoneId());
        LocalTime time = local.toLocalTime();
        LocalTime start = rule.startTime();
        LocalTime end = rule.endTime();
        LocalDate date = local.toLocalDate();
        if (start.isBefore(end)) {
            // Same-day window, e.g. 12:00–14:00.
            return !time.isBefore(start) && time.isBefore(end)
                    ? Optional.of(ZonedDateTime.of(date, end, rule.zoneId()).toInstant()) : Optional.empty();
        }
        // Across midnight, e.g. 21:00–08:00: late evening opens tomorrow morning, early morning this morning.
        if (!time.isBefore(start)) {
            return Optional.of(ZonedDateTime.of(date.plusDays(1), end, rule.zoneId()).toInstant());
        }
        return time.isBefore(end) ? Optional.of(ZonedDateTime.of(date, end, rule.zoneId()).toInstant())
                : Optional.empty();
    }
}
