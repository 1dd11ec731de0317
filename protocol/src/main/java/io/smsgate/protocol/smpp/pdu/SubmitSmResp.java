package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** submit_sm_resp (SMPP 3.4 §4.4.2, SMPP 5.0 §4.2.5): the message_id and, from SMPP 5.0, optional parameters; no body when command_status != 0. */
public record SubmitSmResp(int sequenceNumber, CommandStatus commandStatus, String messageId, Tlvs tlvs) implements Response {

    public SubmitSmResp {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        requireNonNull(tlvs, "tlvs");
        Fields.emptyOnError("submit_sm_resp", commandStatus, messageId.isEmpty() && tlvs.isEmpty());
    }

    public static SubmitSmResp ok(int sequenceNumber, String messageId) {
        return new SubmitSmResp(sequenceNumber, CommandStatus.ESME_ROK, messageId, Tlvs.EMPTY);
    }

    public static SubmitSmResp error(int sequenceNumber, CommandStatus status) {
        return new SubmitSmResp(sequenceNumber, status, "", Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return CommandId.SUBMIT_SM_RESP;
    }
}
