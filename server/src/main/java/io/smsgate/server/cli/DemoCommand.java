package io.smsgate.server.cli;

import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.server.SmsgateServer;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.gateway.Gateway;
import io.smsgate.server.upstream.AccountConfig;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smsgate demo}: the whole gateway on this machine. An embedded PostgreSQL under {@code --data}, two
 * simulated carriers in this process, a demo account, and smsgate's own SMPP listener routing to both carriers;
 * it prints how to bind and send load, and with {@code --once} runs a short load through smsgate itself.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run smsgate on this machine with embedded defaults: an embedded PostgreSQL, two simulated "
                + "carriers, a demo account and the SMPP listener on 127.0.0.1:2775; metrics on "
                + "http://127.0.0.1:8081/metrics. Stays up until Ctrl-C (or, with --once, runs a short load "
                + "through smsgate and exits).")
final class DemoCommand implements Callable<Integer> {

    private static final String SYSTEM_ID = "demo";
    private static final String PASSWORD = "demo1234";
    private static final String CARRIER_SYSTEM_ID = "smsgate";
    private static final String CARRIER_PASSWORD = "secret";
    private static final long IDS_PER_MILLISECOND = 1_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "2775",
            description = "smsgate's SMPP port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--carrier-port", defaultValue = "2776",
            description = "Port of the first simulated carrier; the second listens on the next one "
                    + "(default: ${DEFAULT-VALUE}; 0 = any free ports).")
    int carrierPort;

    @Option(names = "--admin-port", defaultValue = "8081",
            description = "Metrics and health port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int adminPort;

    @Option(names = "--data", defaultValue = ".smsgate/demo-data",
            description = "Where the embedded PostgreSQL keeps its files (default: ${DEFAULT-VALUE}).")
    Path data;

    // 200/s: the receipt path back to the client lags far behind at 1,000/s today (issue #4's throughput work).
    @Option(names = "--rate", defaultValue = "200", description = "Messages per second of the --once load "
            + "(default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "10s", description = "How long the --once load runs "
            + "(default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--report", defaultValue = ".smsgate/demo-report.html",
            description = "Where the --once load's HTML report goes (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--once", description = "Run a short load through smsgate, print its summary and exit.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(data);
        try (SmscSimulator carriers = SmscSimulator.start(carriers(), Runtime.getRuntime().availableProcessors(),
                Clock.systemUTC(), firstCarrierMessageId(Instant.now()))) {
            List<CarrierConfig> carrierConfigs = new ArrayList<>();
            for (SmscSimulator.Carrier carrier : carriers.carriers()) {
                carrierConfigs.add(CarrierConfig.of(carrier.name(), "127.0.0.1", carrier.address().getPort(),
                        CARRIER_SYSTEM_ID, CARRIER_PASSWORD).withBinds(List.of(
                        BindConfig.DEFAULTS.withWindow(200).withTps(20_000),
                        BindConfig.DEFAULTS.withWindow(200).withTps(20_000))));
            }
            // Everything goes to carrier-a first and fails over to carrier-b; +33 prefers carrier-b.
            Map<String, List<String>> routes = new LinkedHashMap<>();
            routes.put("", List.of("carrier-a", "carrier-b"));
            routes.put("33", List.of("carrier-b", "carrier-a"));
            Gateway gateway = new Gateway(carrierConfigs, routes, DispatchConfig.DEFAULTS);
            AccountConfig account = new AccountConfig(SYSTEM_ID, PASSWORD, Set.of(BindType.values()), 8,
                    List.of("127.0.0.0/8", "::1/128"), 50_000, 100, "SMPP34");
            SmsgateConfig config = SmsgateConfig.DEFAULTS
                    .withNode(SmsgateConfig.DEFAULTS.node().withDataPath(data))
                    .withAdmin(SmsgateConfig.DEFAULTS.admin().withAddress("127.0.0.1", adminPort))
                    .withSmpp(SmppSection.DEFAULTS.withAddress("127.0.0.1", port).withAccounts(List.of(account)));
            try (SmsgateServer server = SmsgateServer.start(config, gateway.components())) {
                int smppPort = gateway.smppAddress().orElseThrow().getPort();
                out.println("smsgate demo");
                out.println();
                out.printf("  SMPP        127.0.0.1:%d  system_id=%s password=%s%n", smppPort, SYSTEM_ID, PASSWORD);
                out.printf("  metrics     http://127.0.0.1:%d/metrics   health: /health/ready%n", server.adminPort());
                out.printf("  database    embedded PostgreSQL in %s%n", data.toAbsolutePath());
                for (SmscSimulator.Carrier carrier : carriers.carriers()) {
                    out.printf("  carrier     %s (simulated) on %s:%d%n", carrier.name(),
                            carrier.address().getHostString(), carrier.address().getPort());
                }
                out.printf("  routes      %s%n%n", routes);
                out.printf("  Send load through smsgate with the load generator:%n"
                        + "    ./smsgate sim load --port %d --system-id %s --password %s --rate 200 --duration 10s%n%n",
                        smppPort, SYSTEM_ID, PASSWORD);
                out.flush();
                if (once) {
                    return load(out, smppPort);
                }
                out.println("  Ctrl-C stops.");
                out.flush();
                awaitShutdown();
                return 0;
            }
        }
    }

    private int load(PrintWriter out, int smppPort) throws Exception {
        out.printf("  load: %d msg/s for %s with receipts through smsgate...%n%n", rate, duration);
        out.flush();
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        int exit = SimCommand.commandLine()
                .setOut(out)
                .setErr(spec.commandLine().getErr())
                .execute("load", "--port", Integer.toString(smppPort), "--system-id", SYSTEM_ID,
                        "--password", PASSWORD, "--binds", "2", "--window", "100", "--rate", Integer.toString(rate),
                        "--mix", "gsm7=80,ucs2=10,multipart=10",
                        "--duration", duration, "--receipt-wait", "60s", "--html", report.toString());
        out.printf("%n  HTML report: %s%n", report.toAbsolutePath());
        out.flush();
        return exit;
    }

    /**
     * The first message id the simulated carriers issue in a run started at {@code start}: the data directory keeps
     * the previous runs' carrier references, so ids restarting at 1 would match their old receipts. Counting from
     * the start time in milliseconds times 1,000 never repeats an id as long as a run issues fewer than 1,000 ids
     * per millisecond on average (1,000,000 messages per second), far above what this machine carries.
     */
    static long firstCarrierMessageId(Instant start) {
        return Math.multiplyExact(start.toEpochMilli(), IDS_PER_MILLISECOND);
    }

    private SmscConfig carriers() {
        CarrierBehaviour behaviour = new CarrierBehaviour(LatencyModel.ZERO, CarrierBehaviour.DEFAULTS.messageId(),
                CarrierBehaviour.DEFAULTS.throttle(), CarrierBehaviour.DEFAULTS.windowLimit(),
                CarrierBehaviour.DEFAULTS.congestionState(), CarrierBehaviour.DEFAULTS.errors(),
                receiptsAfter(Duration.ofMillis(200)), CarrierBehaviour.DEFAULTS.mo(), CarrierBehaviour.DEFAULTS.faults());
        List<Account> accounts = List.of(new Account(CARRIER_SYSTEM_ID, CARRIER_PASSWORD));
        int second = carrierPort == 0 ? 0 : carrierPort + 1;
        return new SmscConfig(List.of(
                new SimulatedCarrier("carrier-a", "127.0.0.1", carrierPort, accounts, 1, behaviour),
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
