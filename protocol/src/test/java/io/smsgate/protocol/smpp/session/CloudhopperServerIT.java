package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.time.Duration;
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

/** Our client against a Cloudhopper SMPP server (ch-smpp 5.0.9, DefaultSmppServer). */
class CloudhopperServerIT {

    private static final BlockingQueue<SmppServerSession> SESSIONS = new LinkedBlockingQueue<>();
    private static final BlockingQueue<PduRequest<?>> RECEIVED = new LinkedBlockingQueue<>();

    private static SmppTransport transport;
    private static ExecutorService executor;
    private static DefaultSmppServer smsc;
    private static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        transport = SmppTransport.create("ch-server-it", 1);
        executor = Executors.newCachedThreadPool();
        SmppServerConfiguration config = new SmppServerConfiguration();
        config.setName("ch-smsc");
        config.setHost("127.0.0.1");
        config.setPort(0);
        config.setSystemId("chsmsc");
        config.setDefaultWindowSize(5);
        config.setJmxEnabled(false);
        config.setNonBlockingSocketsEnabled(true);
        smsc = new DefaultSmppServer(config, new SmppServerHandler() {
            @Override
            public void sessionBindRequested(Long id, SmppSessionConfiguration session, BaseBind bind) {
                session.setName("ch-smsc-" + id);
            }

            @Override
            public void sessionCreated(Long id, SmppServerSession session, BaseBindResp response) {
                session.serverReady(new DefaultSmppSessionHandler() {
                    @Override
                    @SuppressWarnings("rawtypes")
                    public PduResponse firePduRequestReceived(PduRequest request) {
                        PduResponse response = request.createResponse();
                        if (response instanceof SubmitSmResp submitResp) {
                            RECEIVED.add(request);
                            submitResp.setMessageId("ch-" + request.getSequenceNumber());
                        }
                        return response;
                    }
                });
                SESSIONS.add(session);
            }

            @Override
            public void sessionDestroyed(Long id, SmppServerSession session) {
                session.destroy();
            }
        }, executor);
        smsc.start();
        // DefaultSmppServer does not expose the port it bound; port 0 needs its server channel
        Field channel = DefaultSmppServer.class.getDeclaredField("serverChannel");
        channel.setAccessible(true);
        address = (InetSocketAddress) ((org.jboss.netty.channel.Channel) channel.get(smsc)).getLocalAddress();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        smsc.destroy();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        transport.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindType.class)
    void ourClientBindsSubmitsReceivesDeliverSmEnquiresAndUnbinds(BindType type) throws Exception {
        RecordingListener listener = new RecordingListener();
        BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();
        RequestHandler handler = (session, request) -> {
            delivered.add((DeliverSm) request);
            return CompletableFuture.completedFuture(DeliverSmResp.ok(request.sequenceNumber(), ""));
        };
        SmppSession ours = new SmppClient(transport).bind(ClientConfig.of(address, new Bind(0, type, "acme",
                "secret", "", InterfaceVersion.V34, io.smsgate.protocol.smpp.pdu.Address.EMPTY)), handler, listener)
                .get(5, TimeUnit.SECONDS);
        SmppServerSession theirs = SESSIONS.poll(5, TimeUnit.SECONDS);
        assertThat(ours.state()).isEqualTo(SessionState.bound(type));

        assertThat(ours.send(new EnquireLink(0)).get(5, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(theirs.enquireLink(new com.cloudhopper.smpp.pdu.EnquireLink(), 5000).getCommandStatus())
                .isEqualTo(SmppConstants.STATUS_OK);

        CompletableFuture<Response> submit = ours.send(new SubmitSm(0, Pdus.MESSAGE));
        if (type.canTransmit()) {
            Response resp = submit.get(5, TimeUnit.SECONDS);
            assertThat(resp.isOk()).isTrue();
            assertThat(((io.smsgate.protocol.smpp.pdu.SubmitSmResp) resp).messageId())
                    .isEqualTo("ch-" + resp.sequenceNumber());
            com.cloudhopper.smpp.pdu.SubmitSm got = (com.cloudhopper.smpp.pdu.SubmitSm) RECEIVED.poll(5,
                    TimeUnit.SECONDS);
            assertThat(CharsetUtil.decode(got.getShortMessage(), CharsetUtil.CHARSET_GSM)).isEqualTo("hello");
        } else {
            assertThat(submit).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .havingCause().isInstanceOf(SessionException.class);
        }

        // Cloudhopper's server does not check bind state: a TX bind gets the deliver_sm and refuses it (B18)
        com.cloudhopper.smpp.pdu.DeliverSm deliver = new com.cloudhopper.smpp.pdu.DeliverSm();
        deliver.setSourceAddress(new Address((byte) 1, (byte) 1, "447700900002"));
        deliver.setDestAddress(new Address((byte) 1, (byte) 1, "447700900001"));
        deliver.setShortMessage(CharsetUtil.encode("mo text", CharsetUtil.CHARSET_GSM));
        WindowFuture<Integer, PduRequest, PduResponse> answer = theirs.sendRequestPdu(deliver, 5000, true);
        assertThat(answer.await(5000)).isTrue();
        if (type.canReceive()) {
            assertThat(answer.getResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            assertThat(delivered.poll(5, TimeUnit.SECONDS).message().shortMessage())
                    .isEqualTo(OctetString.ascii("mo text"));
        } else {
            assertThat(answer.getResponse().getCommandStatus()).isEqualTo(CommandStatus.ESME_RINVBNDSTS.code());
        }

        ours.unbind().get(5, TimeUnit.SECONDS);
        assertThat(listener.events).contains("completed UNBIND ESME_ROK");
        await().atMost(Duration.ofSeconds(5)).until(() -> !theirs.isBound());
    }
}
