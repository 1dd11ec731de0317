package io.smsgate.protocol.dlr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdCorrelationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        decimal, leading zeros          | DECIMAL | 0000012345                 | 12345
        decimal, all zeros              | DECIMAL | 0000                       | 0
        decimal beyond a long           | DECIMAL | 0064567564356765435676123  | 64567564356765435676123
        hex upper case                  | HEX     | 0A1B                       | 2587
        hex lower case                  | HEX     | 0a1b                       | 2587
        hex, 16 digits, sign bit set    | HEX     | FFFFFFFFFFFFFFFF           | 18446744073709551615
        hex beyond a long               | HEX     | 1000000000000000000000     | 19342813113834066795298816
        hex, leading zeros only         | HEX     | 000                        | 0
        as is keeps zeros and case      | AS_IS   | 000Ab-12                   | 000Ab-12
        """)
    void bringsIdToCanonicalForm(String caseName, MessageIdFormat format, String id, String canonical) {
        assertThat(format.canonical(id)).isEqualTo(new CorrelationKey.Canonical(canonical));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        decimal with a letter      | DECIMAL | 12a45       | message_id: '12a45' (expected: decimal digits)
        decimal with a sign        | DECIMAL | -12         | message_id: '-12' (expected: decimal digits)
        hex with a g               | HEX     | 0A1G        | message_id: '0A1G' (expected: hex digits)
        hex with 0x                | HEX     | 0x1F        | message_id: '0x1F' (expected: hex digits)
        hex, Arabic-Indic digit    | HEX     | ١٢          | message_id: '١٢' (expected: hex digits)
        empty                      | AS_IS   | ''          | message_id: empty (expected: 1..64 characters)
        """)
    void refusesIdThatDoesNotFitItsFormat(String caseName, MessageIdFormat format, String id, String reason) {
        assertThat(format.canonical(id)).isEqualTo(new CorrelationKey.Refused(reason));
    }

    @Test
    void refusesIdLongerThanAnyMessageId() {
        assertThat(MessageIdFormat.DECIMAL.canonical("1".repeat(65)))
                .isEqualTo(new CorrelationKey.Refused("message_id: 65 characters (expected: at most 64)"));
    }

    // The same message as its carrier writes it in submit_sm_resp and in the receipt.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        resp hex, receipt decimal    | HEX     | DECIMAL | 0A1B              | 2587
        resp decimal, receipt hex    | DECIMAL | HEX     | 2587              | a1b
        both decimal, Nexmo zeros    | DECIMAL | DECIMAL | 12345678          | 0000000012345678
        both hex, different case     | HEX     | HEX     | 7f3c2a9e          | 7F3C2A9E
        resp as is, receipt zeros    | AS_IS   | DECIMAL | 12345             | 0000012345
        both as is                   | AS_IS   | AS_IS   | 0118Z-0122I-2309U | 0118Z-0122I-2309U
        20 digits, beyond a long     | DECIMAL | DECIMAL | 64567564356765435676 | 064567564356765435676
        """)
    void mapsBothSidesToTheSameKey(String caseName, MessageIdFormat resp, MessageIdFormat receipt, String respId,
            String receiptId) {
        MessageIdCorrelation correlation = new MessageIdCorrelation(resp, receipt);

        assertThat(correlation.fromSubmitResp(respId)).isInstanceOf(CorrelationKey.Canonical.class)
                .isEqualTo(correlation.fromReceipt(receiptId));
    }

    @Test
    void asIsKeepsDistinctIdsDistinct() {
        assertThat(MessageIdCorrelation.AS_IS.fromSubmitResp("0A1B"))
                .isNotEqualTo(MessageIdCorrelation.AS_IS.fromReceipt("0a1b"));
    }

    @ParameterizedTest(name = "msg-id-type {0}")
    @CsvSource(delimiter = '|', textBlock = """
        0 | DECIMAL | DECIMAL
        1 | HEX     | DECIMAL
        2 | DECIMAL | HEX
        3 | HEX     | HEX
        """)
    void followsKannelMsgIdType(int msgIdType, MessageIdFormat resp, MessageIdFormat receipt) {
        assertThat(MessageIdCorrelation.kannelMsgIdType(msgIdType)).isEqualTo(new MessageIdCorrelation(resp, receipt));
    }

    @ParameterizedTest(name = "dlr_msg_id_bases {0}")
    @CsvSource(delimiter = '|', textBlock = """
        0 | AS_IS   | AS_IS
        1 | HEX     | DECIMAL
        2 | DECIMAL | HEX
        """)
    void followsJasminDlrMsgIdBases(int bases, MessageIdFormat resp, MessageIdFormat receipt) {
        assertThat(MessageIdCorrelation.jasminDlrMsgIdBases(bases)).isEqualTo(new MessageIdCorrelation(resp, receipt));
    }

    @Test
    void refusesUnknownPresets() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageIdCorrelation.kannelMsgIdType(4))
                .withMessage("msg-id-type: 4 (expected: 0..3)");
        assertThatIllegalArgumentException().isThrownBy(() -> MessageIdCorrelation.jasminDlrMsgIdBases(3))
                .withMessage("dlr_msg_id_bases: 3 (expected: 0..2)");
    }
}
