package io.smsgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OctetStringTest {

    @Test
    void isEqualByContentNotByIdentity() {
        assertThat(OctetString.of(new byte[] {1, 2, 3})).isEqualTo(OctetString.fromHex("01 02 03"))
                .hasSameHashCodeAs(OctetString.fromHex("010203"));
    }

    @Test
    void copiesTheArrayItIsGiven() {
        byte[] octets = {1, 2, 3};
        OctetString value = OctetString.of(octets);
        octets[0] = 9;
        assertThat(value.get(0)).isEqualTo(1);
        value.toByteArray()[1] = 9;
        assertThat(value.get(1)).isEqualTo(2);
    }

    @Test
    void printsAsHex() {
        assertThat(OctetString.ascii("Hi").toString()).isEqualTo("4869");
    }

    @Test
    void readsOctetsUnsigned() {
        assertThat(OctetString.fromHex("ff").get(0)).isEqualTo(255);
    }

    @Test
    void slicesAndConcatenates() {
        OctetString value = OctetString.fromHex("0102030405");
        assertThat(value.slice(1, 3).concat(OctetString.fromHex("ff"))).isEqualTo(OctetString.fromHex("0203ff"));
    }

    @Test
    void comparesUnsigned() {
        assertThat(OctetString.fromHex("ff")).isGreaterThan(OctetString.fromHex("01"));
    }
}
