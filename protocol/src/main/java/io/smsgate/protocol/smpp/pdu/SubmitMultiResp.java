package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** submit_multi_resp (SMPP 3.4 §4.5.2): the message_id and the destinations the MC refused. */
public record SubmitMultiResp(
        int sequenceNumber,
        CommandStatus commandStatus,
        String messageId,
        List<UnsuccessfulSme> unsuccessSmes,
        Tlvs tlvs) implements Response {

    public SubmitMultiResp {
        Fields.cString("message_id", messageId, FieldLimits.MESSAGE_ID);
        unsuccessSmes = List.copyOf(unsuccessSmes);
        if (unsuccessSmes.size() > 0xFF) {
            throw new IllegalArgumentException("no_unsuccess: " + unsuccessSmes.size() + " (expected: <= 255)");
        }
        requireNonNull(tlvs, "tlvs");
        Fields.emptyOnError("submit_multi_resp", commandStatus,
                messageId.isEmpty() && unsuccessSmes.isEmpty() && tlvs.isEmpty());
    }

    public static SubmitMultiResp error(int sequenceNumber, CommandStatus status) {
        return new SubmitMultiResp(sequenceNumber, status, "", List.of(), Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return CommandId.SUBMIT_MULTI_RESP;
    }
}
