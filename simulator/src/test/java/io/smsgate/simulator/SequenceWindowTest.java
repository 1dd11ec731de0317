package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceWindowTest {

    @Test
    void removesByTheSequenceNumberItWasPutUnder() {
        SequenceWindow<String> window = new SequenceWindow<>();
        for (int sequence = 1; sequence <= 1_000; sequence++) {
            window.put(sequence, "r" + sequence);
        }
        window.put(0x7FFF_FFFF, "last");

        assertThat(window.remove(500)).isEqualTo("r500");
        assertThat(window.remove(500)).isNull();
        assertThat(window.remove(0x7FFF_FFFF)).isEqualTo("last");
        assertThat(window.size()).isEqualTo(999);
    }

    @Test
    void removeIfTakesOnlyTheMatchingRequests() {
        SequenceWindow<Integer> window = new SequenceWindow<>();
        for (int sequence = 1; sequence <= 10; sequence++) {
            window.put(sequence, sequence);
        }

        assertThat(window.removeIf(value -> value % 2 == 0)).containsExactlyInAnyOrder(2, 4, 6, 8, 10);
        assertThat(window.remove(3)).isEqualTo(3);
        assertThat(window.remove(4)).isNull();
        assertThat(window.clear()).containsExactlyInAnyOrder(1, 5, 7, 9);
        assertThat(window.isEmpty()).isTrue();
    }
}
