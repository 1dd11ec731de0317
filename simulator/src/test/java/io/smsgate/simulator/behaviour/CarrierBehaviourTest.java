package io.smsgate.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CarrierBehaviourTest {

    @Test
    void injectsErrorsOnlyForCoveredPrefixesAndAtTheConfiguredFraction() {
        CarrierBehaviour behaviour = new CarrierBehaviour(LatencyModel.ZERO, MessageIdFormat.DEFAULTS,
                Throttle.UNLIMITED, 0, false,
                List.of(new ErrorRule(0.25, List.of("+4477"), 0x45, ErrorRule.Reply.RESPONSE)),
                ReceiptBehaviour.DEFAULTS, MoTraffic.NONE, Faults.NONE);
        SplittableRandom random = new SplittableRandom(11);
        int covered = 0;
        int uncovered = 0;
        for (int i = 0; i < 100_000; i++) {
            if (behaviour.injectedError("+447700900123", random).isPresent()) {
                covered++;
            }
            if (behaviour.injectedError("+33612345678", random).isPresent()) {
                uncovered++;
            }
        }
        assertThat(covered / 100_000.0).isCloseTo(0.25, within(0.01));
        assertThat(uncovered).isZero();
    }

    @Test
    void theFirstMatchingRuleWins() {
        ErrorRule first = new ErrorRule(1.0, List.of("+44"), 0x58, ErrorRule.Reply.RESPONSE);
        ErrorRule second = new ErrorRule(1.0, List.of(), 0x08, ErrorRule.Reply.GENERIC_NACK);
        CarrierBehaviour behaviour = CarrierBehaviour.DEFAULTS;
        behaviour = new CarrierBehaviour(behaviour.responseLatency(), behaviour.messageId(), behaviour.throttle(), 0,
                false, List.of(first, second), behaviour.receipts(), behaviour.mo(), behaviour.faults());
        SplittableRandom random = new SplittableRandom(1);
        assertThat(behaviour.injectedError("+4412", random)).contains(first);
        assertThat(behaviour.injectedError("+3312", random)).contains(second);
    }

    @Test
    void statusMixDrawsEachStateAtItsWeight() {
        StatusMix mix = new StatusMix(Map.of(ReceiptStatus.DELIVRD, 70, ReceiptStatus.UNDELIV, 20,
                ReceiptStatus.EXPIRED, 10));
        SplittableRandom random = new SplittableRandom(3);
        Map<ReceiptStatus, Integer> drawn = new EnumMap<>(ReceiptStatus.class);
        for (int i = 0; i < 100_000; i++) {
            drawn.merge(mix.pick(random), 1, Integer::sum);
        }
        assertThat(drawn.get(ReceiptStatus.DELIVRD) / 100_000.0).isCloseTo(0.70, within(0.01));
        assertThat(drawn.get(ReceiptStatus.UNDELIV) / 100_000.0).isCloseTo(0.20, within(0.01));
        assertThat(drawn.get(ReceiptStatus.EXPIRED) / 100_000.0).isCloseTo(0.10, within(0.01));
        assertThat(drawn).containsOnlyKeys(ReceiptStatus.DELIVRD, ReceiptStatus.UNDELIV, ReceiptStatus.EXPIRED);
    }

    @Test
    void slowDownAppliesToTheEffectiveResponseLatency() {
        CarrierBehaviour slow = CarrierBehaviour.DEFAULTS
                .withResponseLatency(new LatencyModel.Fixed(java.time.Duration.ofMillis(4)))
                .withFaults(new Faults(java.util.OptionalInt.empty(), false, 0, false, 0, 5.0, 0,
                        Faults.Malformed.NONE, 0));
        assertThat(slow.effectiveResponseLatency().sampleNanos(new SplittableRandom(1))).isEqualTo(20_000_000);
    }
}
