package io.smsgate.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
    private static final int SAMPLES = 200_000;

    private static long[] sample(LatencyModel model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] values = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            values[i] = model.sampleNanos(random);
        }
        Arrays.sort(values);
        return values;
    }

    @Test
    void logNormalFromMedianAndP99HitsBothQuantiles() {
        LatencyModel model = LatencyModel.LogNormal.ofMedianAndP99(Duration.ofMillis(10), Duration.ofMillis(200));
        long[] values = sample(model, 42);
        assertThat(values[SAMPLES / 2] / 1e6).isCloseTo(10.0, within(0.3));
        assertThat(values[(int) (SAMPLES * 0.99)] / 1e6).isCloseTo(200.0, within(12.0));
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        LatencyModel model = new LatencyModel.LogNormal(Duration.ofMillis(3), 0.8);
        assertThat(sample(model, 7)).isEqualTo(sample(model, 7));
    }

    @Test
    void uniformStaysWithinItsBoundsAndReachesBoth() {
        LatencyModel model = new LatencyModel.Uniform(Duration.ofNanos(10), Duration.ofNanos(20));
        long[] values = sample(model, 1);
        assertThat(values[0]).isEqualTo(10);
        assertThat(values[SAMPLES - 1]).isEqualTo(20);
    }

    @Test
    void fixedIsFixed() {
        long[] values = sample(new LatencyModel.Fixed(Duration.ofMillis(5)), 3);
        assertThat(values[0]).isEqualTo(values[SAMPLES - 1]).isEqualTo(5_000_000);
    }

    @Test
    void logNormalSamplesAreCappedSoAHugeSigmaCannotOverflow() {
        long[] values = sample(new LatencyModel.LogNormal(Duration.ofSeconds(1), 10.0), 5);
        assertThat(values[0]).isGreaterThanOrEqualTo(0);
        assertThat(values[SAMPLES - 1]).isEqualTo(LatencyModel.LogNormal.CAP);
    }

    @Test
    void slowDownScalesEveryDistribution() {
        assertThat(new LatencyModel.Fixed(Duration.ofMillis(2)).scaled(3))
                .isEqualTo(new LatencyModel.Fixed(Duration.ofMillis(6)));
        assertThat(new LatencyModel.Uniform(Duration.ofMillis(1), Duration.ofMillis(2)).scaled(2))
                .isEqualTo(new LatencyModel.Uniform(Duration.ofMillis(2), Duration.ofMillis(4)));
        assertThat(new LatencyModel.LogNormal(Duration.ofMillis(4), 0.5).scaled(2.5))
                .isEqualTo(new LatencyModel.LogNormal(Duration.ofMillis(10), 0.5));
    }
}
