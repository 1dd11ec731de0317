package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CarrierHealthTest {
    private static final HealthConfig CONFIG =
            new HealthConfig(Duration.ofSeconds(10), 10, 10, 0.5, 5, Duration.ofSeconds(30), 10, 2, 4);

    private final List<String> transitions = new ArrayList<>();
    private final AtomicLong epoch = new AtomicLong();
    private final CarrierHealth health =
            new CarrierHealth(CONFIG, epoch, (from, to, at) -> transitions.add(from + "->" + to + "@" + at));

    @Test
    void theRoutersRatesFollowEventsInStepsAndTheBucketTickExactly() {
        for (int i = 0; i < 999; i++) {
            health.submitted(SubmitResult.ACCEPTED, 1_000, 1_000);
        }
        health.submitted(SubmitResult.ERROR, 1_000, 1_000); // 0.1 % failures: under one step
        assertThat(health.failurePpm()).isZero();
        assertThat(health.status().failureProbability()).isCloseTo(0.001, Offset.offset(1e-12));
        long before = epoch.get();
        health.advance(1_001);
        assertThat(health.failurePpm()).isEqualTo(1_000);
        assertThat(epoch.get()).isEqualTo(before + 1);
        health.submitted(SubmitResult.ERROR, 1_000, 1_002); // 0.2 %: a step from the published 0.1 % is not reached
        assertThat(health.failurePpm()).isEqualTo(1_000);
        for (int i = 0; i < 2; i++) {
            health.submitted(SubmitResult.ERROR, 1_000, 1_002);
        }
        assertThat(health.failurePpm()).isEqualTo(3_988); // 4 of 1003: moved by a step, published at once
    }

    @Test
    void theChangeCountMovesOnlyWhenWhatTheRouterReadsChanges() {
        health.advance(1_000);
        long start = epoch.get();
        health.bind(true, 1_000); // already up
        health.advance(1_000);
        assertThat(epoch.get()).isEqualTo(start);
        health.bind(false, 1_001);
        assertThat(epoch.get()).isEqualTo(start + 1);
        assertThat(health.gate()).isEqualTo(CarrierHealth.BIND_DOWN);
    }

    @Test
    void opensOnConsecutiveFailures() {
        for (int i = 0; i < 4; i++) {
            health.submitted(SubmitResult.TIMEOUT, 30_000_000, 1_000);
        }
        assertThat(health.status().circuit()).isEqualTo(CircuitState.CLOSED);
        health.submitted(SubmitResult.ERROR, 1_000, 1_000);
        assertThat(health.status().circuit()).isEqualTo(CircuitState.OPEN);
        assertThat(health.status().openUntilMillis()).isEqualTo(31_000);
        assertThat(transitions).containsExactly("CLOSED->OPEN@1000");
    }

    @Test
    void opensWhenTheFailureShareOfTheWindowBursts() {
        for (int i = 0; i < 10; i++) { // alternate: never 5 in a row, but half fail
            health.submitted(i % 2 == 0 ? SubmitResult.ACCEPTED : SubmitResult.ERROR, 1_000, 1_000 + i);
        }
        assertThat(health.status().circuit()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void throttlingIsNotAFailure() {
        for (int i = 0; i < 20; i++) {
            health.submitted(SubmitResult.THROTTLED, 1_000, 1_000);
        }
        assertThat(health.status().circuit()).isEqualTo(CircuitState.CLOSED);
        assertThat(health.status().throttleRate()).isEqualTo(1.0);
    }

    @Test
    void halfOpensAfterTheOpenPeriodThenClosesAfterProbeSuccesses() {
        for (int i = 0; i < 5; i++) {
            health.submitted(SubmitResult.ERROR, 1_000, 0);
        }
        assertThat(health.status().circuitAt(29_999)).isEqualTo(CircuitState.OPEN);
        assertThat(health.status().circuitAt(30_000)).isEqualTo(CircuitState.HALF_OPEN);
        health.submitted(SubmitResult.ACCEPTED, 1_000, 30_000);
        assertThat(health.status().circuit()).isEqualTo(CircuitState.HALF_OPEN);
        health.submitted(SubmitResult.ACCEPTED, 1_000, 30_001);
        assertThat(health.status().circuit()).isEqualTo(CircuitState.CLOSED);
        assertThat(transitions).containsExactly("CLOSED->OPEN@0", "OPEN->HALF_OPEN@30000", "HALF_OPEN->CLOSED@30001");
        health.submitted(SubmitResult.ERROR, 1_000, 30_002); // the old burst no longer counts
        assertThat(health.status().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aFailedProbeReopens() {
        for (int i = 0; i < 5; i++) {
            health.submitted(SubmitResult.ERROR, 1_000, 0);
        }
        health.submitted(SubmitResult.TIMEOUT, 1_000, 40_000);
        assertThat(health.status().circuit()).isEqualTo(CircuitState.OPEN);
        assertThat(health.status().openUntilMillis()).isEqualTo(70_000);
    }

    @Test
    void advanceHalfOpensWithoutTraffic() {
        for (int i = 0; i < 5; i++) {
            health.submitted(SubmitResult.ERROR, 1_000, 0);
        }
        health.advance(30_000);
        assertThat(health.status().circuit()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void ratesCoverTheSlidingWindowOnly() {
        health.submitted(SubmitResult.ERROR, 2_000, 0);
        health.submitted(SubmitResult.ACCEPTED, 4_000, 5_000);
        health.receipt(true, 3_000, 5_000);
        health.receipt(true, 3_000, 5_000);
        health.receipt(false, 6_000, 5_000);
        health.receipt(true, 3_000, 5_000);
        HealthStatus status = health.status();
        assertThat(status.submitErrorRate()).isEqualTo(0.5);
        assertThat(status.submitLatencyMicros()).hasValue(3_000);
        assertThat(status.deliveredRatio()).hasValue(0.75);
        assertThat(status.receiptLatencyMillis()).hasValue(3_750);

        health.advance(10_500); // the bucket of t=0 left the 10 s window
        assertThat(health.status().submits()).isEqualTo(1);
        assertThat(health.status().submitErrorRate()).isZero();
        health.advance(16_000);
        assertThat(health.status().submits()).isZero();
        assertThat(health.status().deliveredRatio()).isEmpty();
    }

    @Test
    void bindStateIsReported() {
        health.bind(false, 0);
        assertThat(health.status().bindUp()).isFalse();
        health.bind(true, 1);
        assertThat(health.status().bindUp()).isTrue();
    }
}
