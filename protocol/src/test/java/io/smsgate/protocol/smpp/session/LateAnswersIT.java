package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.commons.util.windowing.WindowFuture;
import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers that a request handler completes later on another thread (a store's completion thread completes a whole
 * committed batch at once) reach the client, each with its own sequence_number, over a real socket.
 */
class LateAnswersIT {

    private static final int REQUESTS = 60;

    private final Map<Integer, CompletableFuture<Response>> unanswered = new ConcurrentHashMap<>();
    private final RecordingListener listener = new RecordingListener();
    private SmppTransport transport;
    private SmppServer server;
    private ExecutorService executor;
    private DefaultSmppClient client;

    @BeforeEach
    void start() {
        transport = SmppTransport.create("late-answers-it", 1);
        RequestHandler handler = (session, request) -> {
            CompletableFuture<Response> answer = new CompletableFuture<>();
            unanswered.put(request.sequenceNumber(), answer);
            return answer;
        };
        Authenticator authenticator = (session, bind) -> CompletableFuture.completedFuture(
                BindDecision.accept(handler));
        server = SmppServer.start(transport, new ServerConfig(new InetSocketAddress("127.0.0.1", 0), "smsgate",
                SessionConfig.DEFAULTS.withSessionInitTimeout(Duration.ofSeconds(5)), PduLimits.DEFAULTS,
                Optional.empty()), authenticator, listener);
        executor = Executors.newCachedThreadPool();
        client = new DefaultSmppClient(executor, 1);
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.destroy();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        transport.close();
    }

    @Test
    void aBatchOfAnswersCompletedOffTheLoopReachesTheClientEachWithItsSequenceNumber() throws Exception {
        var config = CloudhopperClientIT.configuration(SmppBindType.TRANSCEIVER, server.localAddress().getPort());
        config.setWindowSize(REQUESTS);
        com.cloudhopper.smpp.SmppSession theirs = client.bind(config, new QuietHandler());
        List<WindowFuture<Integer, com.cloudhopper.smpp.pdu.PduRequest, PduResponse>> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            com.cloudhopper.smpp.pdu.SubmitSm submit = new com.cloudhopper.smpp.pdu.SubmitSm();
            submit.setSourceAddress(new Address((byte) 1, (byte) 1, "447700900001"));
            submit.setDestAddress(new Address((byte) 1, (byte) 1, "447700900002"));
            submit.setShortMessage(CharsetUtil.encode("late " + i, CharsetUtil.CHARSET_GSM));
            sent.add(theirs.sendRequestPdu(submit, 10_000, false));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> unanswered.size() == REQUESTS);

        // One thread completes them all, last first, as a completion thread finishes a committed batch.
        List<Integer> sequenceNumbers = new ArrayList<>(unanswered.keySet());
        sequenceNumbers.sort((a, b) -> Integer.compare(b, a));
        for (int sequenceNumber : sequenceNumbers) {
            unanswered.get(sequenceNumber).complete(SubmitSmResp.ok(sequenceNumber, "msg-" + sequenceNumber));
        }

        Map<Integer, String> answered = new HashMap<>();
        for (var future : sent) {
            assertThat(future.await(10_000)).isTrue();
            com.cloudhopper.smpp.pdu.SubmitSmResp resp = (com.cloudhopper.smpp.pdu.SubmitSmResp) future.getResponse();
            assertThat(resp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            answered.put(resp.getSequenceNumber(), resp.getMessageId());
        }
        assertThat(answered).hasSize(REQUESTS)
                .allSatisfy((sequenceNumber, messageId) -> assertThat(messageId).isEqualTo("msg-" + sequenceNumber));
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.stream()
                .filter(event -> event.equals("answered SUBMIT_SM " + CommandStatus.ESME_ROK)).count() == REQUESTS);
        theirs.unbind(5000);
    }

    @Test
    void aFailedAnswerCompletedOffTheLoopIsSystemErrorAndTheSessionGoesOn() throws Exception {
        com.cloudhopper.smpp.SmppSession theirs = client.bind(
                CloudhopperClientIT.configuration(SmppBindType.TRANSCEIVER, server.localAddress().getPort()),
                new QuietHandler());
        var failed = theirs.sendRequestPdu(submit(), 10_000, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> unanswered.size() == 1);
        unanswered.values().iterator().next().completeExceptionally(new IllegalStateException("store gone"));
        assertThat(failed.await(10_000)).isTrue();
        assertThat(failed.getResponse().getCommandStatus()).isEqualTo(SmppConstants.STATUS_SYSERR);

        unanswered.clear();
        var next = theirs.sendRequestPdu(submit(), 10_000, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> unanswered.size() == 1);
        var entry = unanswered.entrySet().iterator().next();
        entry.getValue().complete(SubmitSmResp.ok(entry.getKey(), "msg-next"));
        assertThat(next.await(10_000)).isTrue();
        assertThat(((com.cloudhopper.smpp.pdu.SubmitSmResp) next.getResponse()).getMessageId()).isEqualTo("msg-next");
        theirs.unbind(5000);
    }

    /** Responses are read from their window futures; Cloudhopper's default would also log each one at WARN. */
    private static final class QuietHandler extends DefaultSmppSessionHandler {
        @Override
        public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
            // read from the request's WindowFuture instead
        }
    }

    private static com.cloudhopper.smpp.pdu.SubmitSm submit() throws Exception {
        com.cloudhopper.smpp.pdu.SubmitSm submit = new com.cloudhopper.smpp.pdu.SubmitSm();
        submit.setSourceAddress(new Address((byte) 1, (byte) 1, "447700900001"));
        submit.setDestAddress(new Address((byte) 1, (byte) 1, "447700900002"));
        submit.setShortMessage(CharsetUtil.encode("late", CharsetUtil.CHARSET_GSM));
        return submit;
    }
}
