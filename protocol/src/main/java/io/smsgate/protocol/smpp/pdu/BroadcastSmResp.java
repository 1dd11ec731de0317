package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** broadcast_sm_resp (SMPP 5.0 §4.4.2): the message_id and, from SMPP 5.0, optional parameters; no body when command_status != 0. */
public record BroadcastSmResp(int sequenceNumber, CommandStatus commandStatus, String messageId, Tlvs tlvs) implements Response {

    public BroadcastSmResp {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        requireNonNull(tlvs, "tlvs");
        Fields.emptyOnError("broadcast_sm_resp", commandStatus, messageId.isEmpty() && tlvs.isEmpty());
    }

    public static BroadcastSmResp ok(int sequenceNumber, String messageId) {
        return new BroadcastSmResp(sequenceNumber, CommandStatus.ESME_ROK, messageId, Tlvs.EMPTY);
    }

    public static BroadcastSmResp error(int sequenceNumber, CommandStatus status) {
        return new BroadcastSmResp(sequenceNumber, status, "", Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return CommandId.BROADCAST_SM_RESP;
    }
}
