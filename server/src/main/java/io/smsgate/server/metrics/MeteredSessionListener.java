package io.smsgate.server.metrics;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.session.SessionListener;
import io.smsgate.protocol.smpp.session.SessionState;
import io.smsgate.protocol.smpp.session.SmppSession;

/**
 * Records what the sessions of one side report into {@link SmppMeters}. One instance serves every session of its
 * side and keeps no per-session state; the sessions log their own state changes, so this class logs nothing.
 */
public final class MeteredSessionListener implements SessionListener {

    private final SmppMeters.SideMeters meters;

    public MeteredSessionListener(SmppMeters meters, SmppMeters.Side side) {
        this.meters = requireNonNull(meters, "meters").side(requireNonNull(side, "side"));
    }

    @Override
    public void stateChanged(SmppSession session, SessionState previous, SessionState current) {
        meters.stateChanged(previous, current);
    }

    @Override
    public void outboundCompleted(SmppSession session, CommandId command, CommandStatus status, long elapsedNanos) {
        meters.outboundCompleted(command, status, elapsedNanos);
    }

    @Override
    public void outboundExpired(SmppSession session, CommandId command, long elapsedNanos) {
        meters.outboundExpired(command, elapsedNanos);
    }

    @Override
    public void inboundCompleted(SmppSession session, CommandId command, CommandStatus status, long elapsedNanos) {
        meters.requestCompleted(command, status, elapsedNanos);
    }

    @Override
    public void malformedReceived(SmppSession session, MalformedPdu pdu) {
        meters.malformed(pdu.status());
    }

    @Override
    public void unmatchedResponse(SmppSession session, Response response) {
        meters.unmatchedResponse(response.commandId());
    }
}
