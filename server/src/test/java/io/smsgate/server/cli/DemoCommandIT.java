package io.smsgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandIT {

    @TempDir
    Path dir;

    @Test
    void runsALoadWithReceiptsThroughTheSimulatedCarriersAndWritesTheReport() {
        StringWriter out = new StringWriter();
        CommandLine smsgate = SmsgateCommand.commandLine().setOut(new PrintWriter(out));
        Path report = dir.resolve("demo.html");

        int exit = smsgate.execute("demo", "--once", "--port", "0", "--rate", "200", "--duration", "1s",
                "--report", report.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("system_id=smsgate password=secret")
                .containsPattern("lost \\(no final receipt\\)\\s+0")
                .containsPattern("doubled \\(>1 final receipt\\)\\s+0");
        assertThat(report).exists().content().contains("<svg");
    }
}
