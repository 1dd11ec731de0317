package io.smsgate.server.api;

import com.sun.management.OperatingSystemMXBean;
import io.smsgate.server.SmsgateServer;
import io.smsgate.server.carrier.BindConfig;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.config.NodeConfig;
import io.smsgate.server.config.SmppSection;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.gateway.Gateway;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The HTTP send API load benchmark; not a test, run by hand in two processes (see the api report):
 * <ul>
 *   <li>{@code serve [port]}: smsgate with the embedded PostgreSQL at its durable defaults (fsync and
 *       synchronous_commit on) in a temporary directory, one simulated carrier without receipts, the API on
 *       127.0.0.1 with rate limits out of the way; prints the URL and an API key, runs until killed.</li>
 *   <li>{@code drive <url> <key> <connections> <seconds> [rate]}: keep-alive connections POSTing
 *       /v1/messages ({@link LoadDriver}); without a rate each connection sends its next request when the previous
 *       is answered (the most the server takes); with a rate, requests start on a fixed schedule (open loop) and
 *       latency counts from the scheduled time, so a stall is not hidden (no coordinated omission). It prints its own
 *       CPU time, since it runs on the server's cores.</li>
 * </ul>
 */
final class ApiLoad {

    private static final PrintStream OUT = System.out;
    private static final String BODY = "{\"to\": \"+447700900123\", \"from\": \"ACME\", "
            + "\"text\": \"Your code is 123456. It expires in 10 minutes.\"}";
    private static final String PREVIEW_BODY = "{\"to\": \"+447700900123\", "
            + "\"text\": \"Your code is 123456. It expires in 10 minutes.\"}";

    private ApiLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(args.length > 1 ? Integer.parseInt(args[1]) : 8080);
        } else if (args.length >= 5 && args[0].equals("drive")) {
            drive(URI.create(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 0);
        } else {
            OUT.println("usage: ApiLoad serve [port] | drive <url> <key> <connections> <seconds> [rate]");
        }
    }

    private static void serve(int port) throws Exception {
        CarrierBehaviour c = CarrierBehaviour.DEFAULTS;
        ReceiptBehaviour r = ReceiptBehaviour.DEFAULTS;
        ReceiptBehaviour noReceipts = new ReceiptBehaviour(false, r.delay(), r.statusMix(), r.enroute(),
                r.encoding(), r.idFormat(), r.dateFormat(), r.onDifferentBind(), r.beforeResponse(), r.duplicate(),
                r.unknownId());
        CarrierBehaviour behaviour = new CarrierBehaviour(LatencyModel.ZERO, c.messageId(), c.throttle(),
                c.windowLimit(), c.congestionState(), c.errors(), noReceipts, c.mo(), c.faults());
        SmscSimulator simulator = SmscSimulator.start(new SmscConfig(List.of(new SimulatedCarrier("sim", "127.0.0.1",
                0, List.of(new Account("smsgate", "secret")), 1, behaviour)), "127.0.0.1", 0,
                CountersConfig.DEFAULTS), 1, Clock.systemUTC());
        int carrierPort = simulator.carrier("sim").orElseThrow().address().getPort();
        BindConfig bind = BindConfig.DEFAULTS.withWindow(500).withTps(100_000);
        CarrierConfig carrier = CarrierConfig.of("sim", "127.0.0.1", carrierPort, "smsgate", "secret")
                .withBinds(List.of(bind, bind));
        Gateway gateway = new Gateway(List.of(carrier), Map.of("", List.of("sim")), DispatchConfig.DEFAULTS);
        Path data = Files.createTempDirectory("smsgate-api-load");
        SmsgateConfig config = SmsgateConfig.DEFAULTS
                .withNode(new NodeConfig(1, data, Duration.ofSeconds(10)))
                .withAdmin(SmsgateConfig.DEFAULTS.admin().withAddress("127.0.0.1", 0))
                .withApi(SmsgateConfig.DEFAULTS.api().withAddress("127.0.0.1", port).withRates(1_000_000, 1_000_000))
                .withSmpp(SmppSection.DEFAULTS.withAddress("127.0.0.1", 0).withAccounts(List.of(
                        AccountConfig.of("bench", "secret1", List.of("127.0.0.0/8")))));
        SmsgateServer server = SmsgateServer.start(config, gateway.components());
        String key = gateway.apiKeys().orElseThrow().create("bench", "load").token();
        OUT.println("url=http://127.0.0.1:" + gateway.apiAddress().orElseThrow().getPort() + " key=" + key
                + " data=" + data + " metrics=http://127.0.0.1:" + server.adminPort() + "/metrics");
        OUT.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            simulator.close();
            SharedTestDatabase.deleteRecursively(data); // a run leaves 1-2 GB of WAL and tables
        }));
        new CountDownLatch(1).await();
    }

    private static void drive(URI url, String key, int connections, int seconds, int rate) throws Exception {
        // -Dapi.load.path=/v1/messages/preview measures the HTTP layer without the store; -Dapi.load.depth=N
        // pipelines N requests per connection.
        String path = System.getProperty("api.load.path", "/v1/messages");
        int depth = Integer.getInteger("api.load.depth", 1);
        LoadDriver driver = new LoadDriver(url, path, key, path.endsWith("/preview") ? PREVIEW_BODY : BODY, depth);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        // -Dapi.load.warmup=N: seconds at the start not measured; the driver's own JIT compiles in them.
        int warmup = Integer.getInteger("api.load.warmup", Math.min(5, seconds / 4));
        LoadDriver.Result result = driver.run(connections, TimeUnit.SECONDS.toNanos(warmup),
                TimeUnit.SECONDS.toNanos(seconds), rate);
        long cpu = os.getProcessCpuTime() - cpuBefore;
        Histogram latency = result.latency();
        OUT.printf("path=%s depth=%d ", path, depth);
        OUT.printf("connections=%d rate=%s seconds=%d measured=%d throughput=%.0f/s failures=%d statuses=%s%n",
                connections, rate == 0 ? "max" : Integer.toString(rate), seconds, result.measured(),
                result.measured() / (double) seconds, result.failures(), result.statuses());
        OUT.printf("latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getValueAtPercentile(99.9) / 1e6,
                latency.getMaxValue() / 1e6);
        OUT.println("slow seconds (over 20 ms, UTC): " + result.slowSeconds());
        // The driver's own CPU over warm-up and run (it shares the machine with the server).
        OUT.printf("driver cpu: %.2f s, %.1f us per measured request%n", cpu / 1e9,
                result.measured() == 0 ? 0.0 : cpu / 1e3 / result.measured());
    }
}
