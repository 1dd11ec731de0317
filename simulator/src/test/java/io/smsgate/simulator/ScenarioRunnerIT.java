package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.simulator.cli.SimCommand;
import io.smsgate.simulator.config.ConfigNode;
import io.smsgate.simulator.scenario.AssertionOutcome;
import io.smsgate.simulator.scenario.Scenario;
import io.smsgate.simulator.scenario.ScenarioYaml;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Whole scenarios, carriers and load generator in one process, with a timed event and assertions. */
@Timeout(120)
class ScenarioRunnerIT {
    private static final String SCENARIO = """
            name: errors-from-one-second
            carriers:
              - name: carrier-a
                port: 0
                accounts: [{system-id: load, password: secret}]
                behaviour:
                  response-latency: 1ms
                  receipts: {delay: {distribution: uniform, min: 5ms, max: 50ms}}
            system-under-test: {carrier: carrier-a, system-id: load, password: secret, binds: 2, window: 10}
            phases:
              - {name: steady, duration: 2s, rate: 200}
            events:
              - at: 1s
                carrier: carrier-a
                description: carrier starts rejecting a quarter of the submits
                behaviour: {errors: [{fraction: 0.25, status: ESME_RSUBMITFAIL}]}
            receipt-wait: 10s
            assertions:
              - nothing-lost: true
              - duplicates-at-most: 0
              - p99-submit-response-at-most: 1s
              - accepted-at-least: 0.95
            """;

    @Test
    void runsTheEventOnScheduleAndNamesTheAssertionItBreaks() throws Exception {
        Scenario scenario = ScenarioYaml.parse(ConfigNode.parse(SCENARIO, ""));
        ScenarioRunner.Outcome outcome = ScenarioRunner.run(scenario, MessageIdCorrelation.AS_IS, point -> { });

        assertThat(outcome.load().statusCounts()).containsKey("0x00000045 ESME_RSUBMITFAIL");
        // Errors only after 1 s: about an eighth of all submits, never in the first second.
        long rejected = outcome.load().rejected();
        assertThat(rejected).isBetween(outcome.load().submitted() / 16, outcome.load().submitted() / 4);
        // The event clock starts a few milliseconds before the load clock, so the first one-second interval may
        // just catch the first rejections; the second is full of them.
        assertThat(outcome.load().series().get(0).rejected()).isLessThan(outcome.load().series().get(1).rejected() / 4);
        assertThat(outcome.carriers().get("carrier-a").messagesReceived()).isEqualTo(outcome.load().accepted());
        assertThat(outcome.assertions()).extracting(AssertionOutcome::passed).containsExactly(true, true, true, false);
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void theCommandExitsOneNamingTheFailedAssertionAndWritesItsReports(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("errors.yaml");
        Files.writeString(file, SCENARIO);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = SimCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute("scenario", file.toString(), "--json", directory.resolve("r.json").toString(),
                "--html", directory.resolve("r.html").toString());
        assertThat(exit).isEqualTo(SimCommand.EXIT_ASSERTION_FAILED);
        assertThat(err.toString()).contains("assertion failed: accepted-at-least: 0.95");
        assertThat(out.toString()).contains("PASS nothing-lost: true", "FAIL accepted-at-least: 0.95");
        assertThat(Files.readString(directory.resolve("r.json"))).contains("\"assertions\"", "\"carrier-a\"");
        assertThat(Files.readString(directory.resolve("r.html"))).contains("<svg");
    }
}
