package io.smsgate.simulator;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.simulator.counters.CounterSnapshot;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.load.SeriesPoint;
import io.smsgate.simulator.scenario.AssertionEvaluator;
import io.smsgate.simulator.scenario.AssertionOutcome;
import io.smsgate.simulator.scenario.Scenario;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import io.smsgate.simulator.scenario.ScenarioYaml;
import io.smsgate.simulator.scenario.SystemUnderTest;
import io.smsgate.simulator.scenario.TimedEvent;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Scenario}: starts its simulated carriers, binds the load generator to the system under test,
 * applies the timed events on schedule, and evaluates the assertions over the load result and the carriers'
 * counters.
 */
public final class ScenarioRunner {
    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);

    /** Everything a scenario run produced. */
    public record Outcome(String scenario, LoadResult load, Map<String, CounterSnapshot> carriers,
            List<AssertionOutcome> assertions) {
        public Outcome {
            requireNonNull(scenario, "scenario");
            requireNonNull(load, "load");
            carriers = Map.copyOf(carriers);
            assertions = List.copyOf(assertions);
        }

        public boolean passed() {
            return AssertionEvaluator.failures(assertions).isEmpty();
        }
    }

    private ScenarioRunner() {
    }

    /**
     * How to compare ids when the system under test is one of the scenario's own simulated carriers: from that
     * carrier's message-id and receipt id-format (bases compared by value, so widths and leading zeros do not
     * matter). Empty when the system under test is an outside server, whose formats the scenario cannot know.
     */
    public static Optional<MessageIdCorrelation> correlationFor(Scenario scenario) {
        Optional<String> name = scenario.systemUnderTest().carrier();
        for (SimulatedCarrier carrier : scenario.carriers()) {
            if (name.isPresent() && carrier.name().equals(name.get())) {
                io.smsgate.simulator.behaviour.MessageIdFormat response = carrier.behaviour().messageId();
                io.smsgate.simulator.behaviour.MessageIdFormat receipt =
                        carrier.behaviour().receipts().idFormat().orElse(response);
                return Optional.of(new MessageIdCorrelation(byValue(response), byValue(receipt)));
            }
        }
        return Optional.empty();
    }

    private static io.smsgate.protocol.dlr.MessageIdFormat byValue(io.smsgate.simulator.behaviour.MessageIdFormat format) {
        return switch (format.base()) {
            case HEX -> io.smsgate.protocol.dlr.MessageIdFormat.HEX;
            case DECIMAL -> io.smsgate.protocol.dlr.MessageIdFormat.DECIMAL;
        };
    }

    /**
     * Runs the scenario to its end.
     *
     * @param correlation how submit_sm_resp and receipt ids of the system under test compare
     */
    public static Outcome run(Scenario scenario, MessageIdCorrelation correlation, Consumer<SeriesPoint> progress)
            throws LoadGenerator.BindFailedException, InterruptedException {
        SmscConfig smsc = scenario.carriers().isEmpty() ? null
                : new SmscConfig(scenario.carriers(), SmscConfig.DEFAULT_CONTROL_HOST, 0, CountersConfig.DEFAULTS);
        int cores = Runtime.getRuntime().availableProcessors();
        try (SimulatorHandle carriers = new SimulatorHandle(Optional.ofNullable(smsc)
                .map(config -> SmscSimulator.start(config, cores, Clock.systemUTC())))) {
            SystemUnderTest target = scenario.systemUnderTest();
            InetSocketAddress address = target.carrier()
                    .map(name -> carriers.simulator().flatMap(simulator -> simulator.carrier(name)).orElseThrow(
                            () -> new IllegalStateException("carrier " + name + " is not running")).address())
                    .orElseGet(() -> new InetSocketAddress(target.host(), target.port()));
            ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "scenario-events");
                thread.setDaemon(true);
                return thread;
            });
            try (LoadGenerator generator = LoadGenerator.connect(address, target, correlation, 1,
                    Math.max(1, Math.min(target.binds(), cores)))) {
                for (TimedEvent event : scenario.events()) {
                    events.schedule(() -> apply(carriers, event), event.at().toNanos(), TimeUnit.NANOSECONDS);
                }
                LoadResult load = generator.run(scenario.name(), scenario.phases(), scenario.receiptWait(), progress);
                Map<String, CounterSnapshot> counters = new LinkedHashMap<>();
                carriers.simulator().ifPresent(simulator -> simulator.carriers()
                        .forEach(carrier -> counters.put(carrier.name(), carrier.counters().snapshot())));
                List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(scenario.assertions(), load,
                        new ArrayList<>(counters.values()));
                return new Outcome(scenario.name(), load, counters, outcomes);
            } finally {
                events.shutdownNow();
            }
        }
    }

    private static void apply(SimulatorHandle carriers, TimedEvent event) {
        carriers.simulator().flatMap(simulator -> simulator.carrier(event.carrier())).ifPresent(carrier -> {
            carrier.control().patch(event.patch());
            log.info("scenario event at={} carrier={} description={}", ScenarioYaml.format(event.at()),
                    event.carrier(), event.description());
        });
    }

    /** The scenario's carriers, when it has any, closed with the run. */
    private record SimulatorHandle(Optional<SmscSimulator> simulator) implements AutoCloseable {
        @Override
        public void close() {
            simulator.ifPresent(SmscSimulator::close);
        }
    }
}
