package io.smsgate.protocol.smpp.session;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A jSMPP client (3.0.2, SMPPSession) against a server built on our session layer. */
class JsmppClientIT {

    private static SmppTransport transport;
    private static OurServer server;

    @BeforeAll
    static void start() {
        transport = SmppTransport.create("jsmpp-client-it", 1);
        server = new OurServer(transport);
    }

    @AfterAll
    static void stop() {
        server.close();
        transport.close();
    }

    private static SubmitSmResult submit(SMPPSession session, String text) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                "447700900001", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700900002",
                new ESMClass(), (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT),
                (byte) 0, new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0, text.getBytes(ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BindType.class, names = {"BIND_TX", "BIND_RX", "BIND_TRX"})
    void bindsSubmitsReceivesDeliverSmEnquiresAndUnbinds(BindType type) throws Exception {
        BlockingQueue<org.jsmpp.bean.DeliverSm> delivered = new LinkedBlockingQueue<>();
        SMPPSession theirs = new SMPPSession();
        theirs.setEnquireLinkTimer(200);
        theirs.setTransactionTimer(5000);
        theirs.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(org.jsmpp.bean.DeliverSm deliverSm) {
                delivered.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                throw new ProcessRequestException("data_sm not served", 3);
            }
        });
        theirs.connectAndBind("127.0.0.1", server.port(), new BindParameter(type, OurServer.SYSTEM_ID,
                OurServer.PASSWORD, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
        SmppSession ours = server.nextBound();
        assertThat(ours.systemId()).isEqualTo("acme");

        // jSMPP's own enquire_link timer (200 ms idle) reaches us and is answered; ours reaches it
        int before = server.listener.events.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.listener.events.subList(before,
                server.listener.events.size()).contains("answered ENQUIRE_LINK ESME_ROK"));
        assertThat(ours.send(new EnquireLink(0)).get(5, TimeUnit.SECONDS).isOk()).isTrue();

        if (type == BindType.BIND_RX) {
            // a receiver may not submit (SMPP 5.0 §2.4): jSMPP refuses locally or gets our ESME_RINVBNDSTS
            assertThatThrownBy(() -> submit(theirs, "refused")).isInstanceOf(Exception.class);
        } else {
            SubmitSmResult result = submit(theirs, "hello from jsmpp");
            assertThat(result.getMessageId()).startsWith("msg-");
            SubmitSm received = (SubmitSm) server.nextReceived();
            assertThat(received.message().shortMessage()).isEqualTo(OctetString.ascii("hello from jsmpp"));
        }

        var deliver = ours.send(new DeliverSm(0, ShortMessage.of(
                io.smsgate.protocol.smpp.pdu.Address.international("447700900002"),
                io.smsgate.protocol.smpp.pdu.Address.international("447700900001"), 0,
                OctetString.ascii("hello from smsgate"))));
        if (type == BindType.BIND_TX) {
            assertThat(deliver).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .havingCause().isInstanceOf(SessionException.class);
        } else {
            assertThat(deliver.get(5, TimeUnit.SECONDS).isOk()).isTrue();
            org.jsmpp.bean.DeliverSm got = delivered.poll(5, TimeUnit.SECONDS);
            assertThat(new String(got.getShortMessage(), ISO_8859_1)).isEqualTo("hello from smsgate");
        }

        theirs.unbindAndClose();
        ours.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(ours.state()).isEqualTo(SessionState.CLOSED);
    }
}
