package io.smsgate.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstBackToBackThenOnePerInterval() {
        RateLimiter limiter = new RateLimiter(10, 3, 0);
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isFalse();
        assertThat(limiter.tryAcquire(SECOND / 10 - 1)).isFalse();
        assertThat(limiter.tryAcquire(SECOND / 10)).isTrue();
        assertThat(limiter.tryAcquire(SECOND / 10)).isFalse();
    }

    @Test
    void holdsTheRateOverALongRunWhateverTheOfferedLoad() {
        RateLimiter limiter = new RateLimiter(100, 1, 0);
        int allowed = 0;
        // Offered: 1000/s for 10 s, in 1 ms steps.
        for (long now = 0; now < 10 * SECOND; now += 1_000_000) {
            if (limiter.tryAcquire(now)) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(1000);
    }

    @Test
    void anIdleBucketDoesNotSaveUpMoreThanItsBurst() {
        RateLimiter limiter = new RateLimiter(10, 2, 0);
        long later = 60 * SECOND;
        assertThat(limiter.tryAcquire(later)).isTrue();
        assertThat(limiter.tryAcquire(later)).isTrue();
        assertThat(limiter.tryAcquire(later)).isFalse();
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheBurstAtOneInstant() throws Exception {
        RateLimiter limiter = new RateLimiter(1, 500, 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> {
                    int granted = 0;
                    for (int i = 0; i < 10_000; i++) {
                        if (limiter.tryAcquire(0)) {
                            granted++;
                        }
                    }
                    return granted;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
    }
}
