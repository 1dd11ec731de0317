package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindWindowTest {

    @Test
    void startsAtItsConfiguredSize() {
        BindWindow window = new BindWindow(10);

        assertThat(window.limit()).isEqualTo(10);
        assertThat(window.size()).isEqualTo(10);
    }

    @Test
    void halvesAtEachLossDownToOneAndNeverBelow() {
        BindWindow window = new BindWindow(10);
        List<Integer> limits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            limits.add(window.halve());
        }

        assertThat(limits).containsExactly(5, 2, 1, 1, 1);
    }

    @Test
    void growsBackByOnePerWindowOfAnswersAndSaysWhenItIsWholeAgain() {
        BindWindow window = new BindWindow(10);
        window.halve();
        List<Integer> answersPerStep = new ArrayList<>();
        int answers = 0;
        boolean restored = false;
        while (!restored) {
            int before = window.limit();
            restored = window.answered();
            answers++;
            if (window.limit() != before) {
                answersPerStep.add(answers);
                answers = 0;
            }
        }

        // 5 answers at a window of 5 make it 6, 6 at 6 make it 7, ... 9 at 9 make it 10.
        assertThat(answersPerStep).containsExactly(5, 6, 7, 8, 9);
        assertThat(window.limit()).isEqualTo(10);
    }

    @Test
    void answersAtFullSizeChangeNothing() {
        BindWindow window = new BindWindow(3);

        for (int i = 0; i < 100; i++) {
            assertThat(window.answered()).isFalse();
        }
        assertThat(window.limit()).isEqualTo(3);
    }

    @Test
    void aLossRestartsTheCountOfAnswersTowardsTheNextStep() {
        BindWindow window = new BindWindow(8);
        window.halve();
        window.answered();
        window.answered();
        window.answered();
        window.halve();

        window.answered();
        assertThat(window.limit()).isEqualTo(2);
        window.answered();
        assertThat(window.limit()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        zero     | 0
        negative | -1
        """)
    void refusesAWindowBelowOne(String caseName, int size) {
        assertThatThrownBy(() -> new BindWindow(size)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binds.window: " + size + " (expected: >= 1)");
    }
}
