package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A frame whose header was readable but whose command_id or body was not (SMPP 3.4 §3.3): the session answers it
 * with {@link #reply()} and carries on.
 *
 * @param commandId      the command_id as it came, possibly not an SMPP command
 * @param sequenceNumber the sequence_number to echo
 * @param status         the command_status the specification names for the fault
 * @param reason         what was wrong, naming field, value and expectation
 */
public record MalformedPdu(int commandId, int sequenceNumber, CommandStatus status, String reason) implements Inbound {

    public MalformedPdu {
        requireNonNull(status, "status");
        requireNonNull(reason, "reason");
        if (status.isOk()) {
            throw new IllegalArgumentException("status: ESME_ROK (expected: an error status)");
        }
    }

    /** The command, when command_id is one SMPP defines. */
    public Optional<CommandId> command() {
        return CommandId.fromCode(commandId);
    }

    /**
     * What the session sends back: the request's own {@code *_resp} with {@link #status()} and no body; a
     * {@code generic_nack} for an unknown command_id or a request that has no response; nothing for a response or a
     * generic_nack, which are never answered.
     */
    public Optional<Response> reply() {
        if ((commandId & CommandId.RESPONSE_BIT) != 0) {
            return Optional.empty();
        }
        CommandId id = CommandId.lookup(commandId);
        if (id == null) {
            return Optional.of(new GenericNack(sequenceNumber, status));
        }
        int seq = sequenceNumber;
        return Optional.of(switch (id) {
            case BIND_TRANSMITTER -> BindResp.error(BindType.TX, seq, status);
            case BIND_RECEIVER -> BindResp.error(BindType.RX, seq, status);
            case BIND_TRANSCEIVER -> BindResp.error(BindType.TRX, seq, status);
            case QUERY_SM -> QuerySmResp.error(seq, status);
            case SUBMIT_SM -> SubmitSmResp.error(seq, status);
            case DELIVER_SM -> DeliverSmResp.error(seq, status);
            case UNBIND -> new UnbindResp(seq, status);
            case REPLACE_SM -> new ReplaceSmResp(seq, status);
            case CANCEL_SM -> new CancelSmResp(seq, status);
            case ENQUIRE_LINK -> new EnquireLinkResp(seq, status);
            case SUBMIT_MULTI -> SubmitMultiResp.error(seq, status);
            case DATA_SM -> DataSmResp.error(seq, status);
            case BROADCAST_SM -> BroadcastSmResp.error(seq, status);
            case QUERY_BROADCAST_SM -> QueryBroadcastSmResp.error(seq, status);
            case CANCEL_BROADCAST_SM -> new CancelBroadcastSmResp(seq, status);
            case OUTBIND, ALERT_NOTIFICATION -> new GenericNack(seq, status);
            case GENERIC_NACK, BIND_RECEIVER_RESP, BIND_TRANSMITTER_RESP, QUERY_SM_RESP, SUBMIT_SM_RESP,
                 DELIVER_SM_RESP, UNBIND_RESP, REPLACE_SM_RESP, CANCEL_SM_RESP, BIND_TRANSCEIVER_RESP,
                 ENQUIRE_LINK_RESP, SUBMIT_MULTI_RESP, DATA_SM_RESP, BROADCAST_SM_RESP, QUERY_BROADCAST_SM_RESP,
                 CANCEL_BROADCAST_SM_RESP -> throw new IllegalStateException(
                         "response bit clear but command is a response: " + id);
        });
    }

    @Override
    public String toString() {
        return "MalformedPdu[commandId=" + CommandId.hex(commandId) + ", sequenceNumber=" + sequenceNumber
                + ", status=" + status + ", reason=" + reason + "]";
    }
}
