package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CidrAllowlistTest {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        192.0.2.7        | 192.0.2.0/24      | true
        192.0.3.7        | 192.0.2.0/24      | false
        192.0.2.7        | 192.0.2.7         | true
        192.0.2.8        | 192.0.2.7         | false
        10.1.2.3         | 0.0.0.0/0         | true
        ::ffff:192.0.2.7 | 192.0.2.0/24      | true
        2001:db8::1      | 2001:db8::/32     | true
        2001:db9::1      | 2001:db8::/32     | false
        2001:db8::1      | 192.0.2.0/24      | false
        192.0.2.7        | 2001:db8::/32     | false
        ::1              | ::1/128           | true
        127.0.0.1        | 127.0.0.0/8       | true
        """)
    void admitsExactlyTheAddressesInItsNetworks(String address, String cidr, boolean allowed) throws Exception {
        CidrAllowlist list = CidrAllowlist.parse(List.of(cidr));

        assertThat(list.allows(InetAddress.getByName(address))).isEqualTo(allowed);
    }

    @Test
    void anEmptyListAdmitsNobody() throws Exception {
        assertThat(CidrAllowlist.parse(List.of()).allows(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(CidrAllowlist.NONE.allows(InetAddress.getByName("::1"))).isFalse();
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"", "example.com", "192.0.2.0/33", "2001:db8::/129", "192.0.2.0/x", "/24",
        "192.0.2.0/-1"})
    void refusesEntriesThatAreNotLiteralNetworks(String entry) {
        assertThatThrownBy(() -> CidrAllowlist.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cidr");
    }
}
