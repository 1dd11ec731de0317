package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** query_sm_resp (SMPP 3.4 §4.8.2): message_id, final_date, message_state and the network error_code. */
public record QuerySmResp(
        int sequenceNumber,
        CommandStatus commandStatus,
        String messageId,
        String finalDate,
        MessageState messageState,
        int errorCode) implements Response {

    /** message_state written in the body of an error response, which has none (never encoded). */
    private static final MessageState NO_STATE = MessageState.SCHEDULED;

    public QuerySmResp {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        Fields.time("final_date", finalDate);
        requireNonNull(messageState, "messageState");
        Fields.u8("error_code", errorCode);
        Fields.emptyOnError("query_sm_resp", commandStatus,
                messageId.isEmpty() && finalDate.isEmpty() && messageState.equals(NO_STATE) && errorCode == 0);
    }

    public static QuerySmResp error(int sequenceNumber, CommandStatus status) {
        return new QuerySmResp(sequenceNumber, status, "", "", NO_STATE, 0);
    }

    @Override
    public CommandId commandId() {
        return CommandId.QUERY_SM_RESP;
    }
}
