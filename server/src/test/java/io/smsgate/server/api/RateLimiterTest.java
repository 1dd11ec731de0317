package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Principal key1 = new Principal("k1", "acme");
    private final Principal key2 = new Principal("k2", "acme");

    @Test
    void aKeyBurstsToItsRateThenWaitsForTheNextToken() {
        RateLimiter limiter = new RateLimiter(10, 1_000, now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire(key1)).isZero();
        }

        long wait = limiter.acquire(key1);

        assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        now.addAndGet(wait);
        assertThat(limiter.acquire(key1)).isZero();
    }

    @Test
    void keysOfOneAccountShareTheAccountRateAndARefusalDoesNotSpendTheKeysToken() {
        RateLimiter limiter = new RateLimiter(5, 6, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(key1)).isZero();
        }
        assertThat(limiter.acquire(key2)).isZero();

        assertThat(limiter.acquire(key2)).isPositive();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(170));
        // One account token came back (6/s); key2 still had 4 of its own.
        assertThat(limiter.acquire(key2)).isZero();
    }

    @Test
    void anotherAccountIsNotLimitedByTheFirst() {
        RateLimiter limiter = new RateLimiter(1, 1, now::get);
        assertThat(limiter.acquire(key1)).isZero();
        assertThat(limiter.acquire(key1)).isPositive();

        assertThat(limiter.acquire(new Principal("k3", "other"))).isZero();
    }

    @ParameterizedTest(name = "{0} ns -> {1} s")
    @CsvSource({"1, 1", "999999999, 1", "1000000000, 1", "1000000001, 2", "2500000000, 3"})
    void retryAfterRoundsUpToWholeSecondsAndIsNeverZero(long waitNanos, long seconds) {
        assertThat(RateLimiter.retryAfterSeconds(waitNanos)).isEqualTo(seconds);
    }
}
