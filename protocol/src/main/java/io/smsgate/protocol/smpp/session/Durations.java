package io.smsgate.protocol.smpp.session;

import java.time.Duration;

/** Validation shared by the configuration records. */
final class Durations {

    private Durations() {
    }

    static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }

    /** Zero switches the timer off. */
    static void positiveOrZero(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: >= 0, 0 = off)");
        }
    }
}
