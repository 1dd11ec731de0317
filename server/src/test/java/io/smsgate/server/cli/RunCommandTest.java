package io.smsgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new SmsgateCommand());
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aBadConfigurationFailsStartNamingTheKey(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("smsgate.yaml"), "store:\n  journal:\n    max-batch-rows: 0\n");
        assertThat(run("run", "--config", file.toString())).isEqualTo(RunCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("smsgate: configuration refused: " + file
                + ": store.journal.max-batch-rows: 0 (expected: 1..10000)");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path directory) {
        Path file = directory.resolve("absent.yaml");
        assertThat(run("run", "--config", file.toString())).isEqualTo(RunCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains(file + ": no such file");
    }

    @Test
    void runIsASubcommand() {
        assertThat(new CommandLine(new SmsgateCommand()).getSubcommands()).containsKey("run");
    }
}
