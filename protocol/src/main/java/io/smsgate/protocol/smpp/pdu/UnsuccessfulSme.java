package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

/** One unsuccess_sme of submit_multi_resp (SMPP 3.4 §4.5.2.1): the address and why the MC refused it. */
public record UnsuccessfulSme(Address address, CommandStatus errorStatusCode) {

    public UnsuccessfulSme {
        Fields.address("unsuccess_sme.destination_addr", address, FieldLimits.SM_ADDRESS);
        requireNonNull(errorStatusCode, "error_status_code");
    }
}
