package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.BindType;
import java.time.Duration;

/**
 * One bind to a carrier ({@code carriers[n].binds[m]}): its type, window, rate ceiling, session timers (SMPP 3.4
 * §7.2) and the carrier's requests it may hold.
 *
 * @param window submit_sm awaiting their response at once ({@code window})
 * @param tps the rate ceiling of this bind, submits per second ({@code tps}); the adaptive rate stays below it
 * @param enquireLinkInterval idle time before an enquire_link ({@code enquire-link-interval})
 * @param responseTimeout how long a submit_sm (and enquire_link) waits for its response ({@code response-timeout})
 * @param bindTimeout how long a bind waits for its bind_resp ({@code bind-timeout})
 * @param connectTimeout how long the TCP (and TLS) connection may take before the attempt fails
 *     ({@code connect-timeout})
 * @param inactivityTimeout nothing read from the carrier for this long closes the connection, which then reconnects;
 *     0 switches it off ({@code inactivity-timeout})
 * @param unbindTimeout how long a stop waits for this bind's requests in flight, and the carrier's requests being
 *     stored, before it sends unbind ({@code unbind-timeout})
 * @param maxInboundPending the carrier's deliver_sm (receipts, MO) held for their commit at once; beyond it they get
 *     ESME_RTHROTTLED ({@code max-inbound-pending})
 */
public record BindConfig(BindType type, int window, int tps, Duration enquireLinkInterval, Duration responseTimeout,
                         Duration bindTimeout, Duration connectTimeout, Duration inactivityTimeout,
                         Duration unbindTimeout, int maxInboundPending) {

    /**
     * A carrier that pipelines receipts has a group commit's worth in flight per bind (25,000/s × 100 ms = 2,500),
     * and a throttled receipt comes back only after the carrier's redelivery delay, or never: hence 5,000.
     */
    public static final int DEFAULT_MAX_INBOUND_PENDING = 5_000;

    /** Before DEFAULTS, whose validation reads it. */
    private static final Duration DAY = Duration.ofDays(1);

    /** Timers as Kannel and Jasmin use them; connect as Cloudhopper's; unbind within the graceful stop's 5 s. */
    public static final BindConfig DEFAULTS = new BindConfig(BindType.TRX, 10, 100, Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofSeconds(5), DEFAULT_MAX_INBOUND_PENDING);

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
        upToADay("binds.connect-timeout", connectTimeout);
        requireNonNull(inactivityTimeout, "binds.inactivity-timeout");
        // A healthy but idle carrier is heard from only when it answers our enquire_link: a shorter inactivity
        // timeout would close every quiet bind before its first enquire_link.
        if (!inactivityTimeout.isZero() && (inactivityTimeout.compareTo(enquireLinkInterval) <= 0
                || inactivityTimeout.compareTo(DAY) > 0)) {
            throw new IllegalArgumentException("binds.inactivity-timeout: " + inactivityTimeout
                    + " (expected: 0 = off, or above enquire-link-interval " + enquireLinkInterval + " and <= 1d)");
        }
        upToADay("binds.unbind-timeout", unbindTimeout);
        if (maxInboundPending < 1 || maxInboundPending > 65_536) {
            throw new IllegalArgumentException("binds.max-inbound-pending: " + maxInboundPending
                    + " (expected: 1..65536)");
        }
    }

    static void positive(String key, Duration value) {
        requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }

    private static void upToADay(String key, Duration value) {
        requireNonNull(value, key);
        if (value.isNegative() || value.isZero() || value.compareTo(DAY) > 0) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0 and <= 1d)");
        }
    }

    public BindConfig withType(BindType value) {
        return new BindConfig(value, window, tps, enquireLinkInterval, responseTimeout, bindTimeout, connectTimeout,
                inactivityTimeout, unbindTimeout, maxInboundPending);
    }

    public BindConfig withWindow(int value) {
        return new BindConfig(type, value, tps, enquireLinkInterval, responseTimeout, bindTimeout, connectTimeout,
                inactivityTimeout, unbindTimeout, maxInboundPending);
    }

    public BindConfig withTps(int value) {
        return new BindConfig(type, window, value, enquireLinkInterval, responseTimeout, bindTimeout, connectTimeout,
                inactivityTimeout, unbindTimeout, maxInboundPending);
    }

    public BindConfig withTimers(Duration enquireLink, Duration response, Duration bind) {
        return new BindConfig(type, window, tps, enquireLink, response, bind, connectTimeout, inactivityTimeout,
                unbindTimeout, maxInboundPending);
    }

    /** The connection's own timers: TCP connect, inactivity (0 = off) and the unbind drain. */
    public BindConfig withSessionTimers(Duration connect, Duration inactivity, Duration unbind) {
        return new BindConfig(type, window, tps, enquireLinkInterval, responseTimeout, bindTimeout, connect,
                inactivity, unbind, maxInboundPending);
    }

    public BindConfig withMaxInboundPending(int value) {
        return new BindConfig(type, window, tps, enquireLinkInterval, responseTimeout, bindTimeout, connectTimeout,
                inactivityTimeout, unbindTimeout, value);
    }
}
