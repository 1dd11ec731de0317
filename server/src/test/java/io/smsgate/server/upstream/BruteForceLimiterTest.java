package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BruteForceLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final BruteForceLimiter limiter = new BruteForceLimiter(
            new BruteForceConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(8), 100), now::get);

    @Test
    void locksOutAfterTheFreeFailuresWithDoublingLockouts() {
        for (int i = 0; i < 3; i++) {
            limiter.failed("ip:192.0.2.1");
            assertThat(limiter.lockedForNanos("ip:192.0.2.1")).isZero();
        }
        limiter.failed("ip:192.0.2.1");
        assertThat(limiter.lockedForNanos("ip:192.0.2.1")).isEqualTo(Duration.ofSeconds(1).toNanos());
        limiter.failed("ip:192.0.2.1");
        assertThat(limiter.lockedForNanos("ip:192.0.2.1")).isEqualTo(Duration.ofSeconds(2).toNanos());

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(limiter.lockedForNanos("ip:192.0.2.1")).isZero();
    }

    @Test
    void lockoutsStopAtTheMaximum() {
        for (int i = 0; i < 100; i++) {
            limiter.failed("id:acme");
        }
        assertThat(limiter.lockedForNanos("id:acme")).isEqualTo(Duration.ofSeconds(8).toNanos());
    }

    @Test
    void aGoodBindStartsAfreshAndOtherKeysAreUnaffected() {
        for (int i = 0; i < 5; i++) {
            limiter.failed("id:acme");
        }
        assertThat(limiter.lockedForNanos("id:other")).isZero();
        limiter.succeeded("id:acme");
        assertThat(limiter.lockedForNanos("id:acme")).isZero();
    }

    @Test
    void memoryIsBoundedByTheTrackedKeys() {
        for (int i = 0; i < 10_000; i++) {
            limiter.failed("ip:10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.tracked()).isEqualTo(100);
    }
}
