package io.smsgate.protocol.smpp.pdu;

/** outbind (SMPP 3.4 §4.1.7): the MC asks the ESME to bind as a receiver. It has no response; the password is masked. */
public record Outbind(int sequenceNumber, String systemId, String password) implements Request {

    public Outbind {
        Fields.cString("system_id", systemId, FieldLimits.SYSTEM_ID);
        Fields.cString("password", password, FieldLimits.PASSWORD);
    }

    @Override
    public CommandId commandId() {
        return CommandId.OUTBIND;
    }

    /** outbind has no response: the refusal is a generic_nack. */
    @Override
    public GenericNack reject(CommandStatus status) {
        return new GenericNack(sequenceNumber, status);
    }

    @Override
    public Outbind withSequenceNumber(int sequenceNumber) {
        return new Outbind(sequenceNumber, systemId, password);
    }

    @Override
    public String toString() {
        return "Outbind[sequenceNumber=" + sequenceNumber + ", systemId=" + systemId + ", password=***]";
    }
}
