package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.BindType;
import java.time.Duration;

/**
 * One bind to a carrier ({@code carriers.<id>.binds[n]}): its type, window, rate ceiling and timers.
 *
 * @param window submit_sm awaiting their response at once ({@code window})
 * @param tps the rate ceiling of this bind, submits per second ({@code tps}); the adaptive rate stays below it
 * @param enquireLinkInterval idle time before an enquire_link ({@code enquire-link-interval})
 * @param responseTimeout how long a submit_sm (and enquire_link) waits for its response ({@code response-timeout})
 * @param bindTimeout how long a bind waits for its bind_resp ({@code bind-timeout})
 */
public record BindConfig(BindType type, int window, int tps, Duration enquireLinkInterval, Duration responseTimeout,
                         Duration bindTimeout) {

    public static final BindConfig DEFAULTS = new BindConfig(BindType.TRX, 10, 100, Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(5));

    public BindConfig {
        requireNonNull(type, "type");
        if (window < 1 || window > 10_000) {
            throw new IllegalArgumentException("binds.window: " + window + " (expected: 1..10000)");
        }
        if (tps < 1) {
            throw new IllegalArgumentException("binds.tps: " + tps + " (expected: >= 1)");
        }
        positive("binds.enquire-link-interval", enquireLinkInterval);
        positive("binds.response-timeout", responseTimeout);
        positive("binds.bind-timeout", bindTimeout);
    }

    static void positive(String key, Duration value) {
        requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }

    public BindConfig withType(BindType value) {
        return new BindConfig(value, window, tps, enquireLinkInterval, responseTimeout, bindTimeout);
    }

    public BindConfig withWindow(int value) {
        return new BindConfig(type, value, tps, enquireLinkInterval, responseTimeout, bindTimeout);
    }

    public BindConfig withTps(int value) {
        return new BindConfig(type, window, value, enquireLinkInterval, responseTimeout, bindTimeout);
    }

    public BindConfig withTimers(Duration enquireLink, Duration response, Duration bind) {
        return new BindConfig(type, window, tps, enquireLink, response, bind);
    }
}
