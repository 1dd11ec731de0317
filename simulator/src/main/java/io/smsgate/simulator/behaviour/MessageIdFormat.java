package io.smsgate.simulator.behaviour;

/**
 * How a simulated carrier prints the message ids it issues (SMPP 3.4 §5.2.23 allows up to 64 characters):
 * hexadecimal like SMPP 3.3 era SMSCs or decimal, left-padded with zeros to {@code width} (0 = no padding).
 */
public record MessageIdFormat(Base base, int width) {
    public static final MessageIdFormat DEFAULTS = new MessageIdFormat(Base.DECIMAL, 0);
    static final int MAX_WIDTH = 64;

    /** The number base of the printed id. */
    public enum Base { HEX, DECIMAL }

    public MessageIdFormat {
        java.util.Objects.requireNonNull(base, "base");
        if (width < 0 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("width: " + width + " (expected: 0..64, message_id is at most 64 characters)");
        }
    }

    /** Prints a non-negative id. */
    public String format(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("id: " + id + " (expected: >= 0)");
        }
        String digits = base == Base.HEX ? Long.toHexString(id) : Long.toString(id);
        int padding = width - digits.length();
        if (padding <= 0) {
            return digits;
        }
        StringBuilder padded = new StringBuilder(width);
        for (int i = 0; i < padding; i++) {
            padded.append('0');
        }
        return padded.append(digits).toString();
    }

    /** Reads back an id printed by {@link #format}. */
    public long parse(String text) {
        return base == Base.HEX ? Long.parseUnsignedLong(text, 16) : Long.parseUnsignedLong(text);
    }
}
