package io.smsgate.protocol.smpp.pdu;

/** One SMPP protocol data unit (SMPP 3.4 §2.2, §3.2): a request or a response. */
public sealed interface Pdu extends Inbound permits Request, Response {

    CommandId commandId();

    /** The sequence_number; 0 is accepted on receive (AT&T starts there) but never emitted by our window. */
    int sequenceNumber();
}
