package io.smsgate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.server.upstream.CidrAllowlist;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unspecified ipv4            | 0.0.0.0                 | unspecified
        this network                | 0.1.2.3                 | unspecified
        private 10/8                | 10.20.30.40             | private
        cgnat                       | 100.64.0.1              | cgnat
        alibaba metadata (cgnat)    | 100.100.100.200         | cgnat
        loopback                    | 127.0.0.1               | loopback
        loopback 127.0.0.2          | 127.0.0.2               | loopback
        cloud metadata              | 169.254.169.254         | link-local
        private 172.16/12           | 172.31.255.255          | private
        ietf protocol assignments   | 192.0.0.192             | reserved
        private 192.168/16          | 192.168.1.1             | private
        benchmarking                | 198.19.0.1              | benchmarking
        multicast                   | 224.0.0.1               | multicast
        broadcast                   | 255.255.255.255         | reserved
        unspecified ipv6            | ::                      | unspecified
        loopback ipv6               | ::1                     | loopback
        ipv4-mapped loopback        | ::ffff:127.0.0.1        | loopback
        ipv4-mapped metadata        | ::ffff:169.254.169.254  | link-local
        ipv4-compatible private     | ::10.0.0.1              | private
        nat64 of loopback           | 64:ff9b::7f00:1         | loopback
        6to4 of private             | 2002:c0a8:0101::1       | private
        unique local (aws imds v6)  | fd00:ec2::254           | private
        link-local ipv6             | fe80::1                 | link-local
        multicast ipv6              | ff02::1                 | multicast
        documentation ipv6          | 2001:db8::1             | documentation
        teredo                      | 2001:0:4136:e378::1     | reserved
        """)
    void refusesSpecialPurposeAddresses(String caseName, String address, String kind) throws Exception {
        assertThat(AddressPolicy.classify(InetAddress.getByName(address))).contains(kind);
        assertThat(AddressPolicy.strict().refusal(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        public ipv4             | 8.8.8.8
        just outside cgnat      | 100.128.0.1
        just outside 172.16/12  | 172.32.0.1
        public ipv6             | 2a00:1450:4001:80b::200e
        ipv4-mapped public      | ::ffff:8.8.8.8
        """)
    void admitsPublicUnicast(String caseName, String address) throws Exception {
        assertThat(AddressPolicy.strict().refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void allowlistAdmitsOnlyItsNetworks() throws Exception {
        AddressPolicy policy = new AddressPolicy(CidrAllowlist.parse(List.of("127.0.0.1/32")));

        assertThat(policy.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("127.0.0.2"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("loopback address 127.0.0.2").contains("fetch.allowlist"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        decimal dword           | 2130706433        | 127.0.0.1
        octal dotted            | 0177.0.0.1        | 127.0.0.1
        hex two parts           | 0x7f.1            | 127.0.0.1
        hex dword               | 0x7f000001        | 127.0.0.1
        three parts             | 127.0.1           | 127.0.0.1
        zero                    | 0                 | 0.0.0.0
        mixed metadata          | 0xa9.254.0251.254 | 169.254.169.254
        trailing dot            | 10.0.0.1.         | 10.0.0.1
        bracketed mapped ipv6   | [::ffff:7f00:1]   | 127.0.0.1
        """)
    void readsNumericHostFormsAsTheirAddress(String caseName, String host, String address) throws Exception {
        assertThat(HostLiteral.parse(host)).contains(InetAddress.getByName(address));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        dns name           | hooks.example.com
        hex-looking label  | deadbeef
        five parts         | 1.2.3.4.5
        """)
    void leavesNamesToTheResolver(String caseName, String host) {
        assertThat(HostLiteral.parse(host)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        part over 255      | 256.0.0.1
        dword over 32 bits | 4294967296
        ipv6 zone id       | [fe80::1%eth0]
        """)
    void refusesMalformedNumericHosts(String caseName, String host) {
        assertThatThrownBy(() -> HostLiteral.parse(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url host");
    }
}
