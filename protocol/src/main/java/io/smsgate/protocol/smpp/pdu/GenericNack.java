package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/**
 * generic_nack (SMPP 3.4 §4.3): the answer to a PDU whose header was unusable or whose command_id is unknown. Never
 * answered itself.
 */
public record GenericNack(int sequenceNumber, CommandStatus commandStatus) implements Response {

    public GenericNack {
        requireNonNull(commandStatus, "commandStatus");
    }

    @Override
    public CommandId commandId() {
        return CommandId.GENERIC_NACK;
    }
}
