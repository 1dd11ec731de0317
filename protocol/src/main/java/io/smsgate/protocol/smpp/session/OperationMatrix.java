package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;

/**
 * Which requests each side may send in each session state: the operation matrix of SMPP 5.0 §2.4 (domain notes §5).
 * The session asks it for every request the peer sends and for every request we are about to send.
 */
final class OperationMatrix {

    private OperationMatrix() {
    }

    /**
     * ESME_ROK when {@code sender} may send {@code command} in {@code state}; otherwise the status the request is
     * refused with: ESME_RALYBND for a bind on a bound session, ESME_RINVBNDSTS for everything else.
     */
    static CommandStatus admit(SessionRole sender, SessionState state, CommandId command) {
        return switch (command) {
            case ENQUIRE_LINK -> state == SessionState.CLOSED ? CommandStatus.ESME_RINVBNDSTS : CommandStatus.ESME_ROK;
            case BIND_TRANSMITTER, BIND_RECEIVER, BIND_TRANSCEIVER -> sender == SessionRole.ESME
                    ? bindVerdict(state) : CommandStatus.ESME_RINVBNDSTS;
            case OUTBIND -> allowIf(sender == SessionRole.MC && state == SessionState.OPEN);
            case UNBIND -> allowIf(state.isBound() || state == SessionState.UNBINDING);
            case SUBMIT_SM, SUBMIT_MULTI, QUERY_SM, CANCEL_SM, REPLACE_SM, BROADCAST_SM, QUERY_BROADCAST_SM,
                 CANCEL_BROADCAST_SM -> allowIf(sender == SessionRole.ESME && transmits(state));
            case DELIVER_SM, ALERT_NOTIFICATION -> allowIf(sender == SessionRole.MC && receives(state));
            case DATA_SM -> allowIf(sender == SessionRole.ESME ? transmits(state) : receives(state));
            case GENERIC_NACK, BIND_RECEIVER_RESP, BIND_TRANSMITTER_RESP, QUERY_SM_RESP, SUBMIT_SM_RESP,
                 DELIVER_SM_RESP, UNBIND_RESP, REPLACE_SM_RESP, CANCEL_SM_RESP, BIND_TRANSCEIVER_RESP,
                 ENQUIRE_LINK_RESP, SUBMIT_MULTI_RESP, DATA_SM_RESP, BROADCAST_SM_RESP, QUERY_BROADCAST_SM_RESP,
                 CANCEL_BROADCAST_SM_RESP -> throw new IllegalArgumentException(
                         "command_id: " + command + " (expected: a request)");
        };
    }

    private static CommandStatus bindVerdict(SessionState state) {
        return switch (state) {
            case OPEN, OUTBOUND -> CommandStatus.ESME_ROK;
            case BOUND_TX, BOUND_RX, BOUND_TRX, UNBINDING -> CommandStatus.ESME_RALYBND;
            case CLOSED -> CommandStatus.ESME_RINVBNDSTS;
        };
    }

    /** The ESME's submit direction is open: BOUND_TX and BOUND_TRX. */
    private static boolean transmits(SessionState state) {
        return state == SessionState.BOUND_TX || state == SessionState.BOUND_TRX;
    }

    /** The MC's deliver direction is open: BOUND_RX and BOUND_TRX. */
    private static boolean receives(SessionState state) {
        return state == SessionState.BOUND_RX || state == SessionState.BOUND_TRX;
    }

    private static CommandStatus allowIf(boolean allowed) {
        return allowed ? CommandStatus.ESME_ROK : CommandStatus.ESME_RINVBNDSTS;
    }
}
