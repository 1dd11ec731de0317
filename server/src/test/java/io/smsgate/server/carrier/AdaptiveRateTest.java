package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AdaptiveRateTest {

    private static final long SECOND = 1_000_000_000L;
    private long now = 1_000L;
    private final AdaptiveRate rate = new AdaptiveRate(100, RateConfig.DEFAULTS, () -> now);

    @Test
    void startsAtTheCeilingWithATenthOfASecondOfBurst() {
        int taken = 0;
        while (rate.tryAcquire()) {
            taken++;
        }
        assertThat(taken).isEqualTo(10);
        assertThat(rate.nanosUntilToken()).isBetween(SECOND / 100, SECOND / 100 + 1);
    }

    @Test
    void throttlingHalvesTheRateAndHealthyAnswersBringItBackToTheCeiling() {
        rate.throttled();
        assertThat(rate.rate()).isEqualTo(50.0);
        rate.throttled();
        assertThat(rate.rate()).isEqualTo(25.0);

        now += 2 * SECOND;
        rate.answered(OptionalInt.empty());
        assertThat(rate.rate()).isEqualTo(45.0);
        now += 60 * SECOND;
        rate.answered(OptionalInt.empty());
        assertThat(rate.rate()).isEqualTo(100.0);
    }

    @Test
    void neverGoesBelowTheFloor() {
        for (int i = 0; i < 50; i++) {
            rate.throttled();
        }
        assertThat(rate.rate()).isEqualTo(RateConfig.DEFAULTS.minTps());
    }

    @Test
    void congestionAboveTheOptimumBandLowersTheRateAndInsideItHolds() {
        rate.throttled();
        now += SECOND;
        rate.answered(OptionalInt.of(95));
        assertThat(rate.rate()).isEqualTo(45.0);
        now += 10 * SECOND;
        rate.answered(OptionalInt.of(85));
        assertThat(rate.rate()).isEqualTo(45.0);
        now += SECOND;
        rate.answered(OptionalInt.of(40));
        assertThat(rate.rate()).isEqualTo(55.0);
    }

    @Test
    void congestionInterleavedWithHealthyAnswersStillLowersTheRate() {
        // A saturated window answers with congestion rising 0..90 every burst: the healthy answers in between
        // must not keep resetting the step that lets congestion lower the rate.
        double start = rate.rate();
        for (int burst = 0; burst < 5; burst++) {
            for (int answer = 0; answer < 10; answer++) {
                now += SECOND / 100;
                rate.answered(OptionalInt.of(answer * 10));
            }
        }
        assertThat(rate.rate()).isLessThan(start);
    }

    @Test
    void aThrottleEmptiesTheBucket() {
        rate.throttled();
        assertThat(rate.tryAcquire()).isFalse();
        now += SECOND / 50;
        assertThat(rate.tryAcquire()).isTrue();
    }
}
