package io.smsgate.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.MessageIdFormat;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = SimCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @ParameterizedTest(name = "sim {0} --help")
    @CsvSource({"smsc", "load", "scenario"})
    void everySubcommandExplainsEveryOption(String subcommand) {
        assertThat(run(subcommand, "--help")).isZero();
        CommandLine command = SimCommand.commandLine().getSubcommands().get(subcommand);
        for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
            assertThat(option.description()).as(option.longestName()).isNotEmpty();
            assertThat(out.toString()).contains(option.longestName());
        }
    }

    @Test
    void simAloneListsItsSubcommands() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("smsc", "load", "scenario");
    }

    @Test
    void smscWithoutOptionsIsOneCarrierOnLoopback2776() {
        SmscCommand smsc = new SmscCommand();
        new CommandLine(smsc).setCaseInsensitiveEnumValuesAllowed(true).parseArgs();
        SmscConfig config = smsc.config();
        assertThat(config.carriers()).hasSize(1);
        SimulatedCarrier carrier = config.carriers().get(0);
        assertThat(carrier.host()).isEqualTo("127.0.0.1");
        assertThat(carrier.port()).isEqualTo(2776);
        assertThat(carrier.accounts().get(0).systemId()).isEqualTo("smsgate");
        assertThat(carrier.accounts().get(0).password()).isEqualTo("secret");
        assertThat(carrier.behaviour().receipts().enabled()).isTrue();
        assertThat(config.controlHost()).isEqualTo("127.0.0.1");
        assertThat(config.controlPort()).isEqualTo(8776);
    }

    @Test
    void smscOptionsMapToTheCarrier() {
        SmscCommand smsc = new SmscCommand();
        new CommandLine(smsc).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--port", "3000",
                "--system-id", "acme", "--password", "pw", "--response-latency", "5ms", "--receipt-delay", "2s",
                "--message-id", "hex", "--message-id-width", "8", "--control-port", "0", "--no-receipts");
        SimulatedCarrier carrier = smsc.config().carriers().get(0);
        assertThat(carrier.port()).isEqualTo(3000);
        assertThat(carrier.accounts().get(0).systemId()).isEqualTo("acme");
        assertThat(carrier.behaviour().responseLatency()).isEqualTo(new LatencyModel.Fixed(Duration.ofMillis(5)));
        assertThat(carrier.behaviour().receipts().delay()).isEqualTo(new LatencyModel.Fixed(Duration.ofSeconds(2)));
        assertThat(carrier.behaviour().receipts().enabled()).isFalse();
        assertThat(carrier.behaviour().messageId()).isEqualTo(new MessageIdFormat(MessageIdFormat.Base.HEX, 8));
        assertThat(smsc.config().controlPort()).isZero();
    }

    @Test
    void aBadDurationIsAUsageErrorNamingTheOption() {
        assertThat(run("smsc", "--response-latency", "fast", "--port", "0", "--control-port", "0"))
                .isEqualTo(SimCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("response-latency: \"fast\"");
    }

    @Test
    void scenarioCheckValidatesAShippedFile() {
        assertThat(run("scenario", "--check", "../config/scenarios/carrier-outage-failover.yaml")).isZero();
        assertThat(out.toString()).contains("scenario carrier-outage-failover", "at 10s carrier-a: carrier A goes silent",
                "assert nothing-lost: true", "file is valid");
    }

    @Test
    void scenarioWithABadFileIsAUsageErrorNamingTheKey() {
        assertThat(run("scenario", "--check", "../config/examples/simulator-carriers.yaml"))
                .isEqualTo(SimCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("control: unknown key");
    }

    @Test
    void loadRejectsAnUnknownMixWeight() {
        assertThat(run("load", "--mix", "gsm8=5")).isEqualTo(SimCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("--mix: \"gsm8\"");
    }
}
