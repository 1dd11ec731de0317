package io.smsgate.server.metrics;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.session.SessionListener;
import io.smsgate.protocol.smpp.session.SessionState;
import io.smsgate.protocol.smpp.session.SmppSession;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records what the sessions of one side report into {@link SmppMeters}. One instance serves every session of its
 * side; the sessions log their own state changes, so this class logs nothing. On the upstream side it also keeps the
 * per-account meters: each account's submissions by outcome (its throughput) and the deliver_sm window in use over
 * its receiver binds.
 */
public final class MeteredSessionListener implements SessionListener {

    private final SmppMeters smpp;
    private final SmppMeters.SideMeters meters;
    private final boolean accounts;
    /** Receiver sessions bound now, per system_id; the account's window gauge sums their outstanding requests. */
    private final ConcurrentHashMap<String, Set<SmppSession>> receivers = new ConcurrentHashMap<>();

    public MeteredSessionListener(SmppMeters meters, SmppMeters.Side side) {
        this.smpp = requireNonNull(meters, "meters");
        this.meters = meters.side(requireNonNull(side, "side"));
        this.accounts = side == SmppMeters.Side.UPSTREAM;
    }

    @Override
    public void stateChanged(SmppSession session, SessionState previous, SessionState current) {
        meters.stateChanged(previous, current);
        if (!accounts) {
            return;
        }
        if (current == SessionState.BOUND_RX || current == SessionState.BOUND_TRX) {
            receivers.computeIfAbsent(session.systemId(), this::receiversOf).add(session);
        } else {
            Set<SmppSession> bound = receivers.get(session.systemId());
            if (bound != null) {
                bound.remove(session);
            }
        }
    }

    /** The first receiver bind of an account registers its window gauge, which lives as long as the process. */
    private Set<SmppSession> receiversOf(String systemId) {
        Set<SmppSession> sessions = ConcurrentHashMap.newKeySet();
        smpp.account(systemId).windowInUse(() -> {
            int total = 0;
            for (SmppSession session : sessions) {
                total += session.outstanding();
            }
            return total;
        });
        return sessions;
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
        if (accounts && (command == CommandId.SUBMIT_SM || command == CommandId.DATA_SM
                || command == CommandId.SUBMIT_MULTI)) {
            smpp.account(session.systemId()).submitted(outcome(status));
        }
    }

    /** What an answer to a submission means for the account's throughput meters. */
    static SmppMeters.SubmitOutcome outcome(CommandStatus status) {
        if (status.isOk()) {
            return SmppMeters.SubmitOutcome.ACCEPTED;
        }
        if (status.equals(CommandStatus.ESME_RTHROTTLED) || status.equals(CommandStatus.ESME_RMSGQFUL)) {
            return SmppMeters.SubmitOutcome.THROTTLED;
        }
        // ESME_RINV… (SMPP 3.4 §5.1.3): the submission itself was wrong; anything else is a refusal of ours.
        return status.name().startsWith("ESME_RINV") || status.equals(CommandStatus.ESME_RMISSINGOPTPARAM)
                || status.equals(CommandStatus.ESME_ROPTPARNOTALLWD)
                ? SmppMeters.SubmitOutcome.INVALID : SmppMeters.SubmitOutcome.REFUSED;
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
