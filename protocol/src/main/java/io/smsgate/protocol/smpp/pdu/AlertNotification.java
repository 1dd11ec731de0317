package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** alert_notification (SMPP 3.4 §4.12.1): the MC reports that an MS became available. It has no response. */
public record AlertNotification(int sequenceNumber, Address source, Address esmeAddress, Tlvs tlvs)
        implements Request {

    public AlertNotification {
        Fields.address("source_addr", source, FieldLimits.DATA_SM_ADDRESS);
        Fields.address("esme_addr", esmeAddress, FieldLimits.DATA_SM_ADDRESS);
        requireNonNull(tlvs, "tlvs");
    }

    @Override
    public CommandId commandId() {
        return CommandId.ALERT_NOTIFICATION;
    }

    /** alert_notification has no response: the refusal is a generic_nack. */
    @Override
    public GenericNack reject(CommandStatus status) {
        return new GenericNack(sequenceNumber, status);
    }

    @Override
    public AlertNotification withSequenceNumber(int sequenceNumber) {
        return new AlertNotification(sequenceNumber, source, esmeAddress, tlvs);
    }
}
