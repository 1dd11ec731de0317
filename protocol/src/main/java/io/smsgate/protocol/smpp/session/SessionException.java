package io.smsgate.protocol.smpp.session;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import java.util.Optional;

/**
 * Why a request's future failed without a response from the peer: the reason is a closed set, the message names the
 * request. Control flow, not a bug: no stack trace is captured.
 */
public final class SessionException extends RuntimeException {

    /** The outcomes a caller may branch on. */
    public enum Reason {
        /** No response within the response timeout (SMPP 3.4 §7.2 response_timer); the slot was freed. */
        RESPONSE_TIMEOUT,
        /** The window holds max-outstanding requests; try again when {@link SessionListener#readyToSend} fires. */
        WINDOW_FULL,
        /** The channel's outbound buffer is above its high-water mark; same remedy as {@link #WINDOW_FULL}. */
        NOT_WRITABLE,
        /** The bind state does not allow this request (SMPP 5.0 §2.4), or the session is unbinding. */
        BIND_STATE,
        /**
         * The peer answered, but its response could not be decoded: whether the request took effect is unknown, as
         * after a timeout.
         */
        MALFORMED_RESPONSE,
        /** The connection closed before the response arrived. */
        CLOSED,
        /** The peer answered the bind with an error status (see {@link #status()}). */
        BIND_REJECTED,
        /** The TCP connection (or TLS handshake) could not be established. */
        CONNECT_FAILED
    }

    private final Reason reason;
    private final CommandStatus status;

    SessionException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    SessionException(Reason reason, String message, CommandStatus status, Throwable cause) {
        super(message, cause, false, false);
        this.reason = requireNonNull(reason, "reason");
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The peer's command_status, for {@link Reason#BIND_REJECTED}. */
    public Optional<CommandStatus> status() {
        return Optional.ofNullable(status);
    }
}
