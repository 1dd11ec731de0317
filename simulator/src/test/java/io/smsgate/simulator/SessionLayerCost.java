package io.smsgate.simulator;

import com.sun.management.OperatingSystemMXBean;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.session.ClientConfig;
import io.smsgate.protocol.smpp.session.SessionConfig;
import io.smsgate.protocol.smpp.session.SessionListener;
import io.smsgate.protocol.smpp.session.SmppClient;
import io.smsgate.protocol.smpp.session.SmppSession;
import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.protocol.smpp.session.WindowConfig;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.load.LoadStatistics;
import io.smsgate.simulator.scenario.LoadPhase;
import io.smsgate.simulator.scenario.MessageMix;
import io.smsgate.simulator.scenario.SystemUnderTest;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Client-side CPU per message of the load generator's own lean window against the same closed loop driven through
 * the protocol session layer ({@link SmppClient}/{@link SmppSession}), both against a simulated SMSC running in
 * another process: {@code java -cp … io.smsgate.simulator.SessionLayerCost lean|session PORT SECONDS}. 4 binds,
 * window 100, GSM-7 messages asking for receipts; CPU is this process's, from the middle of the run to its end.
 * Not a test: a measurement tool, like routing's DecisionCost.
 */
final class SessionLayerCost {
    private static final int BINDS = 4;
    private static final int WINDOW = 100;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        InetSocketAddress smsc = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        int seconds = Integer.parseInt(args[2]);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] measured = mode.equals("lean") ? lean(smsc, seconds, os) : session(smsc, seconds, os);
        System.out.printf("%s: %d messages in the measured half, %.2f us CPU per message (client process)%n", mode,
                measured[0], measured[1] / 1000.0 / measured[0]);
    }

    /** Returns {messages, cpu nanos} of the second half. */
    private static long[] lean(InetSocketAddress smsc, int seconds, OperatingSystemMXBean os) throws Exception {
        SystemUnderTest target = new SystemUnderTest("127.0.0.1", smsc.getPort(), Optional.empty(), "smsgate",
                "secret", SystemUnderTest.BindType.TRANSCEIVER, BINDS, WINDOW, Duration.ofSeconds(30));
        MessageMix mix = new MessageMix(100, 0, 0, 1.0, "12345", List.of("+4477009"), 12);
        long[] cpuAtStart = {-1};
        try (LoadGenerator generator = LoadGenerator.connect(smsc, target, MessageIdCorrelation.AS_IS, 1, 2)) {
            LoadResult result = generator.run("lean", List.of(
                    new LoadPhase("warm-up", Duration.ofSeconds(seconds / 2), 0, mix, true),
                    new LoadPhase("measured", Duration.ofSeconds(seconds - seconds / 2), 0, mix)),
                    Duration.ofSeconds(30), point -> {
                        if (cpuAtStart[0] < 0) {
                            cpuAtStart[0] = os.getProcessCpuTime();
                        }
                    });
            return new long[] {result.receipts().matched(), os.getProcessCpuTime() - cpuAtStart[0]};
        }
    }

    private static long[] session(InetSocketAddress smsc, int seconds, OperatingSystemMXBean os) throws Exception {
        SmppTransport transport = SmppTransport.create("cost", 2);
        LoadStatistics statistics = new LoadStatistics(Instant.now(), System.nanoTime());
        LongAdder matched = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        SessionConfig config = SessionConfig.DEFAULTS.withWindow(new WindowConfig(WINDOW, Duration.ofSeconds(30)))
                .withMaxInboundPending(1000);
        List<SmppSession> sessions = new ArrayList<>();
        SmppClient client = new SmppClient(transport);
        for (int i = 0; i < BINDS; i++) {
            Bind bind = new Bind(1, BindType.TRX, "smsgate", "secret", "", InterfaceVersion.V34, Address.EMPTY);
            sessions.add(client.bind(ClientConfig.of(smsc, bind).withSession(config), (session, request) -> {
                if (request instanceof DeliverSm deliver) {
                    receipt(deliver, statistics, matched);
                    return CompletableFuture.completedFuture(DeliverSmResp.ok(deliver.sequenceNumber(), ""));
                }
                return CompletableFuture.completedFuture(request.reject(
                        io.smsgate.protocol.smpp.pdu.CommandStatus.ESME_RINVCMDID));
            }, new SessionListener() { }).get(10, TimeUnit.SECONDS));
        }
        for (int i = 0; i < sessions.size(); i++) {
            SmppSession session = sessions.get(i);
            SplittableRandom random = new SplittableRandom(i);
            session.eventLoop().execute(() -> {
                for (int w = 0; w < WINDOW; w++) {
                    sendNext(session, random, statistics, running);
                }
            });
        }
        after(seconds / 2);
        long cpu = os.getProcessCpuTime();
        long before = matched.sum();
        after(seconds - seconds / 2);
        long messages = matched.sum() - before;
        long used = os.getProcessCpuTime() - cpu;
        running.set(false);
        for (SmppSession session : sessions) {
            session.close();
        }
        transport.close();
        return new long[] {messages, used};
    }

    /** Returns once {@code seconds} have passed. */
    private static void after(int seconds) {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS)).join();
    }

    private static void sendNext(SmppSession session, SplittableRandom random, LoadStatistics statistics,
            AtomicBoolean running) {
        if (!running.get()) {
            return;
        }
        long intended = System.nanoTime();
        StringBuilder destination = new StringBuilder(12).append("4477009");
        while (destination.length() < 11) {
            destination.append((char) ('0' + random.nextInt(10)));
        }
        ShortMessage message = ShortMessage.of(Address.international("12345"),
                Address.international(destination.toString()), 0,
                OctetString.wrap(("smsgate load " + intended).getBytes(StandardCharsets.US_ASCII)))
                .withRegisteredDelivery(1);
        session.send(new SubmitSm(0, message)).whenComplete((response, error) -> {
            if (response instanceof SubmitSmResp resp && resp.commandStatus().isOk()) {
                statistics.responded(0, intended, System.nanoTime());
                statistics.awaitReceipt(resp.messageId(), intended);
            }
            sendNext(session, random, statistics, running);
        });
    }

    private static void receipt(DeliverSm deliver, LoadStatistics statistics, LongAdder matched) {
        String text = deliver.message().shortMessage().decode(StandardCharsets.ISO_8859_1);
        int at = text.indexOf("id:");
        if (at < 0) {
            return;
        }
        int end = text.indexOf(' ', at);
        String id = text.substring(at + 3, end < 0 ? text.length() : end);
        int stat = text.indexOf("stat:");
        boolean terminal = stat < 0 || ReceiptState.fromStatWord(text.substring(stat + 5, Math.min(text.length(),
                stat + 12))).map(ReceiptState::isFinal).orElse(true);
        statistics.receipt(id, terminal, System.nanoTime());
        if (terminal) {
            matched.increment();
        }
    }
}
