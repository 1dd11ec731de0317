package io.smsgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandIT {

    @TempDir
    Path dir;

    @Test
    void runsALoadThroughSmsgateToTheSimulatedCarriersAndEveryMessageGetsExactlyOneReceipt() {
        StringWriter out = new StringWriter();
        CommandLine smsgate = SmsgateCommand.commandLine().setOut(new PrintWriter(out));
        Path report = dir.resolve("demo.html");

        int exit = smsgate.execute("demo", "--once", "--port", "0", "--carrier-port", "0", "--admin-port", "0", "--api-port", "0",
                "--data", dir.resolve("data").toString(), "--rate", "200", "--duration", "1s",
                "--report", report.toString());

        String printed = out.toString();
        assertThat(exit).as("exit code; the demo printed:%n%s", printed).isZero();
        assertThat(printed)
                .containsPattern("SMPP\\s+127\\.0\\.0\\.1:\\d+\\s+system_id=demo password=demo1234")
                .containsPattern("http://127\\.0\\.0\\.1:\\d+/metrics")
                .containsPattern("\\./smsgate sim load --port \\d+ --system-id demo --password demo1234")
                .containsPattern("lost \\(no final receipt\\)\\s+0\\s")
                .containsPattern("doubled \\(>1 final receipt\\)\\s+0\\s")
                .containsPattern("receipts for unknown ids\\s+0\\s");
        Matcher matched = Pattern.compile("receipts matched\\s+(\\d+)").matcher(printed);
        assertThat(matched.find()).as("receipts matched line in%n%s", printed).isTrue();
        assertThat(Long.parseLong(matched.group(1))).isGreaterThan(0);
        assertThat(report).exists().content().contains("<svg");
    }
}
