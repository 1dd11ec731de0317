package io.smsgate.server.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes written with a binary unit in configuration: {@code 512B}, {@code 64KiB}, {@code 4MiB},
 * {@code 1GiB}, or a plain number of bytes.
 */
public record DataSize(long bytes) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,19})\\s*(B|KiB|MiB|GiB)?");
    static final String EXPECTATION = "a size such as 512B, 64KiB, 4MiB, 1GiB";

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKibibytes(long kibibytes) {
        return new DataSize(Math.multiplyExact(kibibytes, 1024L));
    }

    public static DataSize ofMebibytes(long mebibytes) {
        return new DataSize(Math.multiplyExact(mebibytes, 1024L * 1024));
    }

    /** Parses {@code 64KiB}; the exception's message is the expectation. */
    public static DataSize parse(String text) {
        Matcher matcher = TEXT.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(EXPECTATION);
        }
        long shift = switch (matcher.group(2) == null ? "B" : matcher.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        try {
            return new DataSize(Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(EXPECTATION + " below 8EiB", e);
        }
    }

    /** The size as an int, for APIs that take one (a request body limit). */
    public int toIntBytes() {
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    /** The size in the largest binary unit that divides it: {@code 64KiB}. */
    @Override
    public String toString() {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }
}
