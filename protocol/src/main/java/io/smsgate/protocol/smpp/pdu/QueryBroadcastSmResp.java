package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** query_broadcast_sm_resp (SMPP 5.0 §4.6.1.2; message_state and broadcast_area_success travel as TLVs): the message_id and, from SMPP 5.0, optional parameters; no body when command_status != 0. */
public record QueryBroadcastSmResp(int sequenceNumber, CommandStatus commandStatus, String messageId, Tlvs tlvs) implements Response {

    public QueryBroadcastSmResp {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        requireNonNull(tlvs, "tlvs");
        Fields.emptyOnError("query_broadcast_sm_resp", commandStatus, messageId.isEmpty() && tlvs.isEmpty());
    }

    public static QueryBroadcastSmResp ok(int sequenceNumber, String messageId) {
        return new QueryBroadcastSmResp(sequenceNumber, CommandStatus.ESME_ROK, messageId, Tlvs.EMPTY);
    }

    public static QueryBroadcastSmResp error(int sequenceNumber, CommandStatus status) {
        return new QueryBroadcastSmResp(sequenceNumber, status, "", Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return CommandId.QUERY_BROADCAST_SM_RESP;
    }
}
