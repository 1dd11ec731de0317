package io.smsgate.simulator;

import io.smsgate.simulator.behaviour.BehaviourYaml;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.config.ConfigNode;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A simulated SMSC with one carrier on 127.0.0.1 (any free port) for socket tests, closed after each test. */
final class OneCarrier implements AfterEachCallback {

    private final String systemId;
    private final long seed;
    private final int threads;
    private SmscSimulator simulator;

    /** The carrier accepts {@code systemId} with password "secret". */
    OneCarrier(String systemId, long seed, int threads) {
        this.systemId = systemId;
        this.seed = seed;
        this.threads = threads;
    }

    /** Starts the carrier with the behaviour written as YAML (the keys under a carrier's {@code behaviour:}). */
    SmscSimulator.Carrier start(String behaviourYaml) {
        CarrierBehaviour behaviour = BehaviourYaml.parse(ConfigNode.parse(behaviourYaml, "behaviour"),
                CarrierBehaviour.DEFAULTS);
        SimulatedCarrier carrier = new SimulatedCarrier("carrier-a", "127.0.0.1", 0,
                List.of(new Account(systemId, "secret")), seed, behaviour);
        simulator = SmscSimulator.start(new SmscConfig(List.of(carrier), "127.0.0.1", 0, CountersConfig.DEFAULTS),
                threads, Clock.systemUTC());
        return simulator.carriers().get(0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
