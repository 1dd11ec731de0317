package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.tlv.Tlv;
import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.scenario.LoadPhase;
import io.smsgate.simulator.scenario.MessageMix;
import io.smsgate.simulator.scenario.SystemUnderTest;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load generator against an SMSC written here on Cloudhopper (not our simulator): the counts each side
 * keeps must agree.
 */
@Timeout(120)
class LoadGeneratorCloudhopperIT {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong submits = new AtomicLong();
    private final AtomicLong receiptsSent = new AtomicLong();
    private final AtomicLong receiptsAcknowledged = new AtomicLong();
    private DefaultSmppServer smsc;

    @AfterEach
    void stop() {
        if (smsc != null) {
            smsc.destroy();
        }
        executor.shutdownNow();
    }

    private InetSocketAddress startSmsc() throws Exception {
        SmppServerConfiguration config = new SmppServerConfiguration();
        config.setName("ch-smsc");
        config.setHost("127.0.0.1");
        config.setPort(0);
        config.setSystemId("chsmsc");
        config.setDefaultWindowSize(50);
        config.setJmxEnabled(false);
        config.setNonBlockingSocketsEnabled(true);
        smsc = new DefaultSmppServer(config, new SmppServerHandler() {
            @Override
            public void sessionBindRequested(Long id, SmppSessionConfiguration session, BaseBind bind) {
                session.setName("ch-smsc-" + id);
            }

            @Override
            public void sessionCreated(Long id, SmppServerSession session, BaseBindResp response) {
                session.serverReady(new ReceiptingHandler(session));
            }

            @Override
            public void sessionDestroyed(Long id, SmppServerSession session) {
                session.destroy();
            }
        }, executor);
        smsc.start();
        // DefaultSmppServer does not expose the port it bound; port 0 needs its server channel.
        Field channel = DefaultSmppServer.class.getDeclaredField("serverChannel");
        channel.setAccessible(true);
        return (InetSocketAddress) ((org.jboss.netty.channel.Channel) channel.get(smsc)).getLocalAddress();
    }

    /** Accepts every submit with id "ch-N" and sends a DELIVRD receipt for it on the same session. */
    private final class ReceiptingHandler extends DefaultSmppSessionHandler {
        private final SmppServerSession session;

        ReceiptingHandler(SmppServerSession session) {
            this.session = session;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
            PduResponse response = request.createResponse();
            if (request instanceof SubmitSm submit && response instanceof SubmitSmResp submitResp) {
                String id = "ch-" + submits.incrementAndGet();
                submitResp.setMessageId(id);
                executor.execute(() -> sendReceipt(submit, id));
            }
            return response;
        }

        private void sendReceipt(SubmitSm submit, String id) {
            try {
                DeliverSm receipt = new DeliverSm();
                receipt.setEsmClass((byte) 0x04);
                receipt.setSourceAddress(submit.getDestAddress());
                receipt.setDestAddress(submit.getSourceAddress());
                receipt.setShortMessage(("id:" + id + " sub:001 dlvrd:001 submit date:2611211015 done date:2611211015"
                        + " stat:DELIVRD err:000 text:").getBytes(StandardCharsets.US_ASCII));
                receipt.addOptionalParameter(new Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID,
                        (id + "\0").getBytes(StandardCharsets.US_ASCII)));
                session.sendRequestPdu(receipt, 10_000, false);
                receiptsSent.incrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException("receipt for " + id, e);
            }
        }

        @Override
        public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
            if (response.getResponse().getCommandStatus() == SmppConstants.STATUS_OK) {
                receiptsAcknowledged.incrementAndGet();
            }
        }
    }

    @Test
    void countsAgreeWithAnIndependentSmsc() throws Exception {
        InetSocketAddress address = startSmsc();
        SystemUnderTest target = new SystemUnderTest("127.0.0.1", address.getPort(), Optional.empty(), "load",
                "secret", SystemUnderTest.BindType.TRANSCEIVER, 2, 10, Duration.ofSeconds(5));
        MessageMix mix = new MessageMix(80, 20, 0, 1.0, "12345", List.of("+4477009"), 12);
        LoadResult result;
        try (LoadGenerator generator = LoadGenerator.connect(address, target, MessageIdCorrelation.AS_IS, 3, 1)) {
            result = generator.run("cloudhopper", List.of(new LoadPhase("steady", Duration.ofSeconds(2), 200, mix)),
                    Duration.ofSeconds(15), point -> { });
        }
        assertThat(result.submitted()).isEqualTo(submits.get()).isGreaterThanOrEqualTo(390);
        assertThat(result.accepted()).isEqualTo(submits.get());
        assertThat(result.unanswered()).isZero();
        assertThat(result.receipts().matched()).isEqualTo(receiptsSent.get()).isEqualTo(submits.get());
        assertThat(result.receipts().lost()).isZero();
        assertThat(result.receipts().doubled()).isZero();
        await().untilAsserted(() -> assertThat(receiptsAcknowledged.get()).isEqualTo(receiptsSent.get()));
    }
}
