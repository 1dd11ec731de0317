package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstMessageIdIT {

    private static final SmscConfig TWO_CARRIERS = new SmscConfig(List.of(
            new SimulatedCarrier("carrier-a", "127.0.0.1", 0, List.of(new Account("esme", "secret")), 1,
                    CarrierBehaviour.DEFAULTS),
            new SimulatedCarrier("carrier-b", "127.0.0.1", 0, List.of(new Account("esme", "secret")), 2,
                    CarrierBehaviour.DEFAULTS)), "127.0.0.1", 0, CountersConfig.DEFAULTS);

    @Test
    void everyCarrierIssuesIdsFromTheGivenFirstId() {
        try (SmscSimulator simulator = SmscSimulator.start(TWO_CARRIERS, 1, Clock.systemUTC(), 1_763_698_200_000_000L)) {
            assertThat(simulator.carriers()).extracting(carrier -> carrier.nextMessageId.get())
                    .containsExactly(1_763_698_200_000_000L, 1_763_698_200_000_000L);
        }
    }

    @Test
    void withoutAFirstIdCarriersCountFromOne() {
        try (SmscSimulator simulator = SmscSimulator.start(TWO_CARRIERS, 1, Clock.systemUTC())) {
            assertThat(simulator.carriers()).extracting(carrier -> carrier.nextMessageId.get()).containsExactly(1L, 1L);
        }
    }

    @Test
    void refusesANegativeFirstId() {
        assertThatThrownBy(() -> SmscSimulator.start(TWO_CARRIERS, 1, Clock.systemUTC(), -1))
                .hasMessage("firstMessageId: -1 (expected: >= 0)");
    }
}
