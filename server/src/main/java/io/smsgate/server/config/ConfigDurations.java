package io.smsgate.server.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as configuration writes them: a whole number and a unit ({@code 200us}, {@code 500ms}, {@code 30s}). */
final class ConfigDurations {

    static final String EXPECTATION = "a duration such as 200us, 500ms, 30s, 2m, 1h, 1d";
    private static final Pattern TEXT = Pattern.compile("(\\d{1,18})\\s*(ns|us|µs|ms|s|m|h|d)");

    private ConfigDurations() {
    }

    /** Parses {@code 30s}; a bare {@code 0} is zero. The exception's message is the expectation. */
    static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = TEXT.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(EXPECTATION);
        }
        long amount = Long.parseLong(matcher.group(1));
        try {
            return switch (matcher.group(2)) {
                case "ns" -> Duration.ofNanos(amount);
                case "us", "µs" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(EXPECTATION + " (this one is too long)", e);
        }
    }
}
