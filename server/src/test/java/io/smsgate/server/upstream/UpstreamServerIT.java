package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.SmppBindException;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.store.MessageId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cloudhopper and jSMPP ESMEs against the upstream server, over real sockets and a real Journal. */
@Timeout(120)
class UpstreamServerIT {

    private static UpstreamFixture fixture;
    private static ExecutorService executor;
    private static DefaultSmppClient client;

    @BeforeAll
    static void start() {
        fixture = new UpstreamFixture("upstream_server_it", List.of(
                AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8", "::1/128")),
                AccountConfig.of("faraway", "secret2", List.of("192.0.2.0/24")),
                AccountConfig.of("single", "secret3", List.of("127.0.0.1")).withMaxBinds(1),
                AccountConfig.of("slow", "secret4", List.of("127.0.0.1")).withTpsLimit(5),
                AccountConfig.of("txonly", "secret5", List.of("127.0.0.1")).withBindTypes(Set.of(BindType.TX)),
                AccountConfig.of("inbox", "secret6", List.of("127.0.0.1")),
                AccountConfig.of("jsmpp", "secret7", List.of("127.0.0.1"))),
                config -> config);
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 2);
    }

    @AfterAll
    static void stop() {
        client.destroy();
        executor.shutdownNow();
        fixture.close();
    }

    static SmppSessionConfiguration cloudhopper(SmppBindType type, String systemId, String password) {
        SmppSessionConfiguration config = new SmppSessionConfiguration(type, systemId, password);
        config.setName("ch-" + systemId + "-" + type);
        config.setHost("127.0.0.1");
        config.setPort(fixture.port());
        config.setWindowSize(10);
        config.setConnectTimeout(5000);
        config.setBindTimeout(5000);
        config.setRequestExpiryTimeout(10_000);
        config.setInterfaceVersion(SmppConstants.VERSION_3_4);
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        return config;
    }

    static com.cloudhopper.smpp.pdu.SubmitSm submit(String destination, byte[] text, int dataCoding) throws Exception {
        com.cloudhopper.smpp.pdu.SubmitSm submit = new com.cloudhopper.smpp.pdu.SubmitSm();
        submit.setSourceAddress(new com.cloudhopper.smpp.type.Address((byte) 5, (byte) 0, "ACME"));
        submit.setDestAddress(new com.cloudhopper.smpp.type.Address((byte) 1, (byte) 1, destination));
        submit.setDataCoding((byte) dataCoding);
        submit.setRegisteredDelivery((byte) 1);
        submit.setShortMessage(text);
        return submit;
    }

    /** A Cloudhopper handler that collects deliver_sm and answers them ESME_ROK. */
    static final class Inbox extends DefaultSmppSessionHandler {
        final BlockingQueue<com.cloudhopper.smpp.pdu.DeliverSm> delivered = new LinkedBlockingQueue<>();

        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof com.cloudhopper.smpp.pdu.DeliverSm deliverSm) {
                delivered.add(deliverSm);
            }
            return request.createResponse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SmppBindType.class, names = {"TRANSMITTER", "RECEIVER", "TRANSCEIVER"})
    void cloudhopperBindsEachWayAndEverySubmitIsCommittedBeforeItsResp(SmppBindType type) throws Exception {
        com.cloudhopper.smpp.SmppSession session = client.bind(cloudhopper(type, "acme", "secret1"), new Inbox());
        try {
            com.cloudhopper.smpp.pdu.SubmitSmResp resp = session.submit(submit("447700900001",
                    "hello".getBytes(StandardCharsets.US_ASCII), 0), 10_000);
            if (type == SmppBindType.RECEIVER) {
                assertThat(resp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVBNDSTS);
            } else {
                assertThat(resp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
                // Accepted means stored: the row is there the moment the resp arrives.
                assertThat(fixture.state(resp.getMessageId())).contains("QUEUED");
                assertThat(fixture.parts(resp.getMessageId())).containsExactly(OctetString.ascii("hello"));
                assertThat(fixture.dispatch.dispatched).anySatisfy(m ->
                        assertThat(m.id().toString()).isEqualTo(resp.getMessageId()));
            }
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    @Test
    void badCredentialsAnswerOneUniformStatus() {
        assertThatThrownBy(() -> client.bind(cloudhopper(SmppBindType.TRANSCEIVER, "acme", "wrong"), new Inbox()))
                .isInstanceOfSatisfying(SmppBindException.class, e -> assertThat(
                        e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVPASWD));
        assertThatThrownBy(() -> client.bind(cloudhopper(SmppBindType.TRANSCEIVER, "nobody", "secret1"),
                new Inbox())).isInstanceOfSatisfying(SmppBindException.class, e -> assertThat(
                        e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVPASWD));
    }

    @Test
    void anAddressOutsideTheAllowlistAndADisallowedBindTypeAreRefusedWithBindFail() {
        assertThatThrownBy(() -> client.bind(cloudhopper(SmppBindType.TRANSMITTER, "faraway", "secret2"),
                new Inbox())).isInstanceOfSatisfying(SmppBindException.class, e -> assertThat(
                        e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_BINDFAIL));
        assertThatThrownBy(() -> client.bind(cloudhopper(SmppBindType.RECEIVER, "txonly", "secret5"),
                new Inbox())).isInstanceOfSatisfying(SmppBindException.class, e -> assertThat(
                        e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_BINDFAIL));
    }

    @Test
    void aBindBeyondTheQuotaIsRefusedUntilASlotIsFree() throws Exception {
        com.cloudhopper.smpp.SmppSession first = client.bind(cloudhopper(SmppBindType.TRANSMITTER, "single",
                "secret3"), new Inbox());
        assertThatThrownBy(() -> client.bind(cloudhopper(SmppBindType.TRANSMITTER, "single", "secret3"),
                new Inbox())).isInstanceOfSatisfying(SmppBindException.class, e -> assertThat(
                        e.getBindResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_BINDFAIL));
        first.unbind(5000);
        first.destroy();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            com.cloudhopper.smpp.SmppSession again = client.bind(cloudhopper(SmppBindType.TRANSMITTER, "single",
                    "secret3"), new Inbox());
            again.unbind(5000);
            again.destroy();
        });
    }

    @Test
    void overItsRateAnAccountIsThrottledAndTheSessionStaysUp() throws Exception {
        com.cloudhopper.smpp.SmppSession session = client.bind(cloudhopper(SmppBindType.TRANSMITTER, "slow",
                "secret4"), new Inbox());
        try {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(session.submit(submit("447700900002", "burst".getBytes(StandardCharsets.US_ASCII), 0),
                        10_000).getCommandStatus());
            }
            assertThat(statuses).contains(SmppConstants.STATUS_OK, SmppConstants.STATUS_THROTTLED);
            assertThat(session.enquireLink(new com.cloudhopper.smpp.pdu.EnquireLink(), 5000).getCommandStatus())
                    .isEqualTo(SmppConstants.STATUS_OK);
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    @Test
    void udhConcatenatedGsm7PartsAreAnsweredEachWithTheMessageIdAndStoredAsOneMessage() throws Exception {
        com.cloudhopper.smpp.SmppSession session = client.bind(cloudhopper(SmppBindType.TRANSCEIVER, "acme",
                "secret1"), new Inbox());
        try {
            int before = fixture.dispatch.dispatched.size();
            byte[] part1 = concat(0x2a, 2, 1, "first half ");
            byte[] part2 = concat(0x2a, 2, 2, "second half");
            com.cloudhopper.smpp.pdu.SubmitSm first = submit("447700900003", part1, 0);
            first.setEsmClass(SmppConstants.ESM_CLASS_UDHI_MASK);
            com.cloudhopper.smpp.pdu.SubmitSmResp firstResp = session.submit(first, 10_000);
            assertThat(firstResp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            // Staged, not dispatched: the carrier gets the message whole.
            assertThat(fixture.count("SELECT count(*) FROM message_part WHERE message_id = ?",
                    MessageId.parse(firstResp.getMessageId()).orElseThrow().value())).isEqualTo(1);
            assertThat(fixture.state(firstResp.getMessageId())).isEmpty();

            com.cloudhopper.smpp.pdu.SubmitSm second = submit("447700900003", part2, 0);
            second.setEsmClass(SmppConstants.ESM_CLASS_UDHI_MASK);
            com.cloudhopper.smpp.pdu.SubmitSmResp secondResp = session.submit(second, 10_000);

            assertThat(secondResp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            assertThat(secondResp.getMessageId()).isEqualTo(firstResp.getMessageId());
            assertThat(fixture.state(secondResp.getMessageId())).contains("QUEUED");
            assertThat(fixture.parts(secondResp.getMessageId())).containsExactly(OctetString.ascii("first half "),
                    OctetString.ascii("second half"));
            assertThat(fixture.dispatch.dispatched.subList(before, fixture.dispatch.dispatched.size()))
                    .singleElement().satisfies(m -> assertThat(m.message().parts()).hasSize(2));
            await().untilAsserted(() -> assertThat(fixture.count(
                    "SELECT count(*) FROM message_part WHERE message_id = ?",
                    MessageId.parse(firstResp.getMessageId()).orElseThrow().value())).isZero());
        } finally {
            session.unbind(5000);
            session.destroy();
        }
    }

    private static byte[] concat(int reference, int total, int sequence, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[6 + body.length];
        out[0] = 5;
        out[1] = 0;
        out[2] = 3;
        out[3] = (byte) reference;
        out[4] = (byte) total;
        out[5] = (byte) sequence;
        System.arraycopy(body, 0, out, 6, body.length);
        return out;
    }

    @Test
    void jsmppSarUcs2WithEmojiThenQueriesCancelsAndReplaces() throws Exception {
        SMPPSession session = new SMPPSession();
        session.connectAndBind("127.0.0.1", fixture.port(), new BindParameter(org.jsmpp.bean.BindType.BIND_TRX,
                "jsmpp", "secret7", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        try {
            byte[] whole = "Grüße 😀 from jSMPP".getBytes(StandardCharsets.UTF_16BE);
            byte[] one = java.util.Arrays.copyOfRange(whole, 0, 12);
            byte[] two = java.util.Arrays.copyOfRange(whole, 12, whole.length);
            String id1 = sar(session, one, 1);
            String id2 = sar(session, two, 2);
            assertThat(id2).isEqualTo(id1);
            assertThat(fixture.parts(id1)).containsExactly(OctetString.of(one), OctetString.of(two));

            String single = session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    "JSMPP", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700900005", new ESMClass(),
                    (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                    (byte) 0, new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0,
                    "replace me".getBytes(StandardCharsets.US_ASCII)).getMessageId();
            assertThat(session.queryShortMessage(single, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    "JSMPP").getMessageState()).isEqualTo(MessageState.ENROUTE);

            session.replaceShortMessage(single, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "JSMPP",
                    null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                    "replaced".getBytes(StandardCharsets.US_ASCII));
            assertThat(fixture.parts(single)).containsExactly(OctetString.ascii("replaced"));

            session.cancelShortMessage("", single, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    "JSMPP", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700900005");
            assertThat(fixture.state(single)).contains("CANCELLED");
            assertThat(session.queryShortMessage(single, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    "JSMPP").getMessageState()).isEqualTo(MessageState.DELETED);

            // Final now: neither cancel nor replace applies any more.
            assertThatThrownBy(() -> session.cancelShortMessage("", single, TypeOfNumber.ALPHANUMERIC,
                    NumberingPlanIndicator.UNKNOWN, "JSMPP", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    "447700900005")).isInstanceOfSatisfying(NegativeResponseException.class,
                            e -> assertThat(e.getCommandStatus()).isEqualTo(SmppConstants.STATUS_CANCELFAIL));
            assertThatThrownBy(() -> session.replaceShortMessage(single, TypeOfNumber.ALPHANUMERIC,
                    NumberingPlanIndicator.UNKNOWN, "JSMPP", null, null, new RegisteredDelivery(0), (byte) 0,
                    "again".getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOfSatisfying(NegativeResponseException.class,
                            e -> assertThat(e.getCommandStatus()).isEqualTo(SmppConstants.STATUS_REPLACEFAIL));
            assertThatThrownBy(() -> session.queryShortMessage("zz", TypeOfNumber.ALPHANUMERIC,
                    NumberingPlanIndicator.UNKNOWN, "JSMPP")).isInstanceOfSatisfying(NegativeResponseException.class,
                            e -> assertThat(e.getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVMSGID));
        } finally {
            session.unbindAndClose();
        }
    }

    private static String sar(SMPPSession session, byte[] part, int sequence) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "JSMPP",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700900004", new ESMClass(), (byte) 0,
                (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                new GeneralDataCoding(Alphabet.ALPHA_UCS2), (byte) 0, part,
                OptionalParameters.newSarMsgRefNum((short) 0x1234), OptionalParameters.newSarTotalSegments(2),
                OptionalParameters.newSarSegmentSeqnum(sequence)).getMessageId();
    }

    @Test
    void receiptsAndMosWaitInTheOutboxUntilAReceiverBindsThenCarryOurId() throws Exception {
        MessageId ours = fixture.ids.next();
        Instant submitted = Instant.now().minusSeconds(60);
        ClientEvent.Receipt receipt = new ClientEvent.Receipt(ours, ReceiptState.DELIVRD, Address.alphanumeric("ACME"),
                Address.international("447700900006"), 1, 1, submitted, Instant.now(), Optional.of("000"),
                Optional.empty(), Optional.of("hello there"));
        ClientEvent.Mo mo = new ClientEvent.Mo(Address.international("447700900007"), new Address(0, 0, "5555"), 0, 0,
                0, OctetString.ascii("STOP"));
        fixture.enqueue("inbox", receipt, Duration.ofHours(1));
        fixture.enqueue("inbox", mo, Duration.ofHours(1));

        // No receiver bound: a transmitter does not take them, they wait.
        com.cloudhopper.smpp.SmppSession transmitter = client.bind(cloudhopper(SmppBindType.TRANSMITTER, "inbox",
                "secret6"), new Inbox());
        assertThat(fixture.count("SELECT count(*) FROM outbox WHERE system_id = 'inbox' AND state = 'PENDING'"))
                .isEqualTo(2);

        Inbox inbox = new Inbox();
        com.cloudhopper.smpp.SmppSession receiver = client.bind(cloudhopper(SmppBindType.RECEIVER, "inbox",
                "secret6"), inbox);
        try {
            List<com.cloudhopper.smpp.pdu.DeliverSm> got = new ArrayList<>();
            got.add(inbox.delivered.poll(10, TimeUnit.SECONDS));
            got.add(inbox.delivered.poll(10, TimeUnit.SECONDS));
            com.cloudhopper.smpp.pdu.DeliverSm dlr = got.stream().filter(d -> d.getEsmClass() == 0x04).findFirst()
                    .orElseThrow();
            String text = new String(dlr.getShortMessage(), StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("id:" + ours + " sub:001 dlvrd:001 submit date:").contains("stat:DELIVRD")
                    .endsWith("text:hello there");
            Tlv receipted = dlr.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
            assertThat(receipted.getValueAsString()).isEqualTo(ours.toString());
            assertThat(dlr.getSourceAddress().getAddress()).isEqualTo("447700900006");
            com.cloudhopper.smpp.pdu.DeliverSm inbound = got.stream().filter(d -> d.getEsmClass() == 0).findFirst()
                    .orElseThrow();
            assertThat(new String(inbound.getShortMessage(), StandardCharsets.US_ASCII)).isEqualTo("STOP");
            assertThat(inbound.getDestAddress().getAddress()).isEqualTo("5555");

            // Acknowledged: they leave the outbox.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fixture.count(
                    "SELECT count(*) FROM outbox WHERE system_id = 'inbox'")).isZero());

            // With the receiver bound, a new one goes out at once.
            fixture.enqueue("inbox", mo, Duration.ofHours(1));
            assertThat(inbox.delivered.poll(10, TimeUnit.SECONDS)).isNotNull();
        } finally {
            receiver.unbind(5000);
            receiver.destroy();
            transmitter.unbind(5000);
            transmitter.destroy();
        }
    }
}
