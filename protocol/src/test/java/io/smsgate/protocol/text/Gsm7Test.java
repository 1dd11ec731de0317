package io.smsgate.protocol.text;

import static io.smsgate.protocol.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.OctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Gsm7Test {

    /** Every position of 3GPP TS 23.038 §6.2.1 (septet, Unicode code point); 0x1B is the escape. */
    @ParameterizedTest(name = "septet {0} is U+{1}")
    @CsvSource(delimiter = '|', textBlock = """
        00|0040
        01|00A3
        02|0024
        03|00A5
        04|00E8
        05|00E9
        06|00F9
        07|00EC
        08|00F2
        09|00C7
        0A|000A
        0B|00D8
        0C|00F8
        0D|000D
        0E|00C5
        0F|00E5
        10|0394
        11|005F
        12|03A6
        13|0393
        14|039B
        15|03A9
        16|03A0
        17|03A8
        18|03A3
        19|0398
        1A|039E
        1C|00C6
        1D|00E6
        1E|00DF
        1F|00C9
        20|0020
        21|0021
        22|0022
        23|0023
        24|00A4
        25|0025
        26|0026
        27|0027
        28|0028
        29|0029
        2A|002A
        2B|002B
        2C|002C
        2D|002D
        2E|002E
        2F|002F
        30|0030
        31|0031
        32|0032
        33|0033
        34|0034
        35|0035
        36|0036
        37|0037
        38|0038
        39|0039
        3A|003A
        3B|003B
        3C|003C
        3D|003D
        3E|003E
        3F|003F
        40|00A1
        41|0041
        42|0042
        43|0043
        44|0044
        45|0045
        46|0046
        47|0047
        48|0048
        49|0049
        4A|004A
        4B|004B
        4C|004C
        4D|004D
        4E|004E
        4F|004F
        50|0050
        51|0051
        52|0052
        53|0053
        54|0054
        55|0055
        56|0056
        57|0057
        58|0058
        59|0059
        5A|005A
        5B|00C4
        5C|00D6
        5D|00D1
        5E|00DC
        5F|00A7
        60|00BF
        61|0061
        62|0062
        63|0063
        64|0064
        65|0065
        66|0066
        67|0067
        68|0068
        69|0069
        6A|006A
        6B|006B
        6C|006C
        6D|006D
        6E|006E
        6F|006F
        70|0070
        71|0071
        72|0072
        73|0073
        74|0074
        75|0075
        76|0076
        77|0077
        78|0078
        79|0079
        7A|007A
        7B|00E4
        7C|00F6
        7D|00F1
        7E|00FC
        7F|00E0
        """)
    void mapsEveryDefaultAlphabetPosition(String septet, String codePoint) {
        String character = String.valueOf((char) Integer.parseInt(codePoint, 16));
        assertThat(Gsm7.DEFAULT.encode(character)).isEqualTo(OctetString.fromHex(septet));
        assertThat(Gsm7.DEFAULT.decode(OctetString.fromHex(septet))).isEqualTo(character);
    }

    /** The extension table of §6.2.1.1: two septets, the escape and the code. */
    @ParameterizedTest(name = "1B {0} is U+{1}")
    @CsvSource(delimiter = '|', textBlock = """
        0A|000C
        14|005E
        28|007B
        29|007D
        2F|005C
        3C|005B
        3D|007E
        3E|005D
        40|007C
        65|20AC
        """)
    void mapsEveryExtensionTablePosition(String code, String codePoint) {
        String character = String.valueOf((char) Integer.parseInt(codePoint, 16));
        assertThat(Gsm7.DEFAULT.encode(character)).isEqualTo(OctetString.fromHex("1B" + code));
        assertThat(Gsm7.DEFAULT.unitCount(character)).isEqualTo(2);
        assertThat(Gsm7.DEFAULT.decode(OctetString.fromHex("1B" + code))).isEqualTo(character);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        hellohello (GSM 03.38 literature) | hellohello | e8 32 9b fd 46 97 d9 ec 37
        hello                             | hello      | e8 32 9b fd 06
        eight septets fill seven octets   | 12345678   | 31 d9 8c 56 b3 dd 70
        one character                     | A          | 41
        """)
    void packsSeptetsLeastSignificantBitFirst(String caseName, String text, String packed) {
        assertThat(Gsm7.DEFAULT.encodePacked(text)).isEqualTo(OctetString.fromHex(packed));
        assertThat(Gsm7.DEFAULT.decodePacked(OctetString.fromHex(packed), text.length())).isEqualTo(text);
        assertThat(Gsm7.DEFAULT.decodePacked(OctetString.fromHex(packed))).isEqualTo(text);
    }

    @Test
    void packedAndUnpackedFormsCarryTheSameSeptets() {
        OctetString unpacked = Gsm7.DEFAULT.encode("hellohello");
        assertThat(unpacked).isEqualTo(OctetString.fromHex("68 65 6c 6c 6f 68 65 6c 6c 6f"));
        assertThat(Gsm7.pack(unpacked)).isEqualTo(OctetString.fromHex("e8 32 9b fd 46 97 d9 ec 37"));
        assertThat(Gsm7.unpack(OctetString.fromHex("e8 32 9b fd 46 97 d9 ec 37"), 10)).isEqualTo(unpacked);
    }

    @Test
    void countsExtensionCharactersAsTwoSeptets() {
        assertThat(Gsm7.DEFAULT.unitCount("a€{}")).isEqualTo(7);
        assertThat(Gsm7.DEFAULT.encode("a€")).isEqualTo(OctetString.fromHex("61 1b 65"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        escape then a code with no extension shows the base character | 1b 41    | A
        escape escape shows a space                                    | 41 1b 1b 42 | A B
        trailing escape shows a space                                  | 41 1b    | 'A '
        bit 7 is ignored                                               | c1 e2    | Ab
        """)
    void decodesLikeTheSpecificationSaysForOddInput(String caseName, String septets, String text) {
        assertThat(Gsm7.DEFAULT.decode(OctetString.fromHex(septets))).isEqualTo(text);
    }

    @Test
    void decodesTheReservedCr2ExtensionAsTheBaseCarriageReturn() {
        assertThat(Gsm7.DEFAULT.decode(OctetString.fromHex("41 1b 0d"))).isEqualTo("A\r");
    }

    @Test
    void refusesCharactersOutsideTheAlphabetNamingThem() {
        assertThat(Gsm7.DEFAULT.canEncode("héllo")).isTrue();
        assertThat(Gsm7.DEFAULT.canEncode("çava")).isFalse();
        assertThat(Gsm7.DEFAULT.unitCount("a😀")).isEqualTo(-1);
        assertThatThrownBy(() -> Gsm7.DEFAULT.encode("ab\u00E7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+00E7 at index 2");
        // The escape code itself is not a character one can send.
        assertThat(Gsm7.DEFAULT.canEncode("\u001B")).isFalse();
    }

    /** Positions checked against 3GPP TS 23.038 Annex A.3.1 (Turkish) and A.3.3 (Portuguese) locking tables. */
    @ParameterizedTest(name = "{0} {1} is U+{2}")
    @CsvSource(delimiter = '|', textBlock = """
        TURKISH    | 04 | 20AC
        TURKISH    | 07 | 0131
        TURKISH    | 0B | 011E
        TURKISH    | 0C | 011F
        TURKISH    | 1C | 015E
        TURKISH    | 1D | 015F
        TURKISH    | 40 | 0130
        TURKISH    | 60 | 00E7
        TURKISH    | 41 | 0041
        PORTUGUESE | 04 | 00EA
        PORTUGUESE | 09 | 00E7
        PORTUGUESE | 12 | 00AA
        PORTUGUESE | 15 | 221E
        PORTUGUESE | 24 | 00BA
        PORTUGUESE | 40 | 00CD
        PORTUGUESE | 5D | 00DA
        PORTUGUESE | 60 | 007E
        PORTUGUESE | 7B | 00E3
        PORTUGUESE | 7D | 0060
        """)
    void mapsLockingShiftTables(NationalLanguage language, String septet, String codePoint) {
        Gsm7 alphabet = Gsm7.of(language, NationalLanguage.DEFAULT);
        String character = String.valueOf((char) Integer.parseInt(codePoint, 16));
        assertThat(alphabet.encode(character)).isEqualTo(OctetString.fromHex(septet));
        assertThat(alphabet.decode(OctetString.fromHex(septet))).isEqualTo(character);
    }

    /** Positions checked against 3GPP TS 23.038 Annex A.2.1–A.2.3 single shift tables. */
    @ParameterizedTest(name = "{0} 1B {1} is U+{2}")
    @CsvSource(delimiter = '|', textBlock = """
        TURKISH    | 47 | 011E
        TURKISH    | 49 | 0130
        TURKISH    | 53 | 015E
        TURKISH    | 63 | 00E7
        TURKISH    | 67 | 011F
        TURKISH    | 69 | 0131
        TURKISH    | 73 | 015F
        TURKISH    | 65 | 20AC
        SPANISH    | 09 | 00E7
        SPANISH    | 41 | 00C1
        SPANISH    | 49 | 00CD
        SPANISH    | 4F | 00D3
        SPANISH    | 55 | 00DA
        SPANISH    | 61 | 00E1
        SPANISH    | 69 | 00ED
        SPANISH    | 6F | 00F3
        SPANISH    | 75 | 00FA
        SPANISH    | 3C | 005B
        PORTUGUESE | 05 | 00EA
        PORTUGUESE | 0B | 00D4
        PORTUGUESE | 0C | 00F4
        PORTUGUESE | 1F | 00CA
        PORTUGUESE | 41 | 00C0
        PORTUGUESE | 5B | 00C3
        PORTUGUESE | 7C | 00F5
        PORTUGUESE | 7F | 00E2
        """)
    void mapsSingleShiftTables(NationalLanguage language, String code, String codePoint) {
        Gsm7 alphabet = Gsm7.of(NationalLanguage.DEFAULT, language);
        String character = String.valueOf((char) Integer.parseInt(codePoint, 16));
        assertThat(alphabet.encode(character)).isEqualTo(OctetString.fromHex("1B" + code));
        assertThat(alphabet.decode(OctetString.fromHex("1B" + code))).isEqualTo(character);
    }

    @Test
    void encodesBuenosDiasWithTheSpanishSingleShift() {
        Gsm7 spanish = Gsm7.of(NationalLanguage.DEFAULT, NationalLanguage.SPANISH);
        assertThat(Gsm7.DEFAULT.canEncode("Buenos días")).isFalse();
        assertThat(spanish.encode("Buenos días"))
                .isEqualTo(OctetString.wrap(hex("42 75 65 6e 6f 73 20 64 1b69 61 73")));
        assertThat(spanish.shiftIeOctets()).isEqualTo(3);
    }

    @Test
    void prefersTheLockingCodeWhenACharacterIsInBothTables() {
        // ç is 0x60 in the Turkish locking table and 1B 63 in the Turkish single shift table.
        Gsm7 turkish = Gsm7.of(NationalLanguage.TURKISH, NationalLanguage.TURKISH);
        assertThat(turkish.encode("ç")).isEqualTo(OctetString.fromHex("60"));
        assertThat(turkish.shiftIeOctets()).isEqualTo(6);
        // Φ is 0x12 in the default locking table and 1B 12 in the Portuguese single shift (A.2.3): both decode.
        Gsm7 portuguese = Gsm7.of(NationalLanguage.DEFAULT, NationalLanguage.PORTUGUESE);
        assertThat(portuguese.encode("\u03A6")).isEqualTo(OctetString.fromHex("12"));
        assertThat(portuguese.decode(OctetString.fromHex("1b 12"))).isEqualTo("\u03A6");
    }

    @Test
    void hasNoSpanishLockingShiftTable() {
        assertThatThrownBy(() -> Gsm7.of(NationalLanguage.SPANISH, NationalLanguage.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("locking shift: SPANISH");
    }
}
