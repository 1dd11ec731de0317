package io.smsgate.protocol.smpp.pdu;

/** A response PDU (command_id bit 31 set), SMPP 3.4 §4. */
public sealed interface Response extends Pdu
        permits BindResp, UnbindResp, GenericNack, SubmitSmResp, SubmitMultiResp, DeliverSmResp, DataSmResp,
        QuerySmResp, CancelSmResp, ReplaceSmResp, EnquireLinkResp, BroadcastSmResp, QueryBroadcastSmResp,
        CancelBroadcastSmResp {

    CommandStatus commandStatus();

    default boolean isOk() {
        return commandStatus().isOk();
    }
}
