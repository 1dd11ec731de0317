package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import io.smsgate.server.gateway.GatewayFixture;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checklist A (reliability.md §3) and the hostile clients of issue 4 against the whole server (upstream listener,
 * Journal, carrier dispatch to a simulated carrier, receipts back) over real sockets: every malformed input gets the
 * status the checklist names, the session continues or closes as it says, and meanwhile a well-behaved client's
 * messages are all accepted and all their receipts come back, with the heap after GC bounded.
 */
@Timeout(240)
class GatewayHostileClientIT {

    private static final Logger log = LoggerFactory.getLogger(GatewayHostileClientIT.class);

    /** Generous: the whole JVM (server, simulator, clients) may grow by this much after GC, never more. */
    private static final long HEAP_GROWTH_BOUND = 96L * 1024 * 1024;

    private static Path dataPath;
    private static GatewayFixture gateway;
    private static ExecutorService executor;
    private static DefaultSmppClient client;
    private static SmppSession steady;
    private static final UpstreamServerIT.Inbox inbox = new UpstreamServerIT.Inbox();
    private static int sent;

    @BeforeAll
    static void start() throws Exception {
        dataPath = Files.createTempDirectory("gateway-hostile");
        LinkedHashMap<String, CarrierBehaviour> carriers = new LinkedHashMap<>();
        carriers.put("sim", CarrierBehaviour.DEFAULTS);
        gateway = GatewayFixture.start("gateway_hostile_it", dataPath, carriers, false, List.of(
                AccountConfig.of("steady", "secret1", List.of("127.0.0.1/32")).withTpsLimit(10_000),
                AccountConfig.of("hostile", "secret2", List.of("127.0.0.1/32")),
                AccountConfig.of("flooder", "secret4", List.of("127.0.0.1/32")),
                AccountConfig.of("fenced", "secret3", List.of("10.0.0.0/8"))), UnaryOperator.identity());
        gateway.awaitBound("sim");
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 2);
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, "steady", "secret1");
        config.setHost("127.0.0.1");
        config.setPort(gateway.smppPort());
        config.setWindowSize(50);
        config.setBindTimeout(10_000);
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        steady = client.bind(config, inbox);
    }

    @AfterAll
    static void stop() throws Exception {
        steady.unbind(5000);
        steady.destroy();
        client.destroy();
        executor.shutdownNow();
        gateway.close();
    }

    /**
     * The well-behaved client submits {@code count} receipt-requested messages: each is answered ESME_ROK, and each
     * id comes back in exactly one DELIVRD receipt.
     */
    private static void steadyTrafficFlows(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SubmitSm submit = new SubmitSm();
            submit.setSourceAddress(new Address((byte) 5, (byte) 0, "STEADY"));
            submit.setDestAddress(new Address((byte) 1, (byte) 1, String.format("4477009002%02d", i % 100)));
            submit.setRegisteredDelivery((byte) 1);
            submit.setShortMessage(("steady " + sent++).getBytes(StandardCharsets.US_ASCII));
            SubmitSmResp resp = steady.submit(submit, 10_000);
            assertThat(resp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            ids.add(resp.getMessageId());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> receiptIds().containsAll(ids));
        List<DeliverSm> mine = inbox.delivered.stream().filter(d -> ids.contains(receiptedId(d))).toList();
        assertThat(mine).hasSize(count).allSatisfy(receipt -> assertThat(new String(receipt.getShortMessage(),
                StandardCharsets.ISO_8859_1)).contains("stat:DELIVRD"));
    }

    private static Set<String> receiptIds() {
        return inbox.delivered.stream().map(GatewayHostileClientIT::receiptedId).collect(Collectors.toSet());
    }

    private static String receiptedId(DeliverSm receipt) {
        Tlv tlv = receipt.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
        try {
            return tlv == null ? "" : tlv.getValueAsString();
        } catch (Exception e) {
            throw new AssertionError("receipted_message_id unreadable", e);
        }
    }

    /** Heap in use after a full collection (System.gc() is a full collection with G1 unless disabled). */
    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static RawClient boundRaw() throws Exception {
        RawClient raw = new RawClient(gateway.smppPort());
        raw.write(RawClient.bindTransmitter(1, "hostile", "secret2"));
        RawClient.Read resp = raw.read();
        assertThat(resp.commandId()).isEqualTo(0x80000002);
        assertThat(resp.status()).isZero();
        return raw;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        A1 command_length 8                | 00000008 00000015 00000000 00000001
        A1 command_length 0                | 00000000 00000015 00000000 00000001
        A1 command_length negative         | ffffffff 00000015 00000000 00000001
        A2 command_length over the maximum | 7fffffff 00000004 00000000 00000001
        A3 an HTTP request on the port     | 47455420 2f204854 54502f31 2e310d0a 0d0a
        A3 a TLS ClientHello               | 16030100 a5010000 a1030300 00000000 00000000
        A3 an RDP probe                    | 0300002f 2ae00000 00000043 6f6f6b69 653a
        """)
    void framingLossIsAnsweredRinvcmdlenWithSequenceZeroThenClosed(String name, String bytes) throws Exception {
        try (RawClient raw = new RawClient(gateway.smppPort())) {
            raw.writeHex(bytes);
            RawClient.Read nack = raw.read();
            assertThat(nack.commandId()).isEqualTo(0x80000000);
            assertThat(nack.status()).isEqualTo(SmppConstants.STATUS_INVCMDLEN);
            assertThat(nack.sequence()).isZero();
            assertThat(raw.closedByServer()).isTrue();
        }
        steadyTrafficFlows(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        A12 submit_sm before bind           | 00000004 | 00 0500 41434d4500 0101 34343737303039303030303100 000000 00 00 00 00 00 00 01 78 | 80000004 | 00000004 | true
        A16 bad password                    | 00000002 | 686f7374696c6500 77726f6e6700 00 34 00 00 00 | 80000002 | 0000000e | true
        A18 account fenced to another net   | 00000002 | 66656e63656400 73656372657433 00 00 34 00 00 00 | 80000002 | 0000000d | true
        A13 enquire_link before bind        | 00000015 |                                                 | 80000015 | 00000000 | false
        """)
    void requestsBeforeBindAreAnsweredAndRefusalsClose(String name, String commandId, String body, String responseId,
            String status, boolean closes) throws Exception {
        try (RawClient raw = new RawClient(gateway.smppPort())) {
            raw.write(RawClient.pdu(Integer.parseUnsignedInt(commandId, 16), 0, 9,
                    HexFormat.of().parseHex(body == null ? "" : body.replace(" ", ""))));
            RawClient.Read resp = raw.read();
            assertThat(resp.commandId()).isEqualTo(Integer.parseUnsignedInt(responseId, 16));
            assertThat(resp.status()).isEqualTo(Integer.parseUnsignedInt(status, 16));
            assertThat(resp.sequence()).isEqualTo(9);
            assertThat(raw.closedByServer()).isEqualTo(closes);
        }
        steadyTrafficFlows(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        A4 sm_length past the end          | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 000000 00 00 00 00 00 00 05 78 | 80000004 | 00000001
        A4 body cut after dest_addr        | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 | 80000004 | 00000002
        A6 TLV running past the end        | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 000000 00 00 00 00 00 00 01 78 0424 0010 4142 | 80000004 | 000000c0
        A7 sar_total_segments of 2 octets  | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 000000 00 00 00 00 00 00 01 78 020c 0002 0001 020e 0002 0002 020f 0001 01 | 80000004 | 000000c2
        A8 sar_segment_seqnum 0            | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 000000 00 00 00 00 00 00 01 78 020c 0002 0001 020e 0001 02 020f 0001 00 | 80000004 | 000000c4
        A9 unknown vendor TLV is ignored   | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 000000 00 00 00 00 00 00 01 78 1400 0002 abcd | 80000004 | 00000000
        A19 data_coding 0x05 on a 3.4 bind | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 000000 00 00 00 00 05 00 01 78 | 80000004 | 00000045
        A20 UDHL past sm_length            | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 400000 00 00 00 00 00 00 02 0705 | 80000004 | 00000001
        A21 alphanumeric source over 11    | 00000004 | 00000000 | 00 0500 4142434445464748494a4b4c4d00 0101 34343737303039303030303100 000000 00 00 00 00 00 00 01 78 | 80000004 | 0000000a
        A21 destination over 20 digits     | 00000004 | 00000000 | 00 0500 41434d4500 0101 3434373730303930303030313434373730303930303000 000000 00 00 00 00 00 00 01 78 | 80000004 | 0000000b
        A22 schedule month 13              | 00000004 | 00000000 | 00 0500 41434d4500 0101 34343737303039303030303100 000000 3236313330313132303030303030302b00 00 00 00 00 00 01 78 | 80000004 | 00000061
        A10 unknown command_id             | 00000099 | 00000000 |                                                   | 80000000 | 00000003
        A14 deliver_sm sent by an ESME     | 00000005 | 00000000 | 00 0000 00 0000 00 000000 00 00 0000000000         | 80000005 | 00000004
        A15 second bind on a bound session | 00000002 | 00000000 | 686f7374696c6500 7800 00 34 00 00 00              | 80000002 | 00000005
        A26 sequence above 0x7FFFFFFF      | 00000015 | 00000000 |                                                   | 80000015 | 00000000
        A11 a submit_sm_resp nobody asked  | 80000004 | 00000000 | 00                                                | none     | 0
        A11 a generic_nack                 | 80000000 | 00000003 |                                                   | none     | 0
        A27 deliver_sm_resp RX_T_APPN      | 80000005 | 00000064 |                                                   | none     | 0
        """)
    void malformedOrRefusedRequestsOnABoundSessionAreAnsweredAndTheSessionContinues(String name, String commandId,
            String headerStatus, String body, String responseId, String status) throws Exception {
        int sequence = name.startsWith("A26") ? 0x80000001 : 7;
        try (RawClient raw = boundRaw()) {
            raw.write(RawClient.pdu(Integer.parseUnsignedInt(commandId, 16), Integer.parseUnsignedInt(headerStatus, 16),
                    sequence, HexFormat.of().parseHex(body == null ? "" : body.replace(" ", ""))));
            if (!responseId.equals("none")) {
                RawClient.Read resp = raw.read();
                assertThat(resp.commandId()).isEqualTo(Integer.parseUnsignedInt(responseId, 16));
                assertThat(resp.status()).isEqualTo(Integer.parseUnsignedInt(status, 16));
                assertThat(resp.sequence()).isEqualTo(responseId.equals("80000000") && status.equals("00000002")
                        ? 0 : sequence);
            }
            // The session continues, and a response is never answered: the next PDU is this enquire_link's resp.
            raw.writeHex("00000010 00000015 00000000 00000063");
            RawClient.Read alive = raw.read();
            assertThat(alive.commandId()).isEqualTo(0x80000015);
            assertThat(alive.sequence()).isEqualTo(0x63);
        }
        steadyTrafficFlows(3);
    }

    @Test
    void aClientThatFloodsSubmitsWithoutReadingIsHeldBackAndTheSteadyClientIsUnaffected() throws Exception {
        steadyTrafficFlows(5);
        long before = usedHeapAfterGc();
        try (SocketChannel flood = SocketChannel.open(new InetSocketAddress("127.0.0.1", gateway.smppPort()))) {
            // its own account: the thousand dropped binds of another test may still hold hostile's four slots
            flood.write(ByteBuffer.wrap(RawClient.bindTransmitter(1, "flooder", "secret4")));
            // SMPP 3.4 §2.2: nothing but the bind until bind_resp (A12 closes a session that does not wait).
            ByteBuffer bindResp = ByteBuffer.allocate(64);
            while (bindResp.position() < 16 || bindResp.position() < bindResp.getInt(0)) {
                assertThat(flood.read(bindResp)).isPositive();
            }
            assertThat(bindResp.getInt(8)).as("bind_transmitter_resp command_status").isZero();
            flood.configureBlocking(false);
            byte[] submit = RawClient.submitSm(2, "447700900300", "", "flood".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer burst = ByteBuffer.allocate(submit.length * 2048);
            for (int i = 0; i < 2048; i++) {
                burst.put(submit);
            }
            long[] written = {0};
            // Never reading: once our unread answers fill the server's output buffer it stops reading from us
            // (A24: over the account's rate the answers are ESME_RTHROTTLED, cheap), and our writes stall.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                long total = 0;
                for (int round = 0; round < 64; round++) {
                    burst.clear();
                    int n = flood.write(burst);
                    total += n;
                    if (n == 0) {
                        break;
                    }
                }
                written[0] += total;
                return total == 0;
            });
            assertThat(written[0]).isLessThan(256L * 1024 * 1024);
            steadyTrafficFlows(50);
            long growth = usedHeapAfterGc() - before;
            log.info("flood held back written_bytes={} heap_growth_bytes={}", written[0], growth);
            assertThat(growth).isLessThan(HEAP_GROWTH_BOUND);
        }
        steadyTrafficFlows(5);
    }

    @Test
    void halfPdusThatNeverCompleteDoNotDisturbTheSteadyClient() throws Exception {
        List<RawClient> stuck = new ArrayList<>();
        try {
            // the header says 100 octets, 20 arrive, then nothing: before the bind, and on bound sessions (the
            // account allows 4); HostileClientIT shows the timers closing them, here they outlast the test
            for (int i = 0; i < 20; i++) {
                RawClient unbound = new RawClient(gateway.smppPort());
                stuck.add(unbound);
                unbound.writeHex("00000064 00000002 00000000 00000001 41424344");
            }
            for (int i = 0; i < 3; i++) {
                RawClient bound = boundRaw();
                stuck.add(bound);
                bound.writeHex("00000064 00000004 00000000 00000002 41424344");
            }
            steadyTrafficFlows(30);
        } finally {
            for (RawClient raw : stuck) {
                raw.close();
            }
        }
        steadyTrafficFlows(5);
    }

    @Test
    void aThousandBindsOpenedAndDroppedLeaveTheSteadyClientTheHeapAndTheBindQuotaUnaffected() throws Exception {
        steadyTrafficFlows(5);
        long before = usedHeapAfterGc();
        ExecutorService openers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(openers.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        try (RawClient raw = new RawClient(gateway.smppPort())) {
                            raw.write(RawClient.bindTransmitter(i + 1, "hostile", "secret2"));
                        }
                    }
                    return null;
                }));
            }
            steadyTrafficFlows(100);
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            openers.shutdownNow();
        }
        steadyTrafficFlows(20);
        // The dropped binds released their slots: the account (4 binds at most) binds again, four times over.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<RawClient> binds = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    binds.add(boundRaw());
                }
            } finally {
                for (RawClient raw : binds) {
                    raw.close();
                }
            }
        });
        long growth = usedHeapAfterGc() - before;
        log.info("binds opened and dropped count=1000 heap_growth_bytes={}", growth);
        assertThat(growth).isLessThan(HEAP_GROWTH_BOUND);
    }
}
