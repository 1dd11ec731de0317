package io.smsgate.server.cli;

import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.cli.SimCommand;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smsgate demo}: runs what exists of the system on this machine with embedded defaults. Until the gateway's
 * upstream listener is wired in, that is two simulated carriers and a measured load straight into one of them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the system on this machine with its embedded defaults: two simulated carriers on "
                + "127.0.0.1:2776 and :2777, a short load with receipts into the first one (summary on stdout, "
                + "HTML report on disk), then the carriers stay up for you until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

    private static final String SYSTEM_ID = "smsgate";
    private static final String PASSWORD = "secret";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "2776",
            description = "Port of the first simulated carrier; the second listens on the next one "
                    + "(default: ${DEFAULT-VALUE}; 0 = any free ports).")
    int port;

    @Option(names = "--rate", defaultValue = "1000", description = "Messages per second of the load (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "10s", description = "How long the load runs (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--report", defaultValue = ".smsgate/demo-report.html",
            description = "Where the HTML report goes (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--once", description = "Exit after the load instead of keeping the carriers up.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (SmscSimulator carriers = SmscSimulator.start(carriers())) {
            out.println("smsgate demo");
            out.println();
            for (SmscSimulator.Carrier carrier : carriers.carriers()) {
                out.printf("  simulated carrier %s on %s:%d  system_id=%s password=%s%n", carrier.name(),
                        carrier.address().getHostString(), carrier.address().getPort(), SYSTEM_ID, PASSWORD);
            }
            int loadPort = carriers.carriers().get(0).address().getPort();
            out.printf("%n  load: %d msg/s for %s with receipts into carrier-a (sim load)...%n%n", rate, duration);
            out.flush();
            Files.createDirectories(report.toAbsolutePath().getParent());
            int exit = SimCommand.commandLine()
                    .setOut(out)
                    .setErr(spec.commandLine().getErr())
                    .execute("load", "--port", Integer.toString(loadPort), "--system-id", SYSTEM_ID,
                            "--password", PASSWORD, "--binds", "2", "--window", "100", "--rate", Integer.toString(rate),
                            "--mix", "gsm7=80,ucs2=10,multipart=10",
                            "--duration", duration, "--html", report.toString());
            out.printf("%n  HTML report: %s%n", report.toAbsolutePath());
            if (once) {
                return exit;
            }
            out.printf("%n  The carriers keep running. Try another load against them:%n"
                    + "    ./smsgate sim load --port %d --system-id %s --password %s --rate 5000 --duration 30s%n"
                    + "  Not here yet: the gateway's own SMPP listener (2775), the store and the HTTP API; see "
                    + "README.md.%n  Ctrl-C stops.%n", loadPort, SYSTEM_ID, PASSWORD);
            out.flush();
            awaitShutdown();
            return exit;
        }
    }

    private SmscConfig carriers() {
        CarrierBehaviour behaviour = new CarrierBehaviour(LatencyModel.ZERO, CarrierBehaviour.DEFAULTS.messageId(),
                CarrierBehaviour.DEFAULTS.throttle(), CarrierBehaviour.DEFAULTS.windowLimit(),
                CarrierBehaviour.DEFAULTS.congestionState(), CarrierBehaviour.DEFAULTS.errors(),
                receiptsAfter(Duration.ofMillis(200)), CarrierBehaviour.DEFAULTS.mo(), CarrierBehaviour.DEFAULTS.faults());
        List<Account> accounts = List.of(new Account(SYSTEM_ID, PASSWORD));
        int second = port == 0 ? 0 : port + 1;
        return new SmscConfig(List.of(
                new SimulatedCarrier("carrier-a", "127.0.0.1", port, accounts, 1, behaviour),
                new SimulatedCarrier("carrier-b", "127.0.0.1", second, accounts, 2, behaviour)),
                SmscConfig.DEFAULT_CONTROL_HOST, 0, CountersConfig.DEFAULTS);
    }

    private static ReceiptBehaviour receiptsAfter(Duration delay) {
        ReceiptBehaviour d = ReceiptBehaviour.DEFAULTS;
        return new ReceiptBehaviour(true, new LatencyModel.Fixed(delay), d.statusMix(), d.enroute(), d.encoding(),
                d.idFormat(), d.dateFormat(), d.onDifferentBind(), d.beforeResponse(), d.duplicate(), d.unknownId());
    }

    private static void awaitShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "smsgate-demo-shutdown"));
        stopped.await();
    }
}
