package io.smsgate.protocol.smpp.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The outbound window (SMPP 3.4 §2.7 asynchronous operation): how many requests may await their response at once
 * ({@code smpp.window.max-outstanding}) and how long each may wait ({@code smpp.window.response-timeout}, the
 * response_timer of SMPP 3.4 §7.2).
 */
public record WindowConfig(int maxOutstanding, Duration responseTimeout) {

    public static final WindowConfig DEFAULTS = new WindowConfig(10, Duration.ofSeconds(30));

    /** Sequence numbers are 31-bit; the ring behind the window is sized from this bound. */
    static final int MAX_OUTSTANDING_LIMIT = 1 << 16;

    public WindowConfig {
        if (maxOutstanding < 1 || maxOutstanding > MAX_OUTSTANDING_LIMIT) {
            throw new IllegalArgumentException("smpp.window.max-outstanding: " + maxOutstanding
                    + " (expected: 1.." + MAX_OUTSTANDING_LIMIT + ")");
        }
        requireNonNull(responseTimeout, "responseTimeout");
        Durations.positive("smpp.window.response-timeout", responseTimeout);
    }
}
