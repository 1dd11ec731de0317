package io.smsgate.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopPacerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void spacesMessagesEvenlyFromTheStart() {
        OpenLoopPacer pacer = new OpenLoopPacer(4, 1000);
        assertThat(pacer.intendedTime(0)).isEqualTo(1000);
        assertThat(pacer.intendedTime(1)).isEqualTo(1000 + SECOND / 4);
        assertThat(pacer.intendedTime(4)).isEqualTo(1000 + SECOND);
    }

    @Test
    void countsWhatIsDueWhateverHappenedBefore() {
        OpenLoopPacer pacer = new OpenLoopPacer(1000, 0);
        assertThat(pacer.dueBy(-1)).isZero();
        assertThat(pacer.dueBy(0)).isEqualTo(1);
        // A sender stalled for a whole second owes the whole second's messages at once.
        assertThat(pacer.dueBy(SECOND)).isEqualTo(1001);
        assertThat(pacer.messagesIn(10 * SECOND)).isEqualTo(10_000);
    }

    @Test
    void rejectsRatesThatAreNotPositive() {
        assertThatThrownBy(() -> new OpenLoopPacer(0, 0)).hasMessageStartingWith("rate: 0.0");
    }
}
