package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserDataHeaderTest {

    @Test
    void parsesAnEightBitReferenceConcatenationIe() {
        // UDHL, IEI 00, IEDL 03, reference, total, sequence, then the body
        UserDataHeader.Parse parse = UserDataHeader.parse(OctetString.fromHex("05 00 03 2a 03 02 4142"));
        assertThat(parse).isInstanceOf(UserDataHeader.Parsed.class);
        UserDataHeader.Parsed parsed = (UserDataHeader.Parsed) parse;
        assertThat(parsed.length()).isEqualTo(6);
        assertThat(parsed.header().concatenated())
                .contains(new Concatenated(0x2a, 3, 2, ReferenceWidth.BITS_8));
        assertThat(parsed.header().ignored()).isEmpty();
    }

    @Test
    void parsesASixteenBitReferenceAndNationalShiftIes() {
        // UDHL, IEI 08 IEDL 04 ref ref total seq, IEI 25 IEDL 01 Turkish, IEI 24 IEDL 01 Spanish
        UserDataHeader.Parsed parsed = (UserDataHeader.Parsed) UserDataHeader.parse(
                OctetString.fromHex("0c 08 04 12 34 02 01 25 01 01 24 01 02"));
        assertThat(parsed.header().concatenated())
                .contains(new Concatenated(0x1234, 2, 1, ReferenceWidth.BITS_16));
        assertThat(parsed.header().lockingShift()).contains(NationalLanguage.TURKISH);
        assertThat(parsed.header().singleShift()).contains(NationalLanguage.SPANISH);
        assertThat(parsed.header().elements()).hasSize(3);
        assertThat(parsed.length()).isEqualTo(13);
    }

    @Test
    void keepsUnknownIesAsTheyCame() {
        // IEI 05 (application port, 16 bit) is carried, not interpreted
        UserDataHeader.Parsed parsed = (UserDataHeader.Parsed) UserDataHeader.parse(
                OctetString.fromHex("06 05 04 0b84 23f0"));
        assertThat(parsed.header().elements())
                .containsExactly(new InformationElement(0x05, OctetString.fromHex("0b84 23f0")));
        assertThat(parsed.header().concatenated()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty user data                               | ''                   | udhl: absent
        udhl beyond the user data                     | 05 00 03 2a 03       | udhl: 5
        ie data beyond udhl                           | 04 00 03 2a 03 01    | iedl of iei 0x00: 3
        iei without iedl                              | 01 00                | no iedl
        published bad example: udhl 06 for 00 03 a7   | 06 00 03 a7 03 01 48 | no iedl
        """)
    void reportsMalformedHeadersWithoutThrowing(String caseName, String userData, String reason) {
        UserDataHeader.Parse parse = UserDataHeader.parse(OctetString.fromHex(userData));
        assertThat(parse).isInstanceOf(UserDataHeader.Malformed.class);
        assertThat(((UserDataHeader.Malformed) parse).reason()).contains(reason);
    }

    /** 23.040 §9.2.3.24.1: these values make the receiver ignore the whole concatenation IE. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        total 0                 | 05 00 03 2a 00 01    | total: 0
        sequence 0              | 05 00 03 2a 02 00    | sequence: 0
        sequence above total    | 05 00 03 2a 02 03    | sequence: 3
        wrong iedl for 8 bits   | 04 00 02 2a 02       | iedl of concatenation iei: 2
        wrong iedl for 16 bits  | 05 08 03 2a 02 01    | iedl of concatenation iei: 3
        unknown language        | 03 24 01 0e          | language: 14
        no spanish locking      | 03 25 01 02          | locking shift: SPANISH
        """)
    void ignoresIesTheSpecificationSaysToIgnore(String caseName, String userData, String reason) {
        UserDataHeader.Parsed parsed = (UserDataHeader.Parsed) UserDataHeader.parse(OctetString.fromHex(userData));
        assertThat(parsed.header().concatenated()).isEmpty();
        assertThat(parsed.header().singleShift()).isEmpty();
        assertThat(parsed.header().lockingShift()).isEmpty();
        assertThat(parsed.header().ignored()).singleElement().asString().contains(reason);
    }

    @Test
    void takesTheLastOccurrenceOfARepeatedIe() {
        UserDataHeader.Parsed parsed = (UserDataHeader.Parsed) UserDataHeader.parse(
                OctetString.fromHex("0a 00 03 01 02 01 00 03 07 03 02"));
        assertThat(parsed.header().concatenated()).contains(new Concatenated(7, 3, 2, ReferenceWidth.BITS_8));
    }

    @ParameterizedTest(name = "udh of {0} octets needs {1} fill bits")
    @CsvSource({"0, 0", "6, 1", "7, 0", "4, 3", "10, 4", "13, 1"})
    void padsTheHeaderToASeptetBoundary(int udhLength, int fillBits) {
        assertThat(UserDataHeader.fillBits(udhLength)).isEqualTo(fillBits);
    }

    @Test
    void encodesWhatItParses() {
        List<InformationElement> elements = List.of(
                new InformationElement(InformationElement.CONCATENATED_8BIT, OctetString.fromHex("2a 02 01")),
                new InformationElement(InformationElement.NATIONAL_SINGLE_SHIFT, OctetString.fromHex("01")));
        OctetString encoded = UserDataHeader.encode(elements);
        assertThat(encoded).isEqualTo(OctetString.fromHex("08 00 03 2a 02 01 24 01 01"));
        UserDataHeader.Parsed parsed = (UserDataHeader.Parsed) UserDataHeader.parse(encoded);
        assertThat(parsed.header().elements()).isEqualTo(elements);
        assertThat(parsed.header().singleShift()).isEqualTo(Optional.of(NationalLanguage.TURKISH));
    }
}
