package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import io.smsgate.protocol.smpp.session.SessionConfig;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checklist A over real sockets against the upstream server: malformed input gets the status the checklist names
 * and the session continues or closes as specified, and a well-behaved client's traffic is unaffected by floods,
 * half PDUs and a thousand binds opened and dropped.
 */
@Timeout(180)
class HostileClientIT {

    private static UpstreamFixture fixture;
    private static ExecutorService executor;
    private static DefaultSmppClient client;
    private com.cloudhopper.smpp.SmppSession steady;

    @BeforeAll
    static void start() {
        fixture = new UpstreamFixture("hostile_client_it", List.of(
                AccountConfig.of("steady", "secret1", List.of("127.0.0.1")).withTpsLimit(10_000),
                AccountConfig.of("hostile", "secret2", List.of("127.0.0.1")).withMaxBinds(2_000)),
                config -> config.withSession(SessionConfig.DEFAULTS
                        .withSessionInitTimeout(Duration.ofSeconds(2))
                        .withEnquireLinkInterval(Duration.ofSeconds(1))
                        .withInactivityTimeout(Duration.ofSeconds(3))));
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 2);
    }

    @AfterAll
    static void stop() {
        client.destroy();
        executor.shutdownNow();
        fixture.close();
    }

    @BeforeEach
    void bindSteadyClient() throws Exception {
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, "steady", "secret1");
        config.setHost("127.0.0.1");
        config.setPort(fixture.port());
        config.setWindowSize(50);
        config.setBindTimeout(5000);
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        steady = client.bind(config, new UpstreamServerIT.Inbox());
    }

    @AfterEach
    void unbindSteadyClient() {
        steady.unbind(5000);
        steady.destroy();
    }

    /** The well-behaved client submits {@code count} messages; each must be answered ESME_ROK. */
    private void steadyTrafficFlows(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            com.cloudhopper.smpp.pdu.SubmitSm submit = new com.cloudhopper.smpp.pdu.SubmitSm();
            submit.setSourceAddress(new com.cloudhopper.smpp.type.Address((byte) 5, (byte) 0, "STEADY"));
            submit.setDestAddress(new com.cloudhopper.smpp.type.Address((byte) 1, (byte) 1, "447700900100"));
            submit.setShortMessage("steady".getBytes(StandardCharsets.US_ASCII));
            assertThat(steady.submit(submit, 10_000).getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
        }
    }

    private RawClient boundRaw() throws Exception {
        RawClient raw = new RawClient(fixture.port());
        raw.write(RawClient.bindTransmitter(1, "hostile", "secret2"));
        RawClient.Read resp = raw.read();
        assertThat(resp.commandId()).isEqualTo(0x80000002);
        assertThat(resp.status()).isZero();
        return raw;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        A1 command_length 8                | 00000008 00000015 00000000 00000001
        A1 command_length negative         | ffffffff 00000015 00000000 00000001
        A2 command_length over the maximum | 7fffffff 00000004 00000000 00000001
        A3 an HTTP request on the port     | 47455420 2f204854 54502f31 2e310d0a 0d0a
        """)
    void framingLossIsAnsweredRinvcmdlenWithSequenceZeroThenClosed(String name, String bytes) throws Exception {
        try (RawClient raw = new RawClient(fixture.port())) {
            raw.writeHex(bytes);
            RawClient.Read nack = raw.read();
            assertThat(nack.commandId()).isEqualTo(0x80000000);
            assertThat(nack.status()).isEqualTo(SmppConstants.STATUS_INVCMDLEN);
            assertThat(nack.sequence()).isZero();
            assertThat(raw.closedByServer()).isTrue();
        }
        steadyTrafficFlows(5);
    }

    @Test
    void a12RequestBeforeBindIsAnsweredRinvbndstsThenClosed() throws Exception {
        try (RawClient raw = new RawClient(fixture.port())) {
            raw.write(RawClient.submitSm(9, "447700900001", "", "x".getBytes(StandardCharsets.US_ASCII)));
            RawClient.Read resp = raw.read();
            assertThat(resp.commandId()).isEqualTo(0x80000004);
            assertThat(resp.status()).isEqualTo(SmppConstants.STATUS_INVBNDSTS);
            assertThat(resp.sequence()).isEqualTo(9);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void a13EnquireLinkBeforeBindIsAnsweredAndTheBindStillWorks() throws Exception {
        try (RawClient raw = new RawClient(fixture.port())) {
            raw.writeHex("00000010 00000015 00000000 00000003");
            RawClient.Read resp = raw.read();
            assertThat(resp.commandId()).isEqualTo(0x80000015);
            assertThat(resp.status()).isZero();
            raw.write(RawClient.bindTransmitter(4, "hostile", "secret2"));
            assertThat(raw.read().status()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        A10 unknown command_id                | 00000010 00000099 00000000 00000007                   | 80000000 | 00000003
        A4 submit_sm body cut after dest_addr | 0000001b 00000004 00000000 00000007 00 0500 414300 0101 343400 | 80000004 | 00000002
        A14 deliver_sm sent by an ESME        | 00000021 00000005 00000000 00000007 00 0000 00 0000 00 000000 00 00 0000000000 | 80000005 | 00000004
        A15 second bind on a bound session    | 0000001f 00000002 00000000 00000007 686f7374696c6500 7800 00 34 00 00 00 | 80000002 | 00000005
        A26 enquire_link with sequence 0      | 00000010 00000015 00000000 00000000                   | 80000015 | 00000000
        """)
    void malformedOrRefusedRequestsOnABoundSessionAreAnsweredAndTheSessionContinues(String name, String bytes,
            String responseId, String status) throws Exception {
        try (RawClient raw = boundRaw()) {
            raw.writeHex(bytes);
            RawClient.Read resp = raw.read();
            assertThat(resp.commandId()).isEqualTo(Integer.parseUnsignedInt(responseId, 16));
            assertThat(resp.status()).isEqualTo(Integer.parseUnsignedInt(status, 16));
            // The session continues: an enquire_link is still answered.
            raw.writeHex("00000010 00000015 00000000 00000063");
            RawClient.Read alive = raw.read();
            assertThat(alive.commandId()).isEqualTo(0x80000015);
            assertThat(alive.sequence()).isEqualTo(0x63);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        A21 empty destination             |              |                  | 0000000b
        A21 letters in the destination    | 44abc        |                  | 0000000b
        A22 validity month 13             | 447700900001 | 261301120000000+ | 00000062
        A22 validity not a time           | 447700900001 | XYZ              | 00000062
        """)
    void invalidSubmitFieldsGetTheirStatusAndTheSessionContinues(String name, String destination, String validity,
            String status) throws Exception {
        try (RawClient raw = boundRaw()) {
            raw.write(RawClient.submitSm(11, destination == null ? "" : destination, validity == null ? "" : validity,
                    "x".getBytes(StandardCharsets.US_ASCII)));
            RawClient.Read resp = raw.read();
            assertThat(resp.commandId()).isEqualTo(0x80000004);
            assertThat(resp.status()).isEqualTo(Integer.parseUnsignedInt(status, 16));
            assertThat(resp.sequence()).isEqualTo(11);
            raw.write(RawClient.submitSm(12, "447700900001", "", "ok".getBytes(StandardCharsets.US_ASCII)));
            assertThat(raw.read().status()).isZero();
        }
    }

    @Test
    void a5ShortMessageAndMessagePayloadTogetherAreRinvmsglen() throws Exception {
        byte[] submit = RawClient.submitSm(13, "447700900001", "", "x".getBytes(StandardCharsets.US_ASCII));
        byte[] tlv = HexFormat.of().parseHex("04240002" + "4142");
        byte[] both = new byte[submit.length + tlv.length];
        System.arraycopy(submit, 0, both, 0, submit.length);
        System.arraycopy(tlv, 0, both, submit.length, tlv.length);
        ByteBuffer.wrap(both).putInt(0, both.length);
        try (RawClient raw = boundRaw()) {
            raw.write(both);
            RawClient.Read resp = raw.read();
            assertThat(resp.commandId()).isEqualTo(0x80000004);
            assertThat(resp.status()).isEqualTo(SmppConstants.STATUS_INVMSGLEN);
        }
    }

    @Test
    void aClientThatFloodsWithoutReadingIsHeldBackAndOthersAreUnaffected() throws Exception {
        try (SocketChannel flood = SocketChannel.open(new InetSocketAddress("127.0.0.1", fixture.port()))) {
            flood.write(ByteBuffer.wrap(RawClient.bindTransmitter(1, "hostile", "secret2")));
            // SMPP 3.4 §2.2: nothing but the bind until bind_resp (A12 closes a session that does not wait).
            ByteBuffer bindResp = ByteBuffer.allocate(64);
            while (bindResp.position() < 16 || bindResp.position() < bindResp.getInt(0)) {
                assertThat(flood.read(bindResp)).isPositive();
            }
            assertThat(bindResp.getInt(8)).as("bind_transmitter_resp command_status").isZero();
            flood.configureBlocking(false);
            // submit_sm, not enquire_link: an enquire_link storm is closed at once (A25, the test below)
            byte[] submit = RawClient.submitSm(2, "447700900300", "", "flood".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer burst = ByteBuffer.allocate(submit.length * 2048);
            for (int i = 0; i < 2048; i++) {
                burst.put(submit);
            }
            long[] written = {0};
            // Never reading the answers: once the server's output to us is above its high-water mark it stops
            // reading from us, and our writes stall at the kernel buffers instead of piling up in the server.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                int total = 0;
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
        }
    }

    @Test
    void a25AnEnquireLinkStormClosesThatSessionAndOthersAreUnaffected() throws Exception {
        try (RawClient raw = boundRaw()) {
            byte[] enquire = HexFormat.of().parseHex("00000010 00000015 00000000 00000001".replace(" ", ""));
            ByteBuffer storm = ByteBuffer.allocate(enquire.length * 200);
            for (int i = 0; i < 200; i++) {
                storm.put(enquire);
            }
            raw.write(storm.array());
            int answered = 0;
            try {
                while (raw.read().commandId() == 0x80000015) {
                    answered++;
                }
            } catch (java.io.EOFException | java.net.SocketException e) {
                // closed by the server: the storm was cut off
            }
            assertThat(answered).as("enquire_link answered before the close").isLessThan(200);
            assertThat(raw.closedByServer()).isTrue();
        }
        steadyTrafficFlows(5);
    }

    @Test
    void aHalfPduThatNeverCompletesIsClosedByTheTimersAndOthersAreUnaffected() throws Exception {
        try (RawClient unbound = new RawClient(fixture.port()); RawClient bound = boundRaw()) {
            // header says 100 octets, 20 arrive, then nothing
            unbound.writeHex("00000064 00000002 00000000 00000001 41424344");
            bound.writeHex("00000064 00000004 00000000 00000002 41424344");
            steadyTrafficFlows(20);
            assertThat(unbound.closedByServer()).isTrue();
            assertThat(bound.closedByServer()).isTrue();
        }
        steadyTrafficFlows(5);
    }

    @Test
    void aThousandBindsOpenedAndDroppedLeaveOtherTrafficAndTheSessionCountUnaffected() throws Exception {
        ExecutorService openers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(openers.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        try (RawClient raw = new RawClient(fixture.port())) {
                            raw.write(RawClient.bindTransmitter(i + 1, "hostile", "secret2"));
                        }
                    }
                    return null;
                }));
            }
            steadyTrafficFlows(200);
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            openers.shutdownNow();
        }
        steadyTrafficFlows(20);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(fixture.server.sessions()).hasSize(1));
    }
}
