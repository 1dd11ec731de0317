package io.smsgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.transcoder.DefaultPduTranscoder;
import com.cloudhopper.smpp.transcoder.DefaultPduTranscoderContext;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.ErrorRule;
import io.smsgate.simulator.behaviour.LatencyModel;
import io.smsgate.simulator.behaviour.MoTraffic;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import org.jboss.netty.buffer.ChannelBuffers;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * smsgate end to end with jSMPP (an SMPP stack independent of ours and of Cloudhopper) as the client: a TRX account
 * and a TX+RX account submit short, long (client UDH GSM-7, client SAR UCS-2 with emoji) and receipt-requested
 * messages; a recording relay keeps the exact submit_sm frames the simulated carrier received, read back with
 * Cloudhopper's decoder; receipts return with our ids and the carrier's outcome, and MOs reach the account owning
 * the number.
 */
@Timeout(120)
class GatewayJsmppIT {

    private static final int SUBMIT_SM = 0x00000004;
    private static final String ALPHA_NUMBER = "447700900801";
    private static final String BETA_NUMBER = "447700900802";
    /** Destinations the carrier refuses with ESME_RINVDSTADR (SMPP 3.4 §5.1.3: 0x0B), a permanent failure. */
    private static final String REFUSED = "4477009066";

    @TempDir
    Path dataPath;

    private GatewayFixture gateway;
    private final Inbox alphaInbox = new Inbox();
    private final Inbox betaInbox = new Inbox();
    private SMPPSession alpha;
    private SMPPSession betaTx;
    private SMPPSession betaRx;

    @BeforeEach
    void start() throws Exception {
        LinkedHashMap<String, CarrierBehaviour> carriers = new LinkedHashMap<>();
        carriers.put("mt", carrier(ALPHA_NUMBER, "mo for alpha"));
        carriers.put("second", carrier(BETA_NUMBER, "mo for beta"));
        gateway = GatewayFixture.start("gateway_jsmpp_it", dataPath, carriers, true, List.of(
                AccountConfig.of("alpha", "secret1", List.of("127.0.0.1/32")),
                AccountConfig.of("beta", "secret2", List.of("127.0.0.1/32"))), UnaryOperator.identity());
        gateway.awaitBound("mt");
        gateway.awaitBound("second");
        gateway.execute("INSERT INTO number (number, system_id) VALUES ('" + ALPHA_NUMBER + "', 'alpha'), ('"
                + BETA_NUMBER + "', 'beta')");
        alpha = bind(BindType.BIND_TRX, "alpha", "secret1", alphaInbox);
        betaTx = bind(BindType.BIND_TX, "beta", "secret2", new Inbox());
        betaRx = bind(BindType.BIND_RX, "beta", "secret2", betaInbox);
    }

    @AfterEach
    void stop() throws Exception {
        for (SMPPSession session : Arrays.asList(alpha, betaTx, betaRx)) {
            if (session != null) {
                session.unbindAndClose();
            }
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theCarrierGetsExactlyTheRightPartsAndEachMessageGetsOneReceiptWithOurIdAndItsOutcome() throws Exception {
        String shortText = "hello from jSMPP";
        String gsmText = "The quick brown fox jumps over the lazy dog, again and again; ".repeat(4);  // 248 septets
        String ucsText = "Grüße aus Zürich 😀🚀 — ünïcødé with emoji, long enough for two UCS-2 parts 📡📡";

        String shortId = submit(alpha, "447700900701", new ESMClass(), 0, shortText.getBytes(StandardCharsets.US_ASCII));
        // Client concatenation with an 8-bit reference UDH (3GPP TS 23.040 §9.2.3.24.1): 153 + 95 septets.
        String[] gsmParts = {gsmText.substring(0, 153), gsmText.substring(153)};
        String gsmId = "";
        for (int i = 0; i < 2; i++) {
            byte[] udh = {0x05, 0x00, 0x03, 0x2A, 0x02, (byte) (i + 1)};
            gsmId = submit(alpha, "447700900702", new ESMClass(0x40), 0,
                    concat(udh, gsmParts[i].getBytes(StandardCharsets.US_ASCII)));
        }
        // Client concatenation with SAR TLVs (SMPP 3.4 §5.3.2.22-24), cut between two characters.
        int cut = ucsText.indexOf("long");
        String[] ucsParts = {ucsText.substring(0, cut), ucsText.substring(cut)};
        String ucsId = "";
        for (int i = 0; i < 2; i++) {
            ucsId = submit(alpha, "447700900703", new ESMClass(), 8, ucsParts[i].getBytes(StandardCharsets.UTF_16BE),
                    OptionalParameters.newSarMsgRefNum((short) 0x0102), OptionalParameters.newSarTotalSegments(2),
                    OptionalParameters.newSarSegmentSeqnum(i + 1));
        }
        String betaId = submit(betaTx, "447700900704", new ESMClass(), 0, "from beta".getBytes(StandardCharsets.US_ASCII));
        String refusedId = submit(alpha, REFUSED + "01", new ESMClass(), 0, "refused".getBytes(StandardCharsets.US_ASCII));

        assertThat(List.of(shortId, gsmId, ucsId, betaId, refusedId)).doesNotHaveDuplicates().allSatisfy(id ->
                assertThat(id).hasSizeBetween(1, 64));

        // Receipts: one each, on the right account's receiver, carrying the id its submit_sm_resp carried.
        await().atMost(Duration.ofSeconds(40)).until(() -> alphaInbox.receipts().size() >= 4
                && betaInbox.receipts().size() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                gateway.count("SELECT count(*) FROM outbox WHERE kind = 'RECEIPT'") == 0);
        assertThat(alphaInbox.receipts()).extracting(GatewayJsmppIT::receiptedId)
                .containsExactlyInAnyOrder(shortId, gsmId, ucsId, refusedId);
        assertThat(betaInbox.receipts()).extracting(GatewayJsmppIT::receiptedId).containsExactly(betaId);
        for (DeliverSm receipt : alphaInbox.receipts()) {
            String text = new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("id:" + receiptedId(receipt) + " ");
            assertThat(text).contains(receiptedId(receipt).equals(refusedId) ? "stat:REJECTD" : "stat:DELIVRD");
        }
        assertThat(gateway.state(shortId)).contains("DELIVERED");
        assertThat(gateway.state(refusedId)).isPresent().get().isNotEqualTo("DELIVERED");

        // What the carrier received, frame by frame.
        List<SubmitSm> received = gateway.proxy("mt").frames(SUBMIT_SM).stream()
                .map(GatewayJsmppIT::decode).toList();
        assertThat(to(received, "447700900701")).singleElement().satisfies(only -> {
            assertThat(only.getShortMessage()).isEqualTo(shortText.getBytes(StandardCharsets.US_ASCII));
            assertThat(only.getDataCoding()).isZero();
            assertThat(only.getEsmClass() & 0x40).isZero();
            assertThat(only.getRegisteredDelivery() & 0x03).isEqualTo(1);
            assertThat(only.getSourceAddress().getAddress()).isEqualTo("ALPHA");
            assertThat(only.getSourceAddress().getTon()).isEqualTo((byte) 5);
            assertThat(only.getDestAddress().getTon()).isEqualTo((byte) 1);
            assertThat(only.getDestAddress().getNpi()).isEqualTo((byte) 1);
        });

        List<SubmitSm> gsm = to(received, "447700900702");
        assertThat(gsm).hasSize(2);
        byte reference = gsm.get(0).getShortMessage()[3];
        StringBuilder gsmJoined = new StringBuilder();
        for (int i = 0; i < gsm.size(); i++) {
            byte[] body = gsm.get(i).getShortMessage();
            assertThat(gsm.get(i).getEsmClass() & 0x40).isEqualTo(0x40);
            assertThat(gsm.get(i).getDataCoding()).isZero();
            assertThat(Arrays.copyOf(body, 6)).containsExactly(0x05, 0x00, 0x03, reference, 0x02, i + 1);
            gsmJoined.append(new String(body, 6, body.length - 6, StandardCharsets.US_ASCII));
        }
        assertThat(gsmJoined).hasToString(gsmText);

        List<SubmitSm> ucs = to(received, "447700900703");
        assertThat(ucs).hasSizeGreaterThanOrEqualTo(2);
        ByteArrayOutputStream ucsJoined = new ByteArrayOutputStream();
        for (int i = 0; i < ucs.size(); i++) {
            byte[] body = ucs.get(i).getShortMessage();
            assertThat(ucs.get(i).getDataCoding()).isEqualTo((byte) 0x08);
            assertThat(body.length).isLessThanOrEqualTo(140);
            assertThat(Arrays.copyOfRange(body, 0, 3)).containsExactly(0x05, 0x00, 0x03);
            assertThat(body[4]).isEqualTo((byte) ucs.size());
            assertThat(body[5]).isEqualTo((byte) (i + 1));
            char last = (char) (((body[body.length - 2] & 0xFF) << 8) | (body[body.length - 1] & 0xFF));
            assertThat(Character.isHighSurrogate(last)).as("part %d ends inside a surrogate pair", i + 1).isFalse();
            ucsJoined.write(body, 6, body.length - 6);
        }
        assertThat(new String(ucsJoined.toByteArray(), StandardCharsets.UTF_16BE)).isEqualTo(ucsText);
        assertThat(to(received, "447700900704")).hasSize(1);
        assertThat(gateway.counters("mt").duplicates()).isZero();
    }

    @Test
    void mosReachOnlyTheAccountThatOwnsTheNumberOnItsReceiverBind() {
        await().atMost(Duration.ofSeconds(30)).until(() -> alphaInbox.mos().size() >= 2 && betaInbox.mos().size() >= 2);

        assertThat(alphaInbox.mos()).allSatisfy(mo -> {
            assertThat(mo.getDestAddress()).isEqualTo(ALPHA_NUMBER);
            assertThat(new String(mo.getShortMessage(), StandardCharsets.ISO_8859_1)).isEqualTo("mo for alpha");
        });
        assertThat(betaInbox.mos()).allSatisfy(mo -> {
            assertThat(mo.getDestAddress()).isEqualTo(BETA_NUMBER);
            assertThat(new String(mo.getShortMessage(), StandardCharsets.ISO_8859_1)).isEqualTo("mo for beta");
        });
    }

    // ---- fixtures ---------------------------------------------------------------------------------------------

    private static CarrierBehaviour carrier(String moNumber, String moText) {
        ReceiptBehaviour d = ReceiptBehaviour.DEFAULTS;
        ReceiptBehaviour receipts = new ReceiptBehaviour(true, new LatencyModel.Fixed(Duration.ofMillis(50)),
                d.statusMix(), d.enroute(), d.encoding(), d.idFormat(), d.dateFormat(), d.onDifferentBind(),
                d.beforeResponse(), d.duplicate(), d.unknownId());
        MoTraffic mo = new MoTraffic(2.0, "4477009#####", moNumber, moText, MoTraffic.Encoding.GSM7, 0.0, 2, false);
        CarrierBehaviour c = CarrierBehaviour.DEFAULTS;
        return new CarrierBehaviour(LatencyModel.ZERO, c.messageId(), c.throttle(), c.windowLimit(),
                c.congestionState(), List.of(new ErrorRule(1.0, List.of(REFUSED), 0x0B, ErrorRule.Reply.RESPONSE)),
                receipts, mo, c.faults());
    }

    private SMPPSession bind(BindType type, String systemId, String password, Inbox inbox) throws Exception {
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(10_000);
        session.setMessageReceiverListener(inbox);
        session.connectAndBind("127.0.0.1", gateway.smppPort(), new BindParameter(type, systemId, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
        return session;
    }

    static String submit(SMPPSession session, String destination, ESMClass esmClass, int dataCoding,
            byte[] shortMessage, OptionalParameter... tlvs) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "ALPHA",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, esmClass, (byte) 0, (byte) 1,
                null, null, new RegisteredDelivery(1), (byte) 0, DataCodings.newInstance((byte) dataCoding),
                (byte) 0, shortMessage, tlvs).getMessageId();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static SubmitSm decode(byte[] frame) {
        try {
            return (SubmitSm) new DefaultPduTranscoder(new DefaultPduTranscoderContext())
                    .decode(ChannelBuffers.wrappedBuffer(frame));
        } catch (Exception e) {
            throw new AssertionError("submit_sm the carrier received is not decodable", e);
        }
    }

    private static List<SubmitSm> to(List<SubmitSm> received, String destination) {
        return received.stream().filter(s -> s.getDestAddress().getAddress().equals(destination)).toList();
    }

    static String receiptedId(DeliverSm receipt) {
        OptionalParameter id = receipt.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        return id == null ? "" : ((OptionalParameter.COctetString) id).getValueAsString();
    }

    /** Keeps every deliver_sm (receipts and MOs told apart by esm_class) and accepts it. */
    static final class Inbox implements MessageReceiverListener {
        private final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            delivered.add(deliverSm);
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public org.jsmpp.session.DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm,
                org.jsmpp.session.Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not expected here", 0x03);
        }

        List<DeliverSm> receipts() {
            return delivered.stream().filter(DeliverSm::isSmscDeliveryReceipt).toList();
        }

        List<DeliverSm> mos() {
            return delivered.stream().filter(d -> !d.isSmscDeliveryReceipt()).toList();
        }
    }
}
