package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    @Test
    void sumsInOnePassEqualEachCounterSummedAlone() {
        SlidingWindow window = new SlidingWindow(10, 100);
        SplittableRandom random = new SplittableRandom(7);
        long[] sums = new long[SlidingWindow.COUNTERS];
        long now = 1_000_000;
        for (int step = 0; step < 2_000; step++) {
            // Mostly forward in small steps, sometimes past several buckets, so that buckets age out and are reused.
            now += random.nextInt(10) == 0 ? random.nextInt(1_500) : random.nextInt(30);
            window.add(random.nextInt(SlidingWindow.COUNTERS), random.nextInt(1, 100), now);

            window.sums(now, sums);

            for (int counter = 0; counter < SlidingWindow.COUNTERS; counter++) {
                assertThat(sums[counter]).as("counter %d at %d", counter, now).isEqualTo(window.sum(counter, now));
            }
        }
    }

    @Test
    void sumsLeaveOutBucketsOlderThanTheWindow() {
        SlidingWindow window = new SlidingWindow(4, 100);
        window.add(SlidingWindow.SUBMITS, 5, 1_000);
        window.add(SlidingWindow.SUBMITS, 3, 1_350);
        long[] sums = new long[SlidingWindow.COUNTERS];

        window.sums(1_399, sums);
        assertThat(sums[SlidingWindow.SUBMITS]).isEqualTo(8);

        window.sums(1_400, sums); // the bucket of 1,000 is 4 buckets old now
        assertThat(sums[SlidingWindow.SUBMITS]).isEqualTo(3);
    }
}
