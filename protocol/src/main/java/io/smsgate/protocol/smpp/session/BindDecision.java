package io.smsgate.protocol.smpp.session;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandStatus;

/** What the {@link Authenticator} decided about a bind (SMPP 3.4 §4.1): serve the session, or refuse it. */
public sealed interface BindDecision {

    static BindDecision accept(RequestHandler handler) {
        return new Accept(handler);
    }

    static BindDecision reject(CommandStatus status) {
        return new Reject(status);
    }

    /** Bind accepted: bind_resp ESME_ROK; the peer's requests go to {@code handler}. */
    record Accept(RequestHandler handler) implements BindDecision {
        public Accept {
            requireNonNull(handler, "handler");
        }
    }

    /**
     * Bind refused: bind_resp with {@code status} (one uniform code for bad credentials, e.g. ESME_RINVPASWD or
     * ESME_RBINDFAIL), then the connection closes.
     */
    record Reject(CommandStatus status) implements BindDecision {
        public Reject {
            requireNonNull(status, "status");
            if (status.isOk()) {
                throw new IllegalArgumentException("status: ESME_ROK (expected: an error status)");
            }
        }
    }
}
