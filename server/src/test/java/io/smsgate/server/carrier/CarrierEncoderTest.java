package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.Sar;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.protocol.text.ReferenceGenerator;
import io.smsgate.protocol.text.SegmentOptions;
import io.smsgate.protocol.text.Ucs2;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MultipartReceipts;
import io.smsgate.server.store.NewMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CarrierEncoderTest {

    private static final int REFERENCE = 0x2a;

    @Test
    void shortGsm7MessageIsOneSubmitSmWithDataCodingZero() {
        List<SubmitSm> parts = encode(CarrierProfile.DEFAULTS, message(0, 0, Gsm7.DEFAULT.encode("hello")));

        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).message().dataCoding()).isZero();
        assertThat(parts.get(0).message().esmClass()).isZero();
        assertThat(parts.get(0).message().registeredDelivery()).isEqualTo(1);
        assertThat(parts.get(0).message().shortMessage()).isEqualTo(OctetString.fromHex("68656c6c6f"));
    }

    @Test
    void longGsm7MessageGetsAConcatenationUdhPerPart() {
        List<SubmitSm> parts = encode(CarrierProfile.DEFAULTS, message(0, 0, Gsm7.DEFAULT.encode("x".repeat(200))));

        assertThat(parts).hasSize(2);
        // UDHL 05, IE 00 (8-bit reference) length 03, reference, total 2, sequence 1 / 2 (23.040 §9.2.3.24.1)
        assertThat(parts.get(0).message().shortMessage().slice(0, 6)).isEqualTo(OctetString.fromHex("0500032a0201"));
        assertThat(parts.get(1).message().shortMessage().slice(0, 6)).isEqualTo(OctetString.fromHex("0500032a0202"));
        assertThat(parts.get(0).message().shortMessage().length()).isEqualTo(6 + 153);
        assertThat(parts.get(1).message().shortMessage().length()).isEqualTo(6 + 47);
        assertThat(parts).allSatisfy(part -> assertThat(part.message().esmClass()).isEqualTo(0x40));
    }

    @Test
    void clientUdhPartsAreJoinedAndSegmentedAgainForTheCarrier() {
        OctetString first = OctetString.fromHex("0500030702 01").concat(Gsm7.DEFAULT.encode("a".repeat(153)));
        OctetString second = OctetString.fromHex("0500030702 02").concat(Gsm7.DEFAULT.encode("b".repeat(10)));
        NewMessage message = new NewMessage(new MessageId(1), "acme", Address.alphanumeric("ACME"),
                Address.international("447700900001"), 0x40, 0, 0, 0, 1, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(first, second), OctetString.EMPTY);

        List<SubmitSm> parts = encode(CarrierProfile.DEFAULTS.withConcatenation(SegmentOptions.Concatenation.SAR),
                message);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).tlvs().sar()).contains(new Sar(REFERENCE, 2, 1));
        assertThat(parts.get(1).tlvs().sar()).contains(new Sar(REFERENCE, 2, 2));
        assertThat(parts).allSatisfy(part -> assertThat(part.message().esmClass()).isZero());
        assertThat(parts.get(0).message().shortMessage().concat(parts.get(1).message().shortMessage()))
                .isEqualTo(Gsm7.DEFAULT.encode("a".repeat(153) + "b".repeat(10)));
    }

    @Test
    void messagePayloadCarriesTheWholeTextInOneSubmitSm() {
        List<SubmitSm> parts = encode(CarrierProfile.DEFAULTS.withConcatenation(
                SegmentOptions.Concatenation.MESSAGE_PAYLOAD), message(0, 0, Gsm7.DEFAULT.encode("z".repeat(300))));

        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).message().shortMessage()).isEqualTo(OctetString.EMPTY);
        assertThat(parts.get(0).tlvs().messagePayload()).contains(Gsm7.DEFAULT.encode("z".repeat(300)));
    }

    @Test
    void ucs2StaysUcs2InSixtySevenUnitParts() {
        List<SubmitSm> parts = encode(CarrierProfile.DEFAULTS, message(8, 0, Ucs2.INSTANCE.encode("é".repeat(80))));

        assertThat(parts).hasSize(2);
        assertThat(parts).allSatisfy(part -> assertThat(part.message().dataCoding()).isEqualTo(8));
        assertThat(parts.get(0).message().shortMessage().length()).isEqualTo(6 + 134);
    }

    @Test
    void whereDataCodingZeroMeansLatin1Gsm7TextGoesAsLatin1() {
        List<SubmitSm> parts = encode(CarrierProfile.DEFAULTS.withDataCodingZero(
                CarrierProfile.DataCodingZero.LATIN1), message(0, 0, Gsm7.DEFAULT.encode("café")));

        assertThat(parts.get(0).message().dataCoding()).isZero();
        assertThat(parts.get(0).message().shortMessage()).isEqualTo(
                OctetString.of("café".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void lastPartPolicyAsksForTheReceiptOnTheLastPartOnly() {
        List<SubmitSm> parts = encode(CarrierProfile.DEFAULTS.withMultipartReceipts(MultipartReceipts.LAST_PART),
                message(0, 0, Gsm7.DEFAULT.encode("q".repeat(400))));

        assertThat(parts).extracting(part -> part.message().registeredDelivery()).containsExactly(0, 0, 1);
    }

    private static List<SubmitSm> encode(CarrierProfile profile, NewMessage message) {
        CarrierEncoder.Encoded encoded = new CarrierEncoder(profile, ReferenceGenerator.counter(REFERENCE))
                .encode(message);
        return ((CarrierEncoder.Encoded.Parts) encoded).parts();
    }

    private static NewMessage message(int dataCoding, int esmClass, OctetString text) {
        return new NewMessage(new MessageId(1), "acme", Address.alphanumeric("ACME"),
                Address.international("447700900001"), esmClass, 0, 0, dataCoding, 1, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(text), OctetString.EMPTY);
    }
}
