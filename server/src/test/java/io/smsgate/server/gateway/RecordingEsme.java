package io.smsgate.server.gateway;

import com.cloudhopper.smpp.PduAsyncResponse;
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
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cloudhopper transceiver ESME for crash tests: submits numbered messages asynchronously (message n goes to its
 * own destination, {@link #destination(int)}), and records every outcome: which numbers were sent, which were
 * answered ESME_ROK with which message id, which were answered otherwise, and every delivery receipt by the
 * message id it carries together with the time it was acknowledged. It keeps its records across re-binds.
 */
final class RecordingEsme implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingEsme.class);
    /** esm_class message type bits (SMPP 3.4 §5.2.12); 0x04 is an SMSC delivery receipt. */
    private static final int MESSAGE_TYPE = 0x3C;
    private static final int DELIVERY_RECEIPT = 0x04;
    private static final Pattern RECEIPT_ID = Pattern.compile("id:(\\S+)");
    private static final long DESTINATION_BASE = 447_700_000_000L;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final DefaultSmppClient client = new DefaultSmppClient(executor, 1);
    private final String systemId;
    private final String password;
    private final Set<Integer> sent = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> accepted = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> refused = new ConcurrentHashMap<>();
    /** Receipted message id → the test JVM's nanoTime of each receipt for it, in arrival order. */
    private final Map<String, List<Long>> receipts = new ConcurrentHashMap<>();
    private final AtomicInteger receiptCount = new AtomicInteger();
    private final AtomicInteger otherDeliveries = new AtomicInteger();
    private volatile SmppSession session;
    private volatile Handler handler = new Handler();

    RecordingEsme(String systemId, String password) {
        this.systemId = systemId;
        this.password = password;
    }

    /** The destination of message {@code n}: one number per message, so the carrier's counters name it. */
    static String destination(int n) {
        return Long.toString(DESTINATION_BASE + n);
    }

    /** Binds a transceiver session to 127.0.0.1:{@code port}; an earlier session is closed first. */
    void bind(int port) throws Exception {
        SmppSession previous = session;
        if (previous != null) {
            previous.destroy();
        }
        SmppSessionConfiguration config = new SmppSessionConfiguration(SmppBindType.TRANSCEIVER, systemId, password);
        config.setName("crash-esme");
        config.setHost("127.0.0.1");
        config.setPort(port);
        config.setWindowSize(20);
        config.setWindowWaitTimeout(10_000);
        config.setConnectTimeout(5000);
        config.setBindTimeout(10_000);
        config.setRequestExpiryTimeout(30_000);
        config.setInterfaceVersion(SmppConstants.VERSION_3_4);
        config.getLoggingOptions().setLogBytes(false);
        config.getLoggingOptions().setLogPdu(false);
        Handler fresh = new Handler();
        session = client.bind(config, fresh);
        handler = fresh;
    }

    /**
     * Sends message {@code n} without waiting for its response; it counts as sent before the first byte is written,
     * so a message whose submit was cut off by a crash is among {@link #unanswered()}.
     */
    void submit(int n) {
        SmppSession current = session;
        if (current == null || !handler.open) {
            return;
        }
        sent.add(n);
        try {
            SubmitSm submit = new SubmitSm();
            submit.setSourceAddress(new Address((byte) 5, (byte) 0, "CRASH"));
            submit.setDestAddress(new Address((byte) 1, (byte) 1, destination(n)));
            submit.setRegisteredDelivery((byte) 1);
            submit.setShortMessage(("crash test message " + n).getBytes(StandardCharsets.US_ASCII));
            submit.setReferenceObject(n);
            current.sendRequestPdu(submit, 30_000, false);
        } catch (Exception e) {
            log.debug("submit failed n={} reason={}", n, e.toString());
        }
    }

    void unbind() {
        SmppSession current = session;
        if (current != null && current.isBound()) {
            current.unbind(5000);
        }
    }

    /** Bound and its connection not lost (Cloudhopper's own state still says bound after the peer vanished). */
    boolean isBound() {
        SmppSession current = session;
        return handler.open && current != null && current.isBound();
    }

    /** Message number → our message id, for every submit answered ESME_ROK. */
    Map<Integer, String> accepted() {
        return Map.copyOf(accepted);
    }

    Map<Integer, Integer> refused() {
        return Map.copyOf(refused);
    }

    /** Numbers sent that got no answer at all (cut off by the crash). */
    Set<Integer> unanswered() {
        Set<Integer> result = ConcurrentHashMap.newKeySet();
        for (Integer n : sent) {
            if (!accepted.containsKey(n) && !refused.containsKey(n)) {
                result.add(n);
            }
        }
        return Set.copyOf(result);
    }

    /** Receipted message id → the nanoTimes its receipts were acknowledged at. */
    Map<String, List<Long>> receipts() {
        Map<String, List<Long>> copy = new HashMap<>();
        receipts.forEach((id, times) -> {
            synchronized (times) {
                copy.put(id, List.copyOf(times));
            }
        });
        return copy;
    }

    int receiptCount() {
        return receiptCount.get();
    }

    /** deliver_sm that were not receipts (the test sends no MO, so this stays 0). */
    int otherDeliveries() {
        return otherDeliveries.get();
    }

    @Override
    public void close() {
        SmppSession current = session;
        if (current != null) {
            current.destroy();
        }
        client.destroy();
        executor.shutdownNow();
    }

    private static String receiptedId(DeliverSm receipt) {
        Tlv tlv = receipt.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
        if (tlv != null) {
            try {
                return tlv.getValueAsString();
            } catch (Exception e) {
                throw new IllegalStateException("receipted_message_id unreadable", e);
            }
        }
        Matcher id = RECEIPT_ID.matcher(new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1));
        return id.find() ? id.group(1) : "";
    }

    private final class Handler extends DefaultSmppSessionHandler {
        private volatile boolean open = true;

        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof DeliverSm deliverSm) {
                if ((deliverSm.getEsmClass() & MESSAGE_TYPE) == DELIVERY_RECEIPT) {
                    // Recorded before the response is returned: the gateway can only count it as delivered after.
                    List<Long> times = receipts.computeIfAbsent(receiptedId(deliverSm),
                            id -> new ArrayList<>(1));
                    synchronized (times) {
                        times.add(System.nanoTime());
                    }
                    receiptCount.incrementAndGet();
                } else {
                    otherDeliveries.incrementAndGet();
                }
            }
            return request.createResponse();
        }

        @Override
        public void fireChannelUnexpectedlyClosed() {
            open = false;
            log.info("esme connection lost sent={} accepted={} receipts={}", sent.size(), accepted.size(),
                    receiptCount.get());
        }

        @Override
        public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
            if (response.getResponse() instanceof SubmitSmResp resp
                    && response.getRequest().getReferenceObject() instanceof Integer n) {
                if (resp.getCommandStatus() == SmppConstants.STATUS_OK) {
                    accepted.put(n, resp.getMessageId());
                } else {
                    refused.put(n, resp.getCommandStatus());
                }
            }
        }
    }
}
