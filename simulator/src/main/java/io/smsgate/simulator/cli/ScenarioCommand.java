package io.smsgate.simulator.cli;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.simulator.LoadGenerator;
import io.smsgate.simulator.ScenarioRunner;
import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.report.HtmlReport;
import io.smsgate.simulator.report.JsonReport;
import io.smsgate.simulator.report.SummaryTable;
import io.smsgate.simulator.scenario.AssertionEvaluator;
import io.smsgate.simulator.scenario.AssertionOutcome;
import io.smsgate.simulator.scenario.LoadPhase;
import io.smsgate.simulator.scenario.Scenario;
import io.smsgate.simulator.scenario.ScenarioAssertion;
import io.smsgate.simulator.scenario.ScenarioYaml;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import io.smsgate.simulator.scenario.TimedEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sim scenario FILE}: reads, checks and runs a scripted scenario; exits 1 naming a failed assertion. */
@Command(name = "scenario", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a scenario file: starts its simulated carriers, loads the system under test through its "
                + "phases, applies its timed events (carrier A silent at 10 s, …), then checks its assertions "
                + "(nothing lost, duplicates at most N, p99 at most X ms, all receipts within T). Exits 0 when "
                + "every assertion holds, 1 naming each failed one, 2 for a bad file. See config/scenarios/ for "
                + "examples.",
        footer = {"", "Example: sim scenario config/scenarios/steady-load.yaml --html steady.html"})
public final class ScenarioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario YAML file.")
    Path file;

    @Option(names = "--check",
            description = "Only read and check the file (every key, every event's patch); send nothing.")
    boolean check;

    @Option(names = "--dlr-id-bases", paramLabel = "0|1|2",
            description = "How the system under test prints ids: 0 the same in submit_sm_resp and receipts, 1 hex in "
                    + "submit_sm_resp and decimal in receipts, 2 the reverse (Jasmin's dlr_msg_id_bases). Default: "
                    + "taken from the carrier's message-id and receipts.id-format when the system under test is one "
                    + "of the scenario's carriers, else 0.")
    Optional<Integer> dlrIdBases;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Write the result and the assertion verdicts as JSON to FILE.")
    Optional<Path> json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report to FILE.")
    Optional<Path> html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        try {
            scenario = ScenarioYaml.read(file);
        } catch (ConfigException e) {
            err.println("sim scenario: " + e.getMessage());
            return SimCommand.EXIT_USAGE;
        }
        describe(scenario, out);
        if (check) {
            out.println("scenario " + scenario.name() + ": file is valid");
            return 0;
        }
        ScenarioRunner.Outcome outcome;
        try {
            MessageIdCorrelation correlation = dlrIdBases.map(MessageIdCorrelation::jasminDlrMsgIdBases)
                    .or(() -> ScenarioRunner.correlationFor(scenario)).orElse(MessageIdCorrelation.AS_IS);
            outcome = ScenarioRunner.run(scenario, correlation,
                    point -> Progress.print(err, point));
        } catch (LoadGenerator.BindFailedException e) {
            err.println("sim scenario: " + e.getMessage());
            return SimCommand.EXIT_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sim scenario: interrupted");
            return SimCommand.EXIT_UNAVAILABLE;
        }
        out.println();
        out.print(SummaryTable.render(outcome.load()));
        out.println();
        for (AssertionOutcome assertion : outcome.assertions()) {
            out.println(assertion);
        }
        json.ifPresent(file -> JsonReport.write(file, outcome));
        html.ifPresent(file -> HtmlReport.write(file, outcome.load()));
        out.flush();
        if (!outcome.passed()) {
            for (AssertionOutcome failed : AssertionEvaluator.failures(outcome.assertions())) {
                err.println("sim scenario: " + scenario.name() + ": assertion failed: " + failed.assertion()
                        + " (measured: " + failed.measured() + ")");
            }
            return SimCommand.EXIT_ASSERTION_FAILED;
        }
        return 0;
    }

    static void describe(Scenario scenario, PrintWriter out) {
        out.println("scenario " + scenario.name() + (scenario.description().isEmpty() ? "" : ": " + scenario.description()));
        for (SimulatedCarrier carrier : scenario.carriers()) {
            out.println("  carrier " + carrier.name() + " on " + carrier.host() + ":" + carrier.port());
        }
        out.println("  system under test " + scenario.systemUnderTest());
        for (LoadPhase phase : scenario.phases()) {
            out.println("  phase " + phase.name() + ": " + ScenarioYaml.format(phase.duration()) + " at "
                    + (phase.closedLoop() ? "the windows' pace" : phase.rate() + " msg/s"));
        }
        for (TimedEvent event : scenario.events()) {
            out.println("  at " + ScenarioYaml.format(event.at()) + " " + event.carrier() + ": " + event.description());
        }
        for (ScenarioAssertion assertion : scenario.assertions()) {
            out.println("  assert " + assertion.key());
        }
        out.flush();
    }
}
