package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.GenericNack;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.session.SmppTransport;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.protocol.text.SegmentOptions;
import io.smsgate.protocol.text.Ucs2;
import io.smsgate.routing.HealthBoard;
import io.smsgate.routing.HealthConfig;
import io.smsgate.routing.Router;
import io.smsgate.routing.RoutingListener;
import io.smsgate.server.store.Database;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalConfig;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.Partitions;
import io.smsgate.server.store.RetentionConfig;
import io.smsgate.server.store.SharedTestDatabase;
import io.smsgate.server.store.StoreReader;
import io.smsgate.server.store.StoredMessage;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact submit_sm PDUs a carrier gets, seen by an independent SMSC (Cloudhopper ch-smpp's DefaultSmppServer,
 * which records every submit_sm it decodes), and generic_nack answers to a submit (SMPP 3.4 §4.3).
 */
class CarrierWireIT {

    /** How the recording SMSC answers the next submit_sm, then it accepts. */
    private enum Answer { ACCEPT, NACK_WITH_SEQUENCE, NACK_WITHOUT_SEQUENCE }

    private static final List<SubmitSm> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicReference<Answer> NEXT = new AtomicReference<>(Answer.ACCEPT);
    private static final AtomicReference<SmppServerSession> SESSION = new AtomicReference<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final MessageIdGenerator ids = new MessageIdGenerator(Clock.systemUTC(), 9);

    private static Database database;
    private static Journal journal;
    private static StoreReader reader;
    private static SmppTransport transport;
    private static ExecutorService smscThreads;
    private static DefaultSmppServer smsc;
    private static int port;

    private static final AtomicInteger runs = new AtomicInteger();
    private final int run = runs.incrementAndGet();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private CarrierDispatcher dispatcher;

    @BeforeAll
    static void start() throws Exception {
        database = Database.open(SharedTestDatabase.fresh("carrier_wire_it"));
        new Partitions(database.dataSource(), RetentionConfig.DEFAULTS).ensure(LocalDate.now(ZoneOffset.UTC));
        journal = new Journal(database.dataSource(), new JournalConfig(500, Duration.ofMillis(1), 10_000),
                new SimpleMeterRegistry());
        journal.start();
        reader = new StoreReader(database.dataSource(), 2, 1000);
        transport = SmppTransport.create("carrier-wire-it", 1);
        smscThreads = Executors.newCachedThreadPool();
        SmppServerConfiguration config = new SmppServerConfiguration();
        config.setName("recording-smsc");
        config.setHost("127.0.0.1");
        config.setPort(0);
        config.setSystemId("recorder");
        config.setDefaultWindowSize(20);
        config.setJmxEnabled(false);
        config.setNonBlockingSocketsEnabled(true);
        smsc = new DefaultSmppServer(config, new SmppServerHandler() {
            @Override
            public void sessionBindRequested(Long id, SmppSessionConfiguration session, BaseBind bind) {
                session.setName("recording-smsc-" + id);
            }

            @Override
            public void sessionCreated(Long id, SmppServerSession session, BaseBindResp response) {
                SESSION.set(session);
                session.serverReady(new DefaultSmppSessionHandler() {
                    @Override
                    @SuppressWarnings("rawtypes")
                    public PduResponse firePduRequestReceived(PduRequest request) {
                        return answer(request);
                    }
                });
            }

            @Override
            public void sessionDestroyed(Long id, SmppServerSession session) {
                session.destroy();
            }
        }, smscThreads);
        smsc.start();
        // DefaultSmppServer does not expose the port it bound to; port 0 needs its server channel.
        Field channel = DefaultSmppServer.class.getDeclaredField("serverChannel");
        channel.setAccessible(true);
        port = ((InetSocketAddress) ((org.jboss.netty.channel.Channel) channel.get(smsc)).getLocalAddress()).getPort();
    }

    @SuppressWarnings("rawtypes")
    private static PduResponse answer(PduRequest request) {
        PduResponse response = request.createResponse();
        if (!(request instanceof SubmitSm submit)) {
            return response;
        }
        RECEIVED.add(submit);
        switch (NEXT.getAndSet(Answer.ACCEPT)) {
            case NACK_WITH_SEQUENCE -> {
                GenericNack nack = new GenericNack();
                nack.setSequenceNumber(request.getSequenceNumber());
                nack.setCommandStatus(0x00000008);
                return nack;
            }
            case NACK_WITHOUT_SEQUENCE -> {
                // SMPP 3.4 §4.3: a PDU it could not even read the header of is nacked with sequence 0.
                GenericNack nack = new GenericNack();
                nack.setSequenceNumber(0);
                nack.setCommandStatus(0x00000002);
                try {
                    SESSION.get().sendResponsePdu(nack);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }
            case ACCEPT -> {
                ((SubmitSmResp) response).setMessageId(Integer.toString(IDS.incrementAndGet()));
                return response;
            }
        }
        return response;
    }

    @AfterAll
    static void stop() {
        smsc.destroy();
        smscThreads.shutdownNow();
        transport.close();
        reader.close();
        journal.close();
        database.close();
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
        NEXT.set(Answer.ACCEPT);
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void longGsm7GoesAsTwoUdhPartsWithTheExactHeaderAndUnpackedSeptets() {
        start(UnaryOperator.identity());
        String text = "The quick brown fox jumps over the lazy dog; ".repeat(5);  // 225 septets

        submitted(store(message(0, Gsm7.DEFAULT.encode(text))));

        assertThat(RECEIVED).hasSize(2);
        SubmitSm first = RECEIVED.get(0);
        SubmitSm second = RECEIVED.get(1);
        byte reference = first.getShortMessage()[3];
        // TS 23.040 §9.2.3.24.1: UDHL 05, IEI 00 (8-bit reference), IEDL 03, reference, total 02, sequence.
        assertThat(hex(first.getShortMessage(), 0, 6)).isEqualTo("050003" + hex(reference) + "0201");
        assertThat(hex(second.getShortMessage(), 0, 6)).isEqualTo("050003" + hex(reference) + "0202");
        // 7-bit capacity (TS 23.038): 153 septets a part after the 6-octet UDH, one septet per octet (unpacked).
        assertThat(first.getShortMessage().length - 6 + second.getShortMessage().length - 6).isEqualTo(225);
        assertThat(new String(first.getShortMessage(), 6, first.getShortMessage().length - 6,
                StandardCharsets.US_ASCII)).isEqualTo(text.substring(0, 153));
        assertThat(new String(second.getShortMessage(), 6, second.getShortMessage().length - 6,
                StandardCharsets.US_ASCII)).isEqualTo(text.substring(153));
        for (SubmitSm part : RECEIVED) {
            assertThat(part.getDataCoding()).isEqualTo((byte) 0x00);
            assertThat(part.getEsmClass() & 0x40).isEqualTo(0x40);
            assertThat(part.getOptionalParameters()).isNullOrEmpty();
            assertThat(part.getDestAddress().getAddress()).isEqualTo("447700900777");
        }
    }

    @Test
    void ucs2WithEmojiGoesAsSarPartsWithTheExactTlvsAndNoSplitSurrogate() {
        start(carrier -> carrier.withProfile(CarrierProfile.DEFAULTS
                .withConcatenation(SegmentOptions.Concatenation.SAR)));
        String text = "Grüße 😀 aus Zürich ".repeat(6);

        submitted(store(message(8, Ucs2.INSTANCE.encode(text))));

        assertThat(RECEIVED).hasSizeGreaterThan(1);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int reference = -1;
        for (int i = 0; i < RECEIVED.size(); i++) {
            SubmitSm part = RECEIVED.get(i);
            assertThat(part.getDataCoding()).isEqualTo((byte) 0x08);
            assertThat(part.getEsmClass() & 0x40).as("no UDHI with SAR").isZero();
            assertThat(part.getShortMessage().length).isLessThanOrEqualTo(140);
            Tlv ref = part.getOptionalParameter((short) 0x020C);
            Tlv total = part.getOptionalParameter((short) 0x020E);
            Tlv seq = part.getOptionalParameter((short) 0x020F);
            // SMPP 3.4 §5.3.2.22–24: sar_msg_ref_num 2 octets, sar_total_segments and sar_segment_seqnum 1 octet.
            assertThat(ref.getValue()).hasSize(2);
            int value = ((ref.getValue()[0] & 0xFF) << 8) | (ref.getValue()[1] & 0xFF);
            if (reference < 0) {
                reference = value;
            }
            assertThat(value).isEqualTo(reference);
            assertThat(total.getValue()).containsExactly((byte) RECEIVED.size());
            assertThat(seq.getValue()).containsExactly((byte) (i + 1));
            byte[] body = part.getShortMessage();
            char last = (char) (((body[body.length - 2] & 0xFF) << 8) | (body[body.length - 1] & 0xFF));
            assertThat(Character.isHighSurrogate(last)).as("part %d ends inside a surrogate pair", i + 1).isFalse();
            joined.writeBytes(body);
        }
        assertThat(new String(joined.toByteArray(), StandardCharsets.UTF_16BE)).isEqualTo(text);
    }

    @Test
    void aLongMessageGoesWholeInMessagePayloadWhereTheProfileSaysSo() {
        start(carrier -> carrier.withProfile(CarrierProfile.DEFAULTS
                .withConcatenation(SegmentOptions.Concatenation.MESSAGE_PAYLOAD)));
        String text = "payload ".repeat(40);

        submitted(store(message(0, Gsm7.DEFAULT.encode(text))));

        assertThat(RECEIVED).hasSize(1);
        SubmitSm only = RECEIVED.get(0);
        assertThat(only.getShortMessage()).isEmpty();
        assertThat(only.getEsmClass() & 0x40).isZero();
        assertThat(only.getDataCoding()).isEqualTo((byte) 0x00);
        assertThat(only.getOptionalParameter((short) 0x0424).getValue())
                .isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aGenericNackWithTheSubmitsSequenceIsReadByTheStatusTableAndRetried() {
        start(UnaryOperator.identity());
        NEXT.set(Answer.NACK_WITH_SEQUENCE);

        submitted(store(message(0, Gsm7.DEFAULT.encode("nacked once"))));

        // ESME_RSYSERR is TEMPORARY: the same part again, after retry-delay, on the same carrier.
        assertThat(RECEIVED).hasSize(2);
        assertThat(RECEIVED.get(0).getShortMessage()).isEqualTo(RECEIVED.get(1).getShortMessage());
        assertThat(registry.get("smsgate.carrier.resubmissions").counter().count()).isZero();
    }

    @Test
    void aGenericNackWithoutSequenceLeavesTheOutcomeUnknownAndThePolicyResubmits() {
        start(UnaryOperator.identity());
        NEXT.set(Answer.NACK_WITHOUT_SEQUENCE);

        submitted(store(message(0, Gsm7.DEFAULT.encode("nacked without a number"))));

        assertThat(RECEIVED).hasSize(2);
        assertThat(registry.get("smsgate.carrier.resubmissions").counter().count()).isEqualTo(1.0);
    }

    @Test
    void theClientsParametersGoOnEveryPartWhileSarIsRebuiltForTheCarrier() {
        start(carrier -> carrier.withProfile(CarrierProfile.DEFAULTS
                .withConcatenation(SegmentOptions.Concatenation.SAR)));
        OctetString clientTlvs = PassOnTlvs.select(io.smsgate.protocol.smpp.pdu.Tlvs.of(
                new io.smsgate.protocol.smpp.pdu.Tlv.UserMessageReference(0x1234),
                new io.smsgate.protocol.smpp.pdu.Tlv.DestinationPort(0x23F0),
                new io.smsgate.protocol.smpp.pdu.Tlv.Unknown(0x0201, OctetString.of(new byte[] {2})),
                new io.smsgate.protocol.smpp.pdu.Tlv.SarMsgRefNum(7)));
        NewMessage message = message(0, Gsm7.DEFAULT.encode("with parameters ".repeat(12)));

        submitted(store(new NewMessage(message.id(), message.systemId(), message.source(), message.destination(),
                0, 0, 0, 0, 0, Optional.of(Instant.now().plus(Duration.ofHours(2))), Optional.empty(),
                Optional.empty(), message.parts(), clientTlvs)));

        assertThat(RECEIVED).hasSize(2);
        for (SubmitSm part : RECEIVED) {
            // user_message_reference, destination_port, privacy_indicator: as the client sent them.
            assertThat(part.getOptionalParameter((short) 0x0204).getValue()).containsExactly(0x12, 0x34);
            assertThat(part.getOptionalParameter((short) 0x020B).getValue()).containsExactly(0x23, 0xF0);
            assertThat(part.getOptionalParameter((short) 0x0201).getValue()).containsExactly(2);
            // The client's sar_msg_ref_num 7 is not copied: the parts carry the references of their own SAR.
            assertThat(part.getOptionalParameters().stream().filter(t -> t.getTag() == 0x020C)).hasSize(1);
            assertThat(part.getOptionalParameter((short) 0x020E).getValue()).containsExactly(2);
            // SMPP 3.4 §7.1.1.2: what remains of the two hours' validity, relative, rounded down to the second.
            assertThat(part.getValidityPeriod()).matches("0000000(159[0-5][0-9]|20000)000R");
            assertThat(part.getScheduleDeliveryTime()).isNullOrEmpty();
        }
    }

    // ---- fixtures ---------------------------------------------------------------------------------------------

    private void start(UnaryOperator<CarrierConfig> tune) {
        String id = "wire-" + run;
        CarrierConfig carrier = tune.apply(CarrierConfig.of(id, "127.0.0.1", port, "smsgate", "secret")
                .withBinds(List.of(BindConfig.DEFAULTS.withTimers(Duration.ofSeconds(5), Duration.ofMillis(800),
                        Duration.ofSeconds(3))))
                .withReconnect(new ReconnectConfig(Duration.ofMillis(50), Duration.ofMillis(500),
                        Duration.ofMillis(500), 0.2))
                .withRetryDelay(Duration.ofMillis(50)));
        Router router = new Router(StaticRoutes.snapshot(Map.of("", List.of(id))),
                new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP), RoutingListener.NOOP);
        dispatcher = new CarrierDispatcher(List.of(carrier), new DispatchConfig(Duration.ofMillis(100),
                Duration.ofMinutes(1), Duration.ofHours(1)), router, journal, reader, ids,
                transport, registry, Clock.systemUTC());
        dispatcher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.connector(id).orElseThrow().boundBinds() == 1);
    }

    private static NewMessage message(int dataCoding, OctetString text) {
        return new NewMessage(ids.next(), "acme", Address.alphanumeric("ACME"), Address.international("447700900777"),
                0, 0, 0, dataCoding, 0, Optional.empty(), Optional.empty(), Optional.empty(), List.of(text),
                OctetString.EMPTY);
    }

    private static StoredMessage store(NewMessage message) {
        journal.submit(new JournalWrite.InsertMessage(message)).join();
        return new StoredMessage(message, MessageStatus.QUEUED, Optional.empty(), Optional.empty(), 0, Instant.now());
    }

    /** Dispatches and waits until the carrier took every part (no receipts come from this SMSC). */
    private void submitted(StoredMessage message) {
        dispatcher.dispatch(message);
        MessageId id = message.id();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                reader.findMessage(id).join().orElseThrow().status() == MessageStatus.SUBMITTED
                        && dispatcher.queueDepth() == 0);
    }

    private static String hex(byte[] bytes, int from, int to) {
        return HexFormat.of().formatHex(bytes, from, to);
    }

    private static String hex(byte value) {
        return HexFormat.of().toHexDigits(value);
    }
}
