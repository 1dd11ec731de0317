package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** deliver_sm (SMPP 3.4 §4.6.1), also carrying delivery receipts: the shared short message body plus optional parameters; short_message and message_payload exclude each other. */
public record DeliverSm(int sequenceNumber, ShortMessage message, Tlvs tlvs) implements Request {

    public DeliverSm {
        requireNonNull(message, "message");
        Fields.noPayloadWithShortMessage("deliver_sm", message.shortMessage(), tlvs);
    }

    public DeliverSm(int sequenceNumber, ShortMessage message) {
        this(sequenceNumber, message, Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return CommandId.DELIVER_SM;
    }

    @Override
    public DeliverSmResp reject(CommandStatus status) {
        return DeliverSmResp.error(sequenceNumber, status);
    }

    @Override
    public DeliverSm withSequenceNumber(int sequenceNumber) {
        return new DeliverSm(sequenceNumber, message, tlvs);
    }
}
