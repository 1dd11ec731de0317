package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How part receipts make a multipart message's state under each carrier policy (reliability.md B13). */
class MultipartReceiptsTest {

    // parts: each part's state in part order, '-' for a part without a receipt; combined: '-' while open;
    // deciding: the part whose receipt the combined state is (its stat and err name the message's final event).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        all parts delivered                     | ALL_PARTS  | 2 | DELIVERED DELIVERED DELIVERED     | DELIVERED     | 2
        one part undeliverable                  | ALL_PARTS  | 2 | DELIVERED UNDELIVERABLE DELIVERED | UNDELIVERABLE | 1
        first failed part in part order         | ALL_PARTS  | 0 | EXPIRED DELIVERED UNDELIVERABLE   | EXPIRED       | 0
        one part open without a receipt         | ALL_PARTS  | 0 | DELIVERED - DELIVERED             | -             | -
        one part intermediate                   | ALL_PARTS  | 0 | DELIVERED SUBMITTED DELIVERED     | -             | -
        one failed, one still open              | ALL_PARTS  | 0 | UNDELIVERABLE - DELIVERED         | -             | -
        first part's final receipt              | FIRST_PART | 0 | DELIVERED - -                     | DELIVERED     | 0
        first part failed                       | FIRST_PART | 0 | REJECTED - -                      | REJECTED      | 0
        first part intermediate                 | FIRST_PART | 0 | SUBMITTED - -                     | -             | -
        another part's receipt under FIRST_PART | FIRST_PART | 2 | - - UNDELIVERABLE                 | -             | -
        last part's final receipt               | LAST_PART  | 2 | - - DELIVERED                     | DELIVERED     | 2
        last part expired                       | LAST_PART  | 2 | - - EXPIRED                       | EXPIRED       | 2
        another part's receipt under LAST_PART  | LAST_PART  | 0 | DELIVERED - -                     | -             | -
        every part final, LAST_PART decides     | LAST_PART  | 2 | UNDELIVERABLE DELIVERED DELIVERED | DELIVERED     | 2
        delivered: the completing part decides  | ALL_PARTS  | 0 | DELIVERED DELIVERED               | DELIVERED     | 0
        a failed part decides, not the last     | ALL_PARTS  | 2 | DELIVERED EXPIRED UNDELIVERABLE   | EXPIRED       | 1
        """)
    void combinesPartStatesIntoTheMessageStateAndNamesTheDecidingPart(String caseName, MultipartReceipts policy,
                                                                      int partIndex, String parts, String combined,
                                                                      String deciding) {
        assertThat(policy.combine(partIndex, states(parts))).isEqualTo(state(combined));
        assertThat(policy.decidingPart(partIndex, states(parts))).isEqualTo(part(deciding));
    }

    @Test
    void onlyTheChosenPartsRequestReceipts() {
        assertThat(List.of(0, 1, 2)).allSatisfy(i -> assertThat(MultipartReceipts.ALL_PARTS.requests(i, 3)).isTrue());
        assertThat(List.of(0, 1, 2)).map(i -> MultipartReceipts.FIRST_PART.requests(i, 3))
                .containsExactly(true, false, false);
        assertThat(List.of(0, 1, 2)).map(i -> MultipartReceipts.LAST_PART.requests(i, 3))
                .containsExactly(false, false, true);
    }

    @Test
    void refusesAPartIndexOutsideTheParts() {
        assertThatIllegalArgumentException().isThrownBy(() -> MultipartReceipts.ALL_PARTS.combine(2, states("- -")))
                .withMessage("partIndex: 2 (expected: 0 <= index < 2)");
    }

    private static List<Optional<MessageStatus>> states(String parts) {
        return Arrays.stream(parts.trim().split(" +")).map(MultipartReceiptsTest::state).toList();
    }

    private static OptionalInt part(String index) {
        return index.equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(index));
    }

    private static Optional<MessageStatus> state(String state) {
        return state.equals("-") ? Optional.empty() : Optional.of(MessageStatus.valueOf(state));
    }
}
