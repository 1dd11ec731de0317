package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.OctetString;
import org.junit.jupiter.api.Test;

class Latin1AndUcs2Test {

    @Test
    void writesUcs2AsUtf16BigEndianWithSurrogatePairs() {
        // "Hi", U+20AC, U+1F600 as D83D DE00
        OctetString encoded = Ucs2.INSTANCE.encode("Hi€😀");
        assertThat(encoded).isEqualTo(OctetString.fromHex("0048 0069 20ac d83d de00"));
        assertThat(Ucs2.INSTANCE.decode(encoded)).isEqualTo("Hi€😀");
        assertThat(Ucs2.INSTANCE.unitCount("😀")).isEqualTo(2);
    }

    @Test
    void decodesATrailingOddUcs2OctetAsAReplacementCharacter() {
        assertThat(Ucs2.INSTANCE.decode(OctetString.fromHex("0041 00"))).isEqualTo("A\uFFFD");
    }

    @Test
    void writesLatin1OneOctetPerCharacter() {
        assertThat(Latin1.INSTANCE.encode("Grüße ©")).isEqualTo(OctetString.fromHex("47 72 fc df 65 20 a9"));
        assertThat(Latin1.INSTANCE.decode(OctetString.fromHex("47 72 fc df 65 20 a9"))).isEqualTo("Grüße ©");
        assertThat(Latin1.INSTANCE.canEncode("€")).isFalse();
        assertThatThrownBy(() -> Latin1.INSTANCE.encode("a€"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text: U+20AC at index 1 (expected: a Latin-1 character <= U+00FF)");
    }

    @Test
    void decodesPackedTextAfterAHeader() {
        // UDH 05 00 03 2a 02 01, one fill bit, then "hello" shifted left by one bit
        OctetString userData = OctetString.fromHex("05 00 03 2a 02 01 d0 65 36 fb 0d");
        assertThat(Gsm7.DEFAULT.decodePackedAfterHeader(userData, 6)).isEqualTo("hello");
        assertThat(Gsm7.unpackAfterHeader(userData, 6)).isEqualTo(OctetString.fromHex("68 65 6c 6c 6f"));
    }
}
