package io.smsgate.protocol.smpp.pdu;

/** The three bind operations of SMPP 3.4 §4.1: transmitter, receiver, transceiver. */
public enum BindType {
    TX(CommandId.BIND_TRANSMITTER, CommandId.BIND_TRANSMITTER_RESP),
    RX(CommandId.BIND_RECEIVER, CommandId.BIND_RECEIVER_RESP),
    TRX(CommandId.BIND_TRANSCEIVER, CommandId.BIND_TRANSCEIVER_RESP);

    private final CommandId request;
    private final CommandId response;

    BindType(CommandId request, CommandId response) {
        this.request = request;
        this.response = response;
    }

    public CommandId requestId() {
        return request;
    }

    public CommandId responseId() {
        return response;
    }

    /** True when a session bound this way may submit (TX, TRX). */
    public boolean canTransmit() {
        return this != RX;
    }

    /** True when a session bound this way receives deliver_sm (RX, TRX). */
    public boolean canReceive() {
        return this != TX;
    }
}
