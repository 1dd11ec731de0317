package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.type.Address;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A Cloudhopper SMPP client (ch-smpp 5.0.9) against a server built on our session layer. */
class CloudhopperClientIT {

    private static SmppTransport transport;
    private static OurServer server;
    private static ExecutorService executor;
    private static DefaultSmppClient client;

    @BeforeAll
    static void start() {
        transport = SmppTransport.create("ch-client-it", 1);
        server = new OurServer(transport);
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 1);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        client.destroy();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        transport.close();
    }

    static SmppSessionConfiguration configuration(SmppBindType type, int port) {
        SmppSessionConfiguration config = new SmppSessionConfiguration(type, OurServer.SYSTEM_ID, OurServer.PASSWORD);
        config.setName("ch-" + type);
        config.setHost("127.0.0.1");
        config.setPort(port);
        config.setWindowSize(5);
        config.setConnectTimeout(5000);
        config.setBindTimeout(5000);
        config.setInterfaceVersion(SmppConstants.VERSION_3_4);
        config.getLoggingOptions().setLogBytes(false);
        return config;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SmppBindType.class, names = {"TRANSMITTER", "RECEIVER", "TRANSCEIVER"})
    void bindsSubmitsReceivesDeliverSmEnquiresAndUnbinds(SmppBindType type) throws Exception {
        BlockingQueue<PduRequest<?>> delivered = new LinkedBlockingQueue<>();
        com.cloudhopper.smpp.SmppSession theirs = client.bind(configuration(type, server.port()),
                new DefaultSmppSessionHandler() {
                    @Override
                    @SuppressWarnings("rawtypes")
                    public PduResponse firePduRequestReceived(PduRequest request) {
                        if (request instanceof com.cloudhopper.smpp.pdu.DeliverSm) {
                            delivered.add(request);
                        }
                        return request.createResponse();
                    }
                });
        SmppSession ours = server.nextBound();
        assertThat(ours.systemId()).isEqualTo("acme");
        assertThat(ours.bindType()).contains(switch (type) {
            case TRANSMITTER -> io.smsgate.protocol.smpp.pdu.BindType.TX;
            case RECEIVER -> io.smsgate.protocol.smpp.pdu.BindType.RX;
            case TRANSCEIVER -> io.smsgate.protocol.smpp.pdu.BindType.TRX;
        });

        // enquire_link both ways
        assertThat(theirs.enquireLink(new com.cloudhopper.smpp.pdu.EnquireLink(), 5000).getCommandStatus())
                .isEqualTo(SmppConstants.STATUS_OK);
        assertThat(ours.send(new EnquireLink(0)).get(5, TimeUnit.SECONDS).isOk()).isTrue();

        // submit_sm: served on TX/TRX, refused with ESME_RINVBNDSTS on RX (SMPP 5.0 §2.4)
        com.cloudhopper.smpp.pdu.SubmitSm submit = new com.cloudhopper.smpp.pdu.SubmitSm();
        submit.setSourceAddress(new Address((byte) 1, (byte) 1, "447700900001"));
        submit.setDestAddress(new Address((byte) 1, (byte) 1, "447700900002"));
        submit.setShortMessage(CharsetUtil.encode("hello from cloudhopper", CharsetUtil.CHARSET_GSM));
        com.cloudhopper.smpp.pdu.SubmitSmResp submitResp = theirs.submit(submit, 5000);
        if (type == SmppBindType.RECEIVER) {
            assertThat(submitResp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_INVBNDSTS);
        } else {
            assertThat(submitResp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            assertThat(submitResp.getMessageId()).isEqualTo("msg-" + submitResp.getSequenceNumber());
            SubmitSm received = (SubmitSm) server.nextReceived();
            assertThat(received.message().shortMessage()).isEqualTo(OctetString.ascii("hello from cloudhopper"));
            assertThat(received.message().destination().address()).isEqualTo("447700900002");
        }

        // deliver_sm from us: answered by the client on RX/TRX, refused locally on TX
        CompletableFuture<Response> deliver = ours.send(new DeliverSm(0, ShortMessage.of(
                io.smsgate.protocol.smpp.pdu.Address.international("447700900002"),
                io.smsgate.protocol.smpp.pdu.Address.international("447700900001"), 0,
                OctetString.ascii("hello from smsgate"))));
        if (type == SmppBindType.TRANSMITTER) {
            assertThat(deliver).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .havingCause().isInstanceOf(SessionException.class);
        } else {
            assertThat(deliver.get(5, TimeUnit.SECONDS).isOk()).isTrue();
            com.cloudhopper.smpp.pdu.DeliverSm got = (com.cloudhopper.smpp.pdu.DeliverSm) delivered.poll(5,
                    TimeUnit.SECONDS);
            assertThat(CharsetUtil.decode(got.getShortMessage(), CharsetUtil.CHARSET_GSM))
                    .isEqualTo("hello from smsgate");
        }

        theirs.unbind(5000);
        ours.closeFuture().get(5, TimeUnit.SECONDS);
        theirs.destroy();
        assertThat(ours.state()).isEqualTo(SessionState.CLOSED);
    }
}
