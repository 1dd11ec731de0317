package io.smsgate.protocol.smpp.session;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our client against a jSMPP server (3.0.2, SMPPServerSessionListener). */
class JsmppServerIT {

    private static final BlockingQueue<org.jsmpp.bean.SubmitSm> RECEIVED = new LinkedBlockingQueue<>();

    private static SmppTransport transport;
    private static ServerSocket socket;
    private static SMPPServerSessionListener smsc;
    private static ExecutorService acceptor;

    @BeforeAll
    static void start() throws IOException {
        transport = SmppTransport.create("jsmpp-server-it", 1);
        // jSMPP listens on every address by default; this factory keeps it on 127.0.0.1, port 0
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerConnectionFactory loopback = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int port) {
                return new ServerSocketConnection(socket);
            }

            @Override
            public ServerConnection listen(int port, int timeout) {
                return new ServerSocketConnection(socket);
            }

            @Override
            public ServerConnection listen(int port, int timeout, int backlog) {
                return new ServerSocketConnection(socket);
            }
        };
        smsc = new SMPPServerSessionListener(0, 5000, 50, loopback);
        smsc.setMessageReceiverListener(new Receiver());
        acceptor = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() throws Exception {
        smsc.close();
        acceptor.shutdownNow();
        acceptor.awaitTermination(5, TimeUnit.SECONDS);
        transport.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BindType.class)
    void ourClientBindsSubmitsReceivesDeliverSmEnquiresAndUnbinds(BindType type) throws Exception {
        Future<SMPPServerSession> accepted = acceptor.submit(() -> {
            SMPPServerSession session = smsc.accept();
            session.setEnquireLinkTimer(200);
            BindRequest bind = session.waitForBind(5000);
            bind.accept("jsmsc", org.jsmpp.bean.InterfaceVersion.IF_34);
            return session;
        });
        RecordingListener listener = new RecordingListener();
        BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();
        RequestHandler handler = (session, request) -> {
            delivered.add((DeliverSm) request);
            return CompletableFuture.completedFuture(DeliverSmResp.ok(request.sequenceNumber(), ""));
        };
        SmppSession ours = new SmppClient(transport).bind(ClientConfig.of(
                new InetSocketAddress("127.0.0.1", socket.getLocalPort()), new Bind(0, type, "acme", "secret", "",
                        InterfaceVersion.V34, io.smsgate.protocol.smpp.pdu.Address.EMPTY)), handler, listener)
                .get(5, TimeUnit.SECONDS);
        SMPPServerSession theirs = accepted.get(5, TimeUnit.SECONDS);
        assertThat(ours.state()).isEqualTo(SessionState.bound(type));

        // enquire_link both ways: ours out, jSMPP's own (200 ms idle timer) in
        assertThat(ours.send(new EnquireLink(0)).get(5, TimeUnit.SECONDS).isOk()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("answered ENQUIRE_LINK ESME_ROK"));

        CompletableFuture<Response> submit = ours.send(new SubmitSm(0, Pdus.MESSAGE));
        if (type.canTransmit()) {
            Response resp = submit.get(5, TimeUnit.SECONDS);
            assertThat(((io.smsgate.protocol.smpp.pdu.SubmitSmResp) resp).messageId()).isEqualTo("js1");
            assertThat(new String(RECEIVED.poll(5, TimeUnit.SECONDS).getShortMessage(), ISO_8859_1))
                    .isEqualTo("hello");
        } else {
            assertThat(submit).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .havingCause().isInstanceOf(SessionException.class);
        }

        if (type.canReceive()) {
            theirs.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700900002",
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700900001", new ESMClass(),
                    (byte) 0, (byte) 1, new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT),
                    "mo text".getBytes(ISO_8859_1));
            assertThat(delivered.poll(5, TimeUnit.SECONDS).message().shortMessage())
                    .isEqualTo(OctetString.ascii("mo text"));
        }

        ours.unbind().get(5, TimeUnit.SECONDS);
        assertThat(listener.events).contains("completed UNBIND ESME_ROK");
    }

    /** The jSMPP SMSC's answers: submit_sm accepted as "js1", everything else refused. */
    private static final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(org.jsmpp.bean.SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            RECEIVED.add(submitSm);
            try {
                return new SubmitSmResult(new MessageId("js1"), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), 8);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not served", 3);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not served", 3);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not served", 3);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not served", 3);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not served", 3);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not served", 3);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not served", 3);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not served", 3);
        }
    }
}
