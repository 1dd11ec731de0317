package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** bind_transmitter_resp, bind_receiver_resp or bind_transceiver_resp (SMPP 3.4 §4.1.2, §4.1.4, §4.1.6). */
public record BindResp(int sequenceNumber, BindType bindType, CommandStatus commandStatus, String systemId, Tlvs tlvs)
        implements Response {

    public BindResp {
        requireNonNull(bindType, "bindType");
        Fields.cString("system_id", systemId, FieldLimits.SYSTEM_ID);
        requireNonNull(tlvs, "tlvs");
        Fields.emptyOnError("bind_resp", commandStatus, systemId.isEmpty() && tlvs.isEmpty());
    }

    /** A successful bind answer naming the MC and the interface version it speaks. */
    public static BindResp ok(BindType bindType, int sequenceNumber, String systemId, InterfaceVersion version) {
        return new BindResp(sequenceNumber, bindType, CommandStatus.ESME_ROK, systemId,
                Tlvs.of(new Tlv.ScInterfaceVersion(version)));
    }

    public static BindResp error(BindType bindType, int sequenceNumber, CommandStatus status) {
        return new BindResp(sequenceNumber, bindType, status, "", Tlvs.EMPTY);
    }

    @Override
    public CommandId commandId() {
        return bindType.responseId();
    }

    public Optional<InterfaceVersion> scInterfaceVersion() {
        return tlvs.scInterfaceVersion();
    }
}
