package io.smsgate.protocol.smpp.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Timers and limits of one SMPP session (SMPP 3.4 §7.2): the outbound window, the number of the peer's requests we
 * work on at once, enquire_link keep-alive, inactivity, session_init (server), bind (client) and unbind drain.
 *
 * @param window              outbound window and response_timer
 * @param maxInboundPending   peer requests handed to the {@link RequestHandler} and not yet answered; beyond it the
 *                            peer gets ESME_RTHROTTLED ({@code smpp.session.max-inbound-pending})
 * @param enquireLinkInterval idle time after which we send enquire_link; 0 = off ({@code enquire-link-interval})
 * @param inactivityTimeout   no PDU read for this long closes the session; 0 = off ({@code inactivity-timeout})
 * @param sessionInitTimeout  server side: a connection not bound within this time is closed
 *                            ({@code session-init-timeout})
 * @param bindTimeout         client side: how long we wait for bind_resp ({@code bind-timeout})
 * @param unbindTimeout       how long an unbind waits for outstanding requests and responses to drain
 *                            ({@code unbind-timeout})
 */
public record SessionConfig(
        WindowConfig window,
        int maxInboundPending,
        Duration enquireLinkInterval,
        Duration inactivityTimeout,
        Duration sessionInitTimeout,
        Duration bindTimeout,
        Duration unbindTimeout) {

    /** Kannel/Jasmin-like defaults: enquire_link every 30 s, session_init 30 s, inactivity 300 s. */
    public static final SessionConfig DEFAULTS = new SessionConfig(WindowConfig.DEFAULTS, 100,
            Duration.ofSeconds(30), Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    public SessionConfig {
        requireNonNull(window, "window");
        if (maxInboundPending < 1) {
            throw new IllegalArgumentException("smpp.session.max-inbound-pending: " + maxInboundPending
                    + " (expected: >= 1)");
        }
        Durations.positiveOrZero("smpp.session.enquire-link-interval", enquireLinkInterval);
        Durations.positiveOrZero("smpp.session.inactivity-timeout", inactivityTimeout);
        Durations.positive("smpp.session.session-init-timeout", sessionInitTimeout);
        Durations.positive("smpp.session.bind-timeout", bindTimeout);
        Durations.positive("smpp.session.unbind-timeout", unbindTimeout);
    }

    public SessionConfig withWindow(WindowConfig window) {
        return new SessionConfig(window, maxInboundPending, enquireLinkInterval, inactivityTimeout,
                sessionInitTimeout, bindTimeout, unbindTimeout);
    }

    public SessionConfig withMaxInboundPending(int maxInboundPending) {
        return new SessionConfig(window, maxInboundPending, enquireLinkInterval, inactivityTimeout,
                sessionInitTimeout, bindTimeout, unbindTimeout);
    }

    public SessionConfig withEnquireLinkInterval(Duration enquireLinkInterval) {
        return new SessionConfig(window, maxInboundPending, enquireLinkInterval, inactivityTimeout,
                sessionInitTimeout, bindTimeout, unbindTimeout);
    }

    public SessionConfig withInactivityTimeout(Duration inactivityTimeout) {
        return new SessionConfig(window, maxInboundPending, enquireLinkInterval, inactivityTimeout,
                sessionInitTimeout, bindTimeout, unbindTimeout);
    }

    public SessionConfig withSessionInitTimeout(Duration sessionInitTimeout) {
        return new SessionConfig(window, maxInboundPending, enquireLinkInterval, inactivityTimeout,
                sessionInitTimeout, bindTimeout, unbindTimeout);
    }

    public SessionConfig withBindTimeout(Duration bindTimeout) {
        return new SessionConfig(window, maxInboundPending, enquireLinkInterval, inactivityTimeout,
                sessionInitTimeout, bindTimeout, unbindTimeout);
    }

    public SessionConfig withUnbindTimeout(Duration unbindTimeout) {
        return new SessionConfig(window, maxInboundPending, enquireLinkInterval, inactivityTimeout,
                sessionInitTimeout, bindTimeout, unbindTimeout);
    }
}
