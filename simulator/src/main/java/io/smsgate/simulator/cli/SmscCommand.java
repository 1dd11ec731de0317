package io.smsgate.simulator.cli;

import io.smsgate.simulator.MessageStoreConfig;
import io.smsgate.simulator.SmscConfig;
import io.smsgate.simulator.SmscSimulator;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.MessageIdFormat;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import io.smsgate.simulator.SimulatorTls;
import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.scenario.CarrierTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sim smsc}: runs one or more simulated carrier SMSCs until interrupted. */
@Command(name = "smsc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts simulated carrier SMSCs. Without options: one carrier on 127.0.0.1:2776 that accepts "
                + "system_id 'smsgate' with password 'secret', answers at once and sends a DELIVRD receipt for "
                + "every message that asks for one. Stop with Ctrl-C; the counters are printed on the way out.",
        footer = {"", "Example: sim smsc --config config/examples/simulator-carriers.yaml"})
public final class SmscCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML file with one or more carriers, the control API and counter sizes "
                    + "(see config/examples/simulator-carriers.yaml). The options below then do not apply.")
    Optional<Path> config;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "2776",
            description = "SMPP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--system-id", defaultValue = "smsgate",
            description = "system_id accepted in binds (default: ${DEFAULT-VALUE}).")
    String systemId;

    @Option(names = "--password", defaultValue = "secret",
            description = "Password accepted in binds (default: ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--response-latency", defaultValue = "0ms", paramLabel = "DURATION",
            description = "Fixed delay before each response, e.g. 5ms (default: ${DEFAULT-VALUE}).")
    String responseLatency;

    @Option(names = "--receipt-delay", defaultValue = "0ms", paramLabel = "DURATION",
            description = "Fixed delay before each delivery receipt, e.g. 2s (default: ${DEFAULT-VALUE}).")
    String receiptDelay;

    @Option(names = "--no-receipts", description = "Never send delivery receipts.")
    boolean noReceipts;

    @Option(names = "--message-id", defaultValue = "decimal", paramLabel = "decimal|hex",
            description = "Base of the message ids the carrier issues (default: ${DEFAULT-VALUE}).")
    MessageIdFormat.Base messageIdBase;

    @Option(names = "--message-id-width", defaultValue = "0", paramLabel = "N",
            description = "Left-pad message ids with zeros to N characters (default: ${DEFAULT-VALUE} = no padding).")
    int messageIdWidth;

    @Option(names = "--tls", description = "Speak SMPP over TLS (1.2 or 1.3) only, with a self-signed certificate "
            + "generated at start unless --tls-pkcs12 or --tls-certificate/--tls-key name one.")
    boolean tls;

    @Option(names = "--tls-pkcs12", paramLabel = "FILE", description = "PKCS#12 key store with the certificate and key (implies --tls).")
    Optional<Path> tlsPkcs12;

    @Option(names = "--tls-password", paramLabel = "PASSWORD", defaultValue = "",
            description = "Password of --tls-pkcs12 (default: empty).")
    String tlsPassword;

    @Option(names = "--tls-certificate", paramLabel = "FILE", description = "PEM certificate chain (implies --tls; with --tls-key).")
    Optional<Path> tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key of --tls-certificate.")
    Optional<Path> tlsKey;

    @Option(names = "--tls-export", paramLabel = "FILE",
            description = "Write the certificate each TLS carrier presents to FILE (PEM), for a client to trust: "
                    + "sim load --tls-trust FILE.")
    Optional<Path> tlsExport;

    @Option(names = "--control-port", defaultValue = "8776",
            description = "Port of the control HTTP API on --control-host (default: ${DEFAULT-VALUE}; 0 = off).")
    int controlPort;

    @Option(names = "--control-host", defaultValue = "127.0.0.1",
            description = "Address of the control HTTP API (default: ${DEFAULT-VALUE}; keep it local).")
    String controlHost;

    @Option(names = "--duplicate-capacity", defaultValue = "1048576", paramLabel = "SLOTS",
            description = "Duplicate-detection slots per 5-minute window, a power of two (8 bytes each, two windows "
                    + "live); three quarters of them remember messages, later ones count as duplicate checks skipped "
                    + "(default: ${DEFAULT-VALUE}).")
    int duplicateCapacity;

    @Option(names = "--store-max-messages", defaultValue = "1048576", paramLabel = "N",
            description = "Messages the carrier remembers for query_sm, cancel_sm and replace_sm, a power of two "
                    + "(24 bytes each); the oldest is forgotten first (default: ${DEFAULT-VALUE}).")
    int storeMaxMessages;

    @Option(names = "--store-retention", defaultValue = "10m", paramLabel = "DURATION",
            description = "How long after its submit a message stays findable by query_sm (default: ${DEFAULT-VALUE}).")
    String storeRetention;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of every random draw, for repeatable runs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        SmscConfig smscConfig;
        try {
            smscConfig = config();
        } catch (IllegalArgumentException e) {
            err.println("sim smsc: " + e.getMessage());
            return SimCommand.EXIT_USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SmscSimulator started;
        try {
            started = SmscSimulator.start(smscConfig);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // A port in use, an unreadable certificate: say which, without a stack trace.
            err.println("sim smsc: " + e.getMessage());
            return SimCommand.EXIT_UNAVAILABLE;
        }
        try (SmscSimulator simulator = started) {
            PrintWriter out = spec.commandLine().getOut();
            for (SmscSimulator.Carrier carrier : simulator.carriers()) {
                out.println("carrier " + carrier.name() + " listening on " + carrier.address().getHostString() + ":"
                        + carrier.address().getPort());
            }
            exportCertificates(simulator);
            simulator.controlAddress().ifPresent(address -> out.println("control API on http://"
                    + address.getHostString() + ":" + address.getPort() + "/carriers"));
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                simulator.carriers().forEach(carrier -> out.println(carrier.name() + " " + carrier.counters().snapshot()));
                out.flush();
                stopped.countDown();
            }, "sim-smsc-shutdown"));
            stopped.await();
        }
        return 0;
    }

    private void exportCertificates(SmscSimulator simulator) {
        if (tlsExport.isEmpty()) {
            return;
        }
        StringBuilder pem = new StringBuilder();
        for (SmscSimulator.Carrier carrier : simulator.carriers()) {
            carrier.certificate().ifPresent(certificate -> pem.append(SimulatorTls.pem(certificate)));
        }
        try {
            Files.writeString(tlsExport.get(), pem);
        } catch (IOException e) {
            throw new UncheckedIOException("--tls-export: cannot write " + tlsExport.get(), e);
        }
    }

    /** The TLS settings these options describe, when any. */
    Optional<CarrierTls> carrierTls() {
        if (tlsPkcs12.isPresent() && (tlsCertificate.isPresent() || tlsKey.isPresent())) {
            throw new ConfigException("--tls-pkcs12: expected either it or --tls-certificate with --tls-key, not both");
        }
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new ConfigException("--tls-certificate and --tls-key: expected both or neither");
        }
        if (tlsPkcs12.isPresent()) {
            return Optional.of(new CarrierTls.Pkcs12(tlsPkcs12.get(), tlsPassword));
        }
        if (tlsCertificate.isPresent()) {
            return Optional.of(new CarrierTls.Pem(tlsCertificate.get(), tlsKey.get()));
        }
        return tls ? Optional.of(new CarrierTls.SelfSigned()) : Optional.empty();
    }

    /** The configuration these options describe. */
    SmscConfig config() {
        if (config.isPresent()) {
            return SmscConfig.read(config.get());
        }
        io.smsgate.simulator.config.ConfigNode latencies = io.smsgate.simulator.config.ConfigNode.parse(
                "response-latency: \"" + responseLatency + "\"\nreceipt-delay: \"" + receiptDelay
                        + "\"\nstore-retention: \"" + storeRetention + "\"", "");
        Duration response = latencies.get("response-latency").asDuration();
        Duration receipt = latencies.get("receipt-delay").asDuration();
        ReceiptBehaviour receipts = ReceiptBehaviour.DEFAULTS;
        receipts = new ReceiptBehaviour(!noReceipts, new LatencyModel.Fixed(receipt), receipts.statusMix(),
                receipts.enroute(), receipts.encoding(), receipts.idFormat(), receipts.dateFormat(),
                receipts.onDifferentBind(), receipts.beforeResponse(), receipts.duplicate(), receipts.unknownId());
        CarrierBehaviour defaults = CarrierBehaviour.DEFAULTS;
        CarrierBehaviour behaviour = new CarrierBehaviour(new LatencyModel.Fixed(response),
                new MessageIdFormat(messageIdBase, messageIdWidth), defaults.throttle(), defaults.windowLimit(),
                defaults.congestionState(), defaults.errors(), receipts, defaults.mo(), defaults.faults());
        SimulatedCarrier carrier = new SimulatedCarrier("carrier", host, port,
                List.of(new Account(systemId, password)), seed, behaviour, carrierTls());
        CountersConfig counters = new CountersConfig(CountersConfig.DEFAULTS.duplicateWindow(), duplicateCapacity,
                CountersConfig.DEFAULTS.maxTrackedDestinations());
        MessageStoreConfig store = new MessageStoreConfig(storeMaxMessages,
                latencies.get("store-retention").asDuration());
        return new SmscConfig(List.of(carrier), controlHost, controlPort, counters, store);
    }
}
