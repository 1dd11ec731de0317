package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** data_sm_resp (SMPP 3.4 §4.7.2): the message_id and, from SMPP 5.0, optional parameters; no body when command_status != 0. */
public record DataSmResp(int sequenceNumber, CommandStatus commandStatus, String messageId, Tlvs tlvs) implements Response {

    public DataSmResp {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        requireNonNull(tlvs, "tlvs");
        Fields.emptyOnError("data_sm_resp", commandStatus, messageId.isEmpty() && tlvs.isEmpty());
    }

    public static DataSmResp ok(int sequenceNumber, String messageId) {
        return new DataSmResp(sequenceNumber, CommandStatus.ESME_ROK, messageId, Tlvs.EMPTY);
    }

    public static DataSmResp error(int sequenceNumber, CommandStatus status) {
        return new DataSmResp(sequenceNumber, status, "", Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return CommandId.DATA_SM_RESP;
    }
}
