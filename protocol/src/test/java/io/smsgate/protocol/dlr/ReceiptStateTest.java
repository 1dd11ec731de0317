package io.smsgate.protocol.dlr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptStateTest {

    // SMPP 5.0 §4.7.15 message_state values and which are final.
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
        SCHEDULED | 0 | false
        ENROUTE   | 1 | false
        DELIVRD   | 2 | true
        EXPIRED   | 3 | true
        DELETED   | 4 | true
        UNDELIV   | 5 | true
        ACCEPTD   | 6 | true
        UNKNOWN   | 7 | true
        REJECTD   | 8 | true
        SKIPPED   | 9 | true
        """)
    void mapsMessageStateBothWays(ReceiptState state, int messageState, boolean isFinal) {
        assertThat(state.messageState()).isEqualTo(messageState);
        assertThat(ReceiptState.fromMessageState(messageState)).contains(state);
        assertThat(state.isFinal()).isEqualTo(isFinal);
        assertThat(ReceiptState.fromStatWord(state.statWord())).contains(state);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10, 255, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void refusesMessageStateOutsideTheTable(int messageState) {
        assertThat(ReceiptState.fromMessageState(messageState)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "FAILED", "DELIVR", "DELIVRDX", "0"})
    void knowsNoOtherStatWord(String word) {
        assertThat(ReceiptState.fromStatWord(word)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD", "ENROUTE",
        "SKIPPED"})
    void writesSpecificationStatWordsAsTheyAre(String word) {
        assertThat(Arrays.stream(ReceiptState.values()).map(ReceiptState::statWord)).contains(word);
    }
}
