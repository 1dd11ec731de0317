package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.protocol.dlr.MessageIdFormat;
import io.smsgate.simulator.scenario.ScenarioYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A scenario whose system under test is its own simulated carrier compares ids the way that carrier prints them. */
class ScenarioCorrelationTest {
    private static final Path SCENARIOS = Path.of("..", "config", "scenarios");

    @Test
    void takesTheBasesFromTheCarriersMessageIdAndReceiptIdFormat() {
        // slow-receipts: message-id {base: hex}, receipts.id-format {base: decimal, width: 20}.
        assertThat(ScenarioRunner.correlationFor(ScenarioYaml.read(SCENARIOS.resolve("slow-receipts.yaml"))))
                .contains(new MessageIdCorrelation(MessageIdFormat.HEX, MessageIdFormat.DECIMAL));
    }

    @Test
    void knowsNothingOfAnOutsideSystemUnderTest() {
        // carrier-outage-failover binds to smsgate on 127.0.0.1:2775, not to one of its carriers.
        assertThat(ScenarioRunner.correlationFor(ScenarioYaml.read(SCENARIOS.resolve("carrier-outage-failover.yaml"))))
                .isEmpty();
    }
}
