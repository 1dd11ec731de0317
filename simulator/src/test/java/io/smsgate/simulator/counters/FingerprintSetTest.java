package io.smsgate.simulator.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FingerprintSetTest {

    @Test
    void remembersWhatItAddedAndNothingElse() {
        FingerprintSet set = new FingerprintSet(16);
        assertThat(set.add(42)).isEqualTo(FingerprintSet.Result.ADDED);
        assertThat(set.add(42)).isEqualTo(FingerprintSet.Result.PRESENT);
        assertThat(set.contains(42)).isTrue();
        assertThat(set.contains(43)).isFalse();
    }

    @Test
    void fingerprintZeroIsStoredAsOneSinceZeroMarksAnEmptySlot() {
        FingerprintSet set = new FingerprintSet(16);
        assertThat(set.add(0)).isEqualTo(FingerprintSet.Result.ADDED);
        assertThat(set.contains(0)).isTrue();
        assertThat(set.add(1)).isEqualTo(FingerprintSet.Result.PRESENT);
    }

    @Test
    void fillsToThreeQuartersThenReportsFullForNewFingerprintsOnly() {
        FingerprintSet set = new FingerprintSet(64);
        for (long fingerprint = 1; fingerprint <= 48; fingerprint++) {
            assertThat(set.add(fingerprint * 0x9E37_79B9_7F4A_7C15L)).isEqualTo(FingerprintSet.Result.ADDED);
        }
        assertThat(set.add(49 * 0x9E37_79B9_7F4A_7C15L)).isEqualTo(FingerprintSet.Result.FULL);
        assertThat(set.contains(49 * 0x9E37_79B9_7F4A_7C15L)).isFalse();
        // A fingerprint already there is still found: a duplicate is never missed because the table is full.
        assertThat(set.add(7 * 0x9E37_79B9_7F4A_7C15L)).isEqualTo(FingerprintSet.Result.PRESENT);
    }

    @Test
    void refusesACapacityThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new FingerprintSet(100)).hasMessage("capacity: 100 (expected: a power of two >= 2)");
    }
}
