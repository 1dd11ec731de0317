package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.Response;
import java.util.Objects;

/**
 * What a session reports, for metrics and session directories (no Micrometer in protocol: the server implements
 * this). Every method is called on the session's event loop and must not block; all have empty defaults.
 */
public interface SessionListener {

    /** A listener that ignores everything. */
    SessionListener NONE = new SessionListener() {
    };

    /** The bind state changed: OPEN → BOUND_* (bound), → UNBINDING, → CLOSED. */
    default void stateChanged(SmppSession session, SessionState previous, SessionState current) {
    }

    /** One of our requests got its response (or a generic_nack) after {@code elapsedNanos}. */
    default void outboundCompleted(SmppSession session, CommandId command, CommandStatus status, long elapsedNanos) {
    }

    /** One of our requests went unanswered for the response timeout; its slot is free again. */
    default void outboundExpired(SmppSession session, CommandId command, long elapsedNanos) {
    }

    /**
     * A peer request was answered with {@code status}, {@code elapsedNanos} after it was decoded (0 for requests the
     * session refused itself, e.g. ESME_RTHROTTLED beyond max-inbound-pending or ESME_RINVBNDSTS).
     */
    default void inboundCompleted(SmppSession session, CommandId command, CommandStatus status, long elapsedNanos) {
    }

    /** A frame whose command_id or body was malformed (it was answered with {@link MalformedPdu#reply()}). */
    default void malformedReceived(SmppSession session, MalformedPdu pdu) {
    }

    /**
     * A response that matches no outstanding request (late after a timeout, unknown sequence_number, wrong command),
     * or a generic_nack that names none of our requests. Never answered.
     */
    default void unmatchedResponse(SmppSession session, Response response) {
    }

    /** ESME side: the MC sent outbind (SMPP 3.4 §4.1.7); answer with {@link SmppSession#bind} as a receiver. */
    default void outbindReceived(SmppSession session, Outbind outbind) {
    }

    /**
     * A send was refused with WINDOW_FULL or NOT_WRITABLE, and now a window slot is free and the channel is
     * writable again: the moment to resume sending.
     */
    default void readyToSend(SmppSession session) {
    }

    /** A listener that tells this one of every event, then {@code next}. */
    default SessionListener andThen(SessionListener next) {
        Objects.requireNonNull(next, "next");
        SessionListener first = this;
        return new SessionListener() {
            @Override
            public void stateChanged(SmppSession session, SessionState previous, SessionState current) {
                first.stateChanged(session, previous, current);
                next.stateChanged(session, previous, current);
            }

            @Override
            public void outboundCompleted(SmppSession session, CommandId command, CommandStatus status,
                    long elapsedNanos) {
                first.outboundCompleted(session, command, status, elapsedNanos);
                next.outboundCompleted(session, command, status, elapsedNanos);
            }

            @Override
            public void outboundExpired(SmppSession session, CommandId command, long elapsedNanos) {
                first.outboundExpired(session, command, elapsedNanos);
                next.outboundExpired(session, command, elapsedNanos);
            }

            @Override
            public void inboundCompleted(SmppSession session, CommandId command, CommandStatus status,
                    long elapsedNanos) {
                first.inboundCompleted(session, command, status, elapsedNanos);
                next.inboundCompleted(session, command, status, elapsedNanos);
            }

            @Override
            public void malformedReceived(SmppSession session, MalformedPdu pdu) {
                first.malformedReceived(session, pdu);
                next.malformedReceived(session, pdu);
            }

            @Override
            public void unmatchedResponse(SmppSession session, Response response) {
                first.unmatchedResponse(session, response);
                next.unmatchedResponse(session, response);
            }

            @Override
            public void outbindReceived(SmppSession session, Outbind outbind) {
                first.outbindReceived(session, outbind);
                next.outbindReceived(session, outbind);
            }

            @Override
            public void readyToSend(SmppSession session) {
                first.readyToSend(session);
                next.readyToSend(session);
            }
        };
    }
}
