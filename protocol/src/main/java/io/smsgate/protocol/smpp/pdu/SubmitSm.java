package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** submit_sm (SMPP 3.4 §4.4.1): the shared short message body plus optional parameters; short_message and message_payload exclude each other. */
public record SubmitSm(int sequenceNumber, ShortMessage message, Tlvs tlvs) implements Request {

    public SubmitSm {
        requireNonNull(message, "message");
        Fields.noPayloadWithShortMessage("submit_sm", message.shortMessage(), tlvs);
    }

    public SubmitSm(int sequenceNumber, ShortMessage message) {
        this(sequenceNumber, message, Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return CommandId.SUBMIT_SM;
    }

    @Override
    public SubmitSmResp reject(CommandStatus status) {
        return SubmitSmResp.error(sequenceNumber, status);
    }

    @Override
    public SubmitSm withSequenceNumber(int sequenceNumber) {
        return new SubmitSm(sequenceNumber, message, tlvs);
    }
}
