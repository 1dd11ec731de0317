package io.smsgate.simulator.cli;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.smsgate.simulator.LoadGenerator;
import io.smsgate.simulator.SimulatorTls;
import io.smsgate.simulator.config.ConfigException;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.report.HtmlReport;
import io.smsgate.simulator.report.JsonReport;
import io.smsgate.simulator.report.SummaryTable;
import java.net.InetSocketAddress;
import io.smsgate.simulator.config.ConfigNode;
import io.smsgate.simulator.scenario.LoadPhase;
import io.smsgate.simulator.scenario.MessageMix;
import io.smsgate.simulator.scenario.SystemUnderTest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sim load}: an ESME that loads any SMPP server and reports honest latency percentiles. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Binds to an SMPP server and sends submit_sm at a target rate on an open-loop schedule (latency "
                + "is measured from each message's intended send time, so a stalled server cannot hide its stall),"
                + " or, with --rate 0, as fast as the windows allow. Matches every accepted message to exactly one"
                + " final receipt and reports the lost and the doubled. Exits 1 when a message was lost or "
                + "doubled.",
        footer = {"", "Example: sim load --port 2776 --binds 4 --window 100 --rate 20000 --duration 60s --html report.html"})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "SMPP server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "2775",
            description = "SMPP server port (default: ${DEFAULT-VALUE}, smsgate's).")
    int port;

    @Option(names = "--system-id", defaultValue = "smsgate",
            description = "system_id to bind with (default: ${DEFAULT-VALUE}).")
    String systemId;

    @Option(names = "--password", defaultValue = "secret",
            description = "Password to bind with (default: ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--bind-type", defaultValue = "transceiver", paramLabel = "transmitter|receiver|transceiver",
            description = "Bind type; receipts need a receiver or transceiver bind (default: ${DEFAULT-VALUE}).")
    SystemUnderTest.BindType bindType;

    @Option(names = "--binds", defaultValue = "1", description = "Binds to open (default: ${DEFAULT-VALUE}).")
    int binds;

    @Option(names = "--window", defaultValue = "10",
            description = "Requests outstanding per bind (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--rate", defaultValue = "100",
            description = "Messages per second over all binds; 0 = as fast as the windows allow (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "10s", paramLabel = "DURATION",
            description = "How long to send, e.g. 30s or 5m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warm-up", defaultValue = "0s", paramLabel = "DURATION",
            description = "Send this long first, at the same rate and mix, without counting it: both JVMs compile their "
                    + "hot paths before the measured --duration starts (default: ${DEFAULT-VALUE} = none).")
    String warmUp;

    @Option(names = "--receipt-wait", defaultValue = "30s", paramLabel = "DURATION",
            description = "How long to wait for outstanding receipts after sending (default: ${DEFAULT-VALUE}).")
    String receiptWait;

    @Option(names = "--response-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "A submit without a response after this long counts as unanswered (default: ${DEFAULT-VALUE}).")
    String responseTimeout;

    @Option(names = "--registered-delivery", defaultValue = "1.0", paramLabel = "FRACTION",
            description = "Fraction of messages that ask for a delivery receipt (default: ${DEFAULT-VALUE}).")
    double registeredDelivery;

    @Option(names = "--mix", defaultValue = "gsm7=100", paramLabel = "gsm7=W,ucs2=W,multipart=W", split = ",",
            description = "Relative weights of GSM-7 short, UCS-2 and multipart long messages (default: ${DEFAULT-VALUE}).")
    List<String> mix;

    @Option(names = "--destinations", defaultValue = "+4477009", split = ",", paramLabel = "PREFIX",
            description = "Destination prefixes, filled up with random digits (default: ${DEFAULT-VALUE}).")
    List<String> destinations;

    @Option(names = "--source", defaultValue = "12345",
            description = "source_addr of every message (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--dlr-id-bases", defaultValue = "0", paramLabel = "0|1|2",
            description = "How the server prints ids: 0 the same in submit_sm_resp and receipts, 1 hex in submit_sm_resp "
                    + "and decimal in receipts, 2 the reverse (Jasmin's dlr_msg_id_bases; default: ${DEFAULT-VALUE}).")
    int dlrIdBases;

    @Option(names = "--threads", defaultValue = "0",
            description = "Event-loop threads for the binds (default: ${DEFAULT-VALUE} = one per bind, at most one per core).")
    int threads;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the message mix and destinations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tls", description = "Bind over TLS (1.2 or 1.3); the server's certificate must chain to the JDK's "
            + "trusted roots, or to --tls-trust, and name --host.")
    boolean tls;

    @Option(names = "--tls-trust", paramLabel = "FILE",
            description = "Trust the PEM certificates in FILE (e.g. from sim smsc --tls-export); implies --tls.")
    Optional<Path> tlsTrust;

    @Option(names = "--tls-insecure",
            description = "Accept any server certificate (encrypted, not authenticated: for simulators only); implies --tls.")
    boolean tlsInsecure;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON to FILE.")
    Optional<Path> json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write a self-contained HTML report with throughput and latency charts to FILE.")
    Optional<Path> html;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            SystemUnderTest target = systemUnderTest();
            List<LoadPhase> phases = phases();
            Duration wait = receiptWait();
            if (dlrIdBases < 0 || dlrIdBases > 2) {
                throw new ConfigException("--dlr-id-bases: " + dlrIdBases + " (expected: 0, 1 or 2)");
            }
            return run(target, phases, wait, tlsContext());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("sim load: " + e.getMessage());
            return SimCommand.EXIT_USAGE;
        }
    }

    private int run(SystemUnderTest target, List<LoadPhase> phases, Duration wait, Optional<SslContext> tls) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int threads = this.threads > 0 ? this.threads : Math.min(binds, Runtime.getRuntime().availableProcessors());
        LoadResult result;
        try (LoadGenerator generator = LoadGenerator.connect(new InetSocketAddress(host, port), target,
                MessageIdCorrelation.jasminDlrMsgIdBases(dlrIdBases), seed, threads, tls)) {
            result = generator.run("sim load " + host + ":" + port, phases, wait,
                    point -> Progress.print(err, point));
        } catch (LoadGenerator.BindFailedException e) {
            err.println("sim load: " + e.getMessage());
            return SimCommand.EXIT_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sim load: interrupted");
            return SimCommand.EXIT_UNAVAILABLE;
        }
        err.println();
        out.print(SummaryTable.render(result));
        json.ifPresent(file -> JsonReport.write(file, result));
        html.ifPresent(file -> HtmlReport.write(file, result));
        out.flush();
        boolean clean = result.receipts().lost() == 0 && result.receipts().doubled() == 0;
        return clean ? 0 : SimCommand.EXIT_ASSERTION_FAILED;
    }

    /** The client TLS context these options describe, when any. */
    Optional<SslContext> tlsContext() {
        if (tlsInsecure && tlsTrust.isPresent()) {
            throw new ConfigException("--tls-insecure: expected either it or --tls-trust, not both");
        }
        if (tlsInsecure) {
            return Optional.of(SimulatorTls.clientTrustingAnyCertificate());
        }
        if (tlsTrust.isPresent()) {
            return Optional.of(SimulatorTls.clientTrusting(tlsTrust.get()));
        }
        if (tls) {
            try {
                return Optional.of(SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2").build());
            } catch (javax.net.ssl.SSLException e) {
                throw new IllegalStateException("tls: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    SystemUnderTest systemUnderTest() {
        return new SystemUnderTest(host, port, Optional.empty(), systemId, password, bindType, binds, window,
                duration("--response-timeout", responseTimeout));
    }

    LoadPhase phase() {
        int gsm7 = 0;
        int ucs2 = 0;
        int multipart = 0;
        for (String weight : mix) {
            String[] pair = weight.split("=", 2);
            int value;
            try {
                value = pair.length == 2 ? Integer.parseInt(pair[1].trim()) : -1;
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 0) {
                throw new ConfigException("--mix: \"" + weight + "\" (expected: gsm7=W, ucs2=W or multipart=W)");
            }
            switch (pair[0].trim()) {
                case "gsm7" -> gsm7 = value;
                case "ucs2" -> ucs2 = value;
                case "multipart" -> multipart = value;
                default -> throw new ConfigException("--mix: \"" + pair[0] + "\" (expected: gsm7, ucs2 or multipart)");
            }
        }
        MessageMix messageMix = new MessageMix(gsm7, ucs2, multipart, registeredDelivery, source, destinations,
                MessageMix.DEFAULTS.destinationLength());
        return new LoadPhase("load", duration("--duration", duration), rate, messageMix);
    }

    /** The warm-up phase (when --warm-up is not 0) and the measured one. */
    List<LoadPhase> phases() {
        LoadPhase measured = phase();
        Duration warmUpFor = duration("--warm-up", warmUp);
        if (warmUpFor.isZero()) {
            return List.of(measured);
        }
        return List.of(new LoadPhase("warm-up", warmUpFor, measured.rate(), measured.mix(), true), measured);
    }

    Duration receiptWait() {
        return duration("--receipt-wait", receiptWait);
    }

    static Duration duration(String option, String text) {
        try {
            return ConfigNode.parse("value: \"" + text.replace("\"", "") + "\"", "").get("value").asDuration();
        } catch (ConfigException e) {
            throw new ConfigException(option + ": \"" + text + "\" (expected: a duration with a unit such as 250ms, 5s, 2m)");
        }
    }
}
