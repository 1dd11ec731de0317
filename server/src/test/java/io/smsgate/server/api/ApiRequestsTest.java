package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiRequestsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        digits                              | 447700900123  | 447700900123
        plus (%2B decoded)                  | +447700900123 | 447700900123
        unencoded plus (form-decoded space) | " 447700900123" | 447700900123
        short code with plus                | +12345        | 12345
        alphanumeric sender kept            | ACME          | ACME
        alphanumeric after a space kept     | " ACME"       | " ACME"
        a plus alone kept                   | +             | +
        """)
    void numberReadsALeadingPlusOrSpaceBeforeDigitsAsTheE164Plus(String caseName, String value,
                                                                     String expected) {
        assertThat(ApiRequests.number(value)).isEqualTo(expected);
    }
}
