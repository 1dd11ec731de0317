package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubmitValidatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final SubmitValidator validator = new SubmitValidator(SubmitPolicy.DEFAULTS);

    private static SubmitValidator.Incoming message(Address source, Address destination, int esmClass,
            String schedule, String validity, int registeredDelivery, int dataCoding, String hexText, Tlvs tlvs) {
        return new SubmitValidator.Incoming(source, destination, esmClass, 0, 0, schedule, validity,
                registeredDelivery, 0, dataCoding, OctetString.fromHex(hexText), tlvs);
    }

    private static SubmitValidator.Incoming good() {
        return message(Address.alphanumeric("ACME"), Address.international("447700900123"), 0, "", "", 1, 0,
                "48656c6c6f", Tlvs.EMPTY);
    }

    static Stream<Arguments> refusals() {
        Address to = Address.international("447700900123");
        Address from = Address.alphanumeric("ACME");
        return Stream.of(
                Arguments.of("empty destination", message(from, new Address(1, 1, ""), 0, "", "", 0, 0, "41",
                        Tlvs.EMPTY), CommandStatus.ESME_RINVDSTADR),
                Arguments.of("letters in an international destination", message(from, new Address(1, 1, "44abc"),
                        0, "", "", 0, 0, "41", Tlvs.EMPTY), CommandStatus.ESME_RINVDSTADR),
                Arguments.of("alphanumeric destination", message(from, new Address(5, 0, "ACME"), 0, "", "", 0, 0,
                        "41", Tlvs.EMPTY), CommandStatus.ESME_RINVDSTTON),
                Arguments.of("unsupported destination npi", message(from, new Address(1, 7, "4477"), 0, "", "", 0,
                        0, "41", Tlvs.EMPTY), CommandStatus.ESME_RINVDSTNPI),
                Arguments.of("alphanumeric source of 12", message(Address.alphanumeric("ABCDEFGHIJKL"), to, 0, "",
                        "", 0, 0, "41", Tlvs.EMPTY), CommandStatus.ESME_RINVSRCADR),
                Arguments.of("letters in a national source", message(new Address(2, 1, "07x"), to, 0, "", "", 0, 0,
                        "41", Tlvs.EMPTY), CommandStatus.ESME_RINVSRCADR),
                Arguments.of("source ton 7", message(new Address(7, 0, "1"), to, 0, "", "", 0, 0, "41",
                        Tlvs.EMPTY), CommandStatus.ESME_RINVSRCTON),
                Arguments.of("source npi 2", message(new Address(1, 2, "44"), to, 0, "", "", 0, 0, "41",
                        Tlvs.EMPTY), CommandStatus.ESME_RINVSRCNPI),
                Arguments.of("esm_class receipt type", message(from, to, 0x04, "", "", 0, 0, "41", Tlvs.EMPTY),
                        CommandStatus.ESME_RINVESMCLASS),
                Arguments.of("data_coding 0x05 refused", message(from, to, 0, "", "", 0, 0x05, "41", Tlvs.EMPTY),
                        CommandStatus.ESME_RINVDCS),
                Arguments.of("registered_delivery 3", message(from, to, 0, "", "", 3, 0, "41", Tlvs.EMPTY),
                        CommandStatus.ESME_RINVREGDLVFLG),
                Arguments.of("validity month 13", message(from, to, 0, "", "261301120000000+", 0, 0, "41",
                        Tlvs.EMPTY), CommandStatus.ESME_RINVEXPIRY),
                Arguments.of("validity in the past", message(from, to, 0, "", "250101120000000+", 0, 0, "41",
                        Tlvs.EMPTY), CommandStatus.ESME_RINVEXPIRY),
                Arguments.of("schedule day 32", message(from, to, 0, "260332120000000+", "", 0, 0, "41",
                        Tlvs.EMPTY), CommandStatus.ESME_RINVSCHED),
                Arguments.of("udhl past the end", message(from, to, 0x40, "", "", 0, 0, "0600034c0201",
                        Tlvs.EMPTY), CommandStatus.ESME_RINVMSGLEN),
                Arguments.of("ie length past udhl", message(from, to, 0x40, "", "", 0, 0, "050004 4c0201 41",
                        Tlvs.EMPTY), CommandStatus.ESME_RINVMSGLEN),
                Arguments.of("udhi with no header", message(from, to, 0x40, "", "", 0, 0, "", Tlvs.EMPTY),
                        CommandStatus.ESME_RINVMSGLEN),
                Arguments.of("message_payload over the cap", message(from, to, 0, "", "", 0, 0, "",
                        Tlvs.of(new Tlv.MessagePayload(OctetString.of(new byte[65_535])))),
                        CommandStatus.ESME_RINVMSGLEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithTheStatusChecklistANames(String name, SubmitValidator.Incoming in, CommandStatus status) {
        SubmitValidator strict = new SubmitValidator(new SubmitPolicy(SubmitPolicy.DEFAULTS.dataCodings(),
                CommandStatus.ESME_RSUBMITFAIL, 1_000));

        SubmitValidator.Verdict verdict = strict.check("acme", InterfaceVersion.V50, in, NOW);

        assertThat(verdict).isInstanceOfSatisfying(SubmitValidator.Rejected.class,
                rejected -> assertThat(rejected.status()).isEqualTo(status));
    }

    @Test
    void aRefusedDataCodingOnA34BindAnswersTheConfiguredFallback() {
        SubmitValidator.Incoming in = message(Address.alphanumeric("ACME"), Address.international("4477"), 0, "",
                "", 0, 0x05, "41", Tlvs.EMPTY);

        assertThat(validator.check("acme", InterfaceVersion.V34, in, NOW))
                .isEqualTo(new SubmitValidator.Rejected(CommandStatus.ESME_RSUBMITFAIL,
                        "data_coding: 0x5 (expected: one of the accepted data codings)"));
    }

    @Test
    void aValidMessageBecomesASubmissionWithAbsoluteTimes() {
        SubmitValidator.Incoming in = message(Address.alphanumeric("ACME"), Address.international("+447700900123"),
                0, "", "000001000000000R", 1, 8, "d83dde00", Tlvs.EMPTY);

        SubmitValidator.Valid valid = (SubmitValidator.Valid) validator.check("acme", InterfaceVersion.V34, in, NOW);

        assertThat(valid.part()).isEmpty();
        assertThat(valid.submission().validityUntil()).contains(NOW.plusSeconds(86_400));
        assertThat(valid.submission().parts()).containsExactly(OctetString.fromHex("d83dde00"));
        assertThat(valid.submission().dataCoding()).isEqualTo(8);
    }

    @Test
    void anAbsoluteTimeAppliesItsQuarterHourOffset() {
        assertThat(SubmitValidator.time("260301140000008+", NOW)).contains(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(SubmitValidator.time("260301100000008-", NOW)).contains(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void aUdhConcatenatedPartLosesItsHeaderAndNamesItsSet() {
        // udhl 5, iei 00 (8-bit concat), iedl 3, ref 0x4c, total 2, seq 1, then "Hi"
        SubmitValidator.Incoming in = message(Address.alphanumeric("ACME"), Address.international("4477"), 0x40, "",
                "", 1, 0, "05 00 03 4c 02 01 4869".replace(" ", ""), Tlvs.EMPTY);

        SubmitValidator.Valid valid = (SubmitValidator.Valid) validator.check("acme", InterfaceVersion.V34, in, NOW);

        assertThat(valid.part()).contains(new SubmitValidator.Part(0x4c, 2, 1));
        assertThat(valid.submission().parts()).containsExactly(OctetString.fromHex("4869"));
        assertThat(valid.submission().esmClass()).isZero();
    }

    @Test
    void aUdhWithAPortKeepsThePortAndUdhi() {
        // udhl 11: concat 00 03 01 02 02, 16-bit ports 05 04 0b84 23f0; then "A"
        String hex = "0b 00030102 02 05040b8423f0 41".replace(" ", "");
        SubmitValidator.Incoming in = message(Address.alphanumeric("ACME"), Address.international("4477"), 0x40, "",
                "", 0, 4, hex, Tlvs.EMPTY);

        SubmitValidator.Valid valid = (SubmitValidator.Valid) validator.check("acme", InterfaceVersion.V34, in, NOW);

        assertThat(valid.part()).contains(new SubmitValidator.Part(1, 2, 2));
        assertThat(HexFormat.of().formatHex(valid.submission().parts().get(0).toByteArray()))
                .isEqualTo("0605040b8423f041");
        assertThat(valid.submission().esmClass()).isEqualTo(0x40);
    }

    @Test
    void sarParametersNameTheSet() {
        SubmitValidator.Incoming in = message(Address.alphanumeric("ACME"), Address.international("4477"), 0, "", "",
                0, 0, "4869", Tlvs.of(new Tlv.SarMsgRefNum(7), new Tlv.SarTotalSegments(3),
                        new Tlv.SarSegmentSeqnum(2)));

        SubmitValidator.Valid valid = (SubmitValidator.Valid) validator.check("acme", InterfaceVersion.V34, in, NOW);

        assertThat(valid.part()).contains(new SubmitValidator.Part(7 | 0x10000, 3, 2));
        assertThat(valid.submission().parts()).containsExactly(OctetString.fromHex("4869"));
    }

    @Test
    void theGoodMessageIsValid() {
        assertThat(validator.check("acme", InterfaceVersion.V34, good(), NOW))
                .isInstanceOf(SubmitValidator.Valid.class);
    }
}
