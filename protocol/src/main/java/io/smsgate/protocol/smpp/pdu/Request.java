package io.smsgate.protocol.smpp.pdu;

/** A request PDU (command_id bit 31 clear), SMPP 3.4 §4. */
public sealed interface Request extends Pdu
        permits Bind, Outbind, Unbind, SubmitSm, SubmitMulti, DeliverSm, DataSm, QuerySm, CancelSm, ReplaceSm,
        EnquireLink, AlertNotification, BroadcastSm, QueryBroadcastSm, CancelBroadcastSm {

    /**
     * The refusal of this request with {@code status}: its own {@code *_resp} with the same sequence_number and no
     * body, or a {@code generic_nack} for the requests that have no response (outbind, alert_notification).
     */
    Response reject(CommandStatus status);

    /** A copy stamped with {@code sequenceNumber}; the window uses it when it sends the request. */
    Request withSequenceNumber(int sequenceNumber);
}
