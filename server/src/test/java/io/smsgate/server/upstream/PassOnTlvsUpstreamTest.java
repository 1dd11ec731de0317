package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.server.carrier.PassOnTlvs;
import io.smsgate.server.pipeline.Submission;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client's parameters to pass on, from the submit_sm through the validator and a staged concatenation part. */
class PassOnTlvsUpstreamTest {

    private static final Instant NOW = Instant.parse("2026-11-21T04:30:00Z");
    private static final Tlvs CLIENT = Tlvs.of(new Tlv.UserMessageReference(77), new Tlv.SourcePort(0x0B84),
            new Tlv.SarMsgRefNum(9), new Tlv.SarTotalSegments(2), new Tlv.SarSegmentSeqnum(1),
            new Tlv.Unknown(0x1204, OctetString.of(new byte[] {1})));

    @Test
    void theValidatedSubmissionKeepsTheParametersToPassOnAndDropsSar() {
        SubmitValidator.Incoming in = new SubmitValidator.Incoming(Address.alphanumeric("ACME"),
                Address.international("447700900123"), 0, 0, 0, "", "", 1, 0, 0, OctetString.ascii("part one"),
                CLIENT);

        SubmitValidator.Valid valid = (SubmitValidator.Valid) new SubmitValidator(SubmitPolicy.DEFAULTS)
                .check("acme", InterfaceVersion.V34, in, NOW);

        assertThat(valid.submission().tlvs()).isEqualTo(PassOnTlvs.select(Tlvs.of(new Tlv.UserMessageReference(77),
                new Tlv.SourcePort(0x0B84), new Tlv.Unknown(0x1204, OctetString.of(new byte[] {1})))));
        assertThat(valid.part()).isPresent();
    }

    @Test
    void aStagedPartKeepsItsParametersAndAPartStagedWithoutThemStillReads() {
        Submission part = new Submission("acme", Address.alphanumeric("ACME"), Address.international("447700900123"),
                0, 0, 0, 0, 1, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(OctetString.ascii("one")), PassOnTlvs.select(CLIENT));

        assertThat(UpstreamStore.decode(UpstreamStore.encode(part))).isEqualTo(part);

        byte[] version1 = UpstreamStore.encode(part.withDestination(part.destination()));
        version1[0] = 1;
        byte[] withoutTlvs = java.util.Arrays.copyOf(version1, version1.length - 4 - part.tlvs().length());
        assertThat(UpstreamStore.decode(withoutTlvs).tlvs()).isEqualTo(OctetString.EMPTY);
    }
}
