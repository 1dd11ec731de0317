package io.smsgate.protocol.smpp.pdu;

/** What the decoder hands up the pipeline for each frame: a well-formed {@link Pdu} or a {@link MalformedPdu}. */
public sealed interface Inbound permits Pdu, MalformedPdu {
}
