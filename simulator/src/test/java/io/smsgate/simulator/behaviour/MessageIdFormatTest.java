package io.smsgate.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdFormatTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        decimal unpadded      | DECIMAL | 0  | 12345               | 12345
        decimal padded        | DECIMAL | 10 | 12345               | 0000012345
        hex unpadded          | HEX     | 0  | 255                 | ff
        hex padded to 8       | HEX     | 8  | 255                 | 000000ff
        width below length    | DECIMAL | 2  | 12345               | 12345
        largest long in hex   | HEX     | 0  | 9223372036854775807 | 7fffffffffffffff
        zero                  | DECIMAL | 0  | 0                   | 0
        """)
    void printsAndReadsBackIds(String caseName, MessageIdFormat.Base base, int width, long id, String printed) {
        MessageIdFormat format = new MessageIdFormat(base, width);
        assertThat(format.format(id)).isEqualTo(printed);
        assertThat(format.parse(printed)).isEqualTo(id);
    }

    @ParameterizedTest(name = "width {0}")
    @CsvSource({"-1", "65"})
    void rejectsWidthsOutsideTheMessageIdField(int width) {
        assertThatThrownBy(() -> new MessageIdFormat(MessageIdFormat.Base.HEX, width))
                .hasMessageStartingWith("width: " + width);
    }
}
