package io.smsgate.server.gateway;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A Cloudhopper client (an independent SMPP 3.4 stack) for the full-server socket tests: binds sessions to
 * 127.0.0.1, builds submit_sm, and collects deliver_sm in an {@link Inbox}. Public because the routing tests use it.
 */
public final class CloudhopperEsme implements AutoCloseable {

    /** esm_class message type bits (SMPP 3.4 §5.2.12); 0x04 is an SMSC delivery receipt. */
    private static final int MESSAGE_TYPE = 0x3C;
    private static final int DELIVERY_RECEIPT = 0x04;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final DefaultSmppClient client = new DefaultSmppClient(executor, 1);

    /** Binds a {@code type} session as {@code systemId} to 127.0.0.1:{@code port}; deliver_sm go to {@code inbox}. */
    public SmppSession bind(SmppBindType type, String systemId, String password, int port,
            DefaultSmppSessionHandler inbox) throws Exception {
        SmppSessionConfiguration config = new SmppSessionConfiguration(type, systemId, password);
        config.setName("esme-" + systemId + "-" + type);
        config.setHost("127.0.0.1");
        config.setPort(port);
        config.setWindowSize(10);
        config.setConnectTimeout(5000);
        config.setBindTimeout(10_000);
        config.setRequestExpiryTimeout(10_000);
        config.setInterfaceVersion(SmppConstants.VERSION_3_4);
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        return client.bind(config, inbox);
    }

    /** A submit_sm from the alphanumeric "ACME" to international {@code destination}, asking for a receipt. */
    public static SubmitSm submit(String destination, byte[] text, int dataCoding) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setSourceAddress(new Address((byte) 5, (byte) 0, "ACME"));
        submit.setDestAddress(new Address((byte) 1, (byte) 1, destination));
        submit.setDataCoding((byte) dataCoding);
        submit.setRegisteredDelivery((byte) 1);
        submit.setShortMessage(text);
        return submit;
    }

    /** The receipt's receipted_message_id TLV (SMPP 3.4 §5.3.2.12), or "" when it has none. */
    public static String receiptedId(DeliverSm receipt) {
        Tlv tlv = receipt.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
        try {
            return tlv == null ? "" : tlv.getValueAsString();
        } catch (Exception e) {
            throw new AssertionError("receipted_message_id unreadable", e);
        }
    }

    @Override
    public void close() {
        client.destroy();
        executor.shutdownNow();
    }

    /** Collects deliver_sm (receipts and MOs told apart by esm_class) and answers each ESME_ROK. */
    public static final class Inbox extends DefaultSmppSessionHandler {
        private final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();

        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof DeliverSm deliverSm) {
                delivered.add(deliverSm);
            }
            return request.createResponse();
        }

        public List<DeliverSm> receipts() {
            return delivered.stream().filter(d -> (d.getEsmClass() & MESSAGE_TYPE) == DELIVERY_RECEIPT).toList();
        }

        public List<DeliverSm> mos() {
            return delivered.stream().filter(d -> (d.getEsmClass() & MESSAGE_TYPE) == 0).toList();
        }
    }
}
