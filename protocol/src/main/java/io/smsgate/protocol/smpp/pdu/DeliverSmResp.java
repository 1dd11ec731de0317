package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** deliver_sm_resp (SMPP 3.4 §4.6.2; message_id is unused, NULL): the message_id and, from SMPP 5.0, optional parameters; no body when command_status != 0. */
public record DeliverSmResp(int sequenceNumber, CommandStatus commandStatus, String messageId, Tlvs tlvs) implements Response {

    public DeliverSmResp {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        requireNonNull(tlvs, "tlvs");
        Fields.emptyOnError("deliver_sm_resp", commandStatus, messageId.isEmpty() && tlvs.isEmpty());
    }

    public static DeliverSmResp ok(int sequenceNumber, String messageId) {
        return new DeliverSmResp(sequenceNumber, CommandStatus.ESME_ROK, messageId, Tlvs.EMPTY);
    }

    public static DeliverSmResp error(int sequenceNumber, CommandStatus status) {
        return new DeliverSmResp(sequenceNumber, status, "", Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return CommandId.DELIVER_SM_RESP;
    }
}
