package io.smsgate.protocol.smpp.pdu;

/** unbind (SMPP 3.4 §4.2.1): header only. */
public record Unbind(int sequenceNumber) implements Request {

    @Override
    public CommandId commandId() {
        return CommandId.UNBIND;
    }

    @Override
    public UnbindResp reject(CommandStatus status) {
        return new UnbindResp(sequenceNumber, status);
    }

    @Override
    public Unbind withSequenceNumber(int sequenceNumber) {
        return new Unbind(sequenceNumber);
    }
}
