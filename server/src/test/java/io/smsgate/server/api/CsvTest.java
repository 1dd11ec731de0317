package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvTest {

    @Test
    void quotesFieldsOnlyWhenRfc4180NeedsIt() {
        assertThat(Csv.field(new StringBuilder(), "order-77").toString()).isEqualTo("order-77");
        assertThat(Csv.field(new StringBuilder(), "a,b").toString()).isEqualTo("\"a,b\"");
        assertThat(Csv.field(new StringBuilder(), "say \"hi\"").toString()).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field(new StringBuilder(), "two\r\nlines").toString()).isEqualTo("\"two\r\nlines\"");
        assertThat(Csv.field(new StringBuilder(), "").toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        formula      | =SUM(A1)   | '=SUM(A1)
        plus         | +1         | '+1
        minus        | -1         | '-1
        at           | @cmd       | '@cmd
        harmless     | ref-1      | ref-1
        """)
    void clientTextThatASpreadsheetWouldRunIsKeptAsText(String caseName, String value, String expected) {
        assertThat(Csv.neutralised(value)).isEqualTo(expected);
    }
}
