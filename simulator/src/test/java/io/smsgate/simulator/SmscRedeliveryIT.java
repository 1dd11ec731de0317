package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.smsgate.simulator.counters.CounterSnapshot;
import io.smsgate.simulator.counters.DropReason;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Store and forward of deliver_sm by the simulated SMSC, seen on the wire by a byte-level ESME: receipts
 * survive a reset connection, temporary errors and the absence of any receiver bind; permanent errors end them.
 */
@Timeout(60)
class SmscRedeliveryIT {
    /** How long a test waits to conclude that nothing more was sent: a socket read timeout, not a sleep. */
    private static final int QUIET_MILLIS = 400;
    private static final int ESME_RX_T_APPN = 0x64;
    private static final int ESME_RTHROTTLED = 0x58;
    private static final Pattern RECEIPT_ID = Pattern.compile("^id:(\\S+) ");

    @RegisterExtension
    final OneCarrier smsc = new OneCarrier("esme", 3, 2);

    private static RawEsme bound(SmscSimulator.Carrier carrier, int bindCommandId, int readTimeout) throws IOException {
        RawEsme esme = new RawEsme(carrier.address(), readTimeout);
        esme.bind(bindCommandId, 1, "esme", "secret");
        RawEsme.Frame response = esme.read();
        assertThat(response.commandId()).isEqualTo(bindCommandId | 0x80000000);
        assertThat(response.status()).isZero();
        return esme;
    }

    /** Submits with registered_delivery 1 and returns the message_id of the submit_sm_resp. */
    private static String submit(RawEsme esme, int sequence) throws IOException {
        esme.submit(sequence, "4477009123", "message " + sequence, 1);
        RawEsme.Frame response = esme.read();
        assertThat(response.commandId()).isEqualTo(RawEsme.SUBMIT_SM_RESP);
        assertThat(response.sequence()).isEqualTo(sequence);
        return response.bodyText().substring(0, response.body().length - 1);
    }

    private static RawEsme.Frame readReceipt(RawEsme esme) throws IOException {
        RawEsme.Frame frame = esme.read();
        assertThat(frame.commandId()).isEqualTo(RawEsme.DELIVER_SM);
        return frame;
    }

    /** The id: field of a receipt's text (SMPP 3.4 Appendix B), found in the deliver_sm body. */
    private static String receiptId(RawEsme.Frame receipt) {
        String text = receipt.bodyText();
        Matcher matcher = RECEIPT_ID.matcher(text.substring(text.indexOf("id:")));
        assertThat(matcher.find()).as("receipt text in %s", text).isTrue();
        return matcher.group(1);
    }

    private static void assertNothingMore(RawEsme esme) throws IOException {
        esme.readTimeout(QUIET_MILLIS);
        assertThatThrownBy(esme::read).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aReceiptInFlightWhenTheConnectionIsResetArrivesAfterTheNextBind() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("{}");
        byte[] lost;
        try (RawEsme esme = bound(carrier, RawEsme.BIND_TRANSCEIVER, 5000)) {
            String messageId = submit(esme, 2);
            RawEsme.Frame receipt = readReceipt(esme);
            assertThat(receiptId(receipt)).isEqualTo(messageId);
            lost = receipt.body();
            esme.reset();  // before the deliver_sm_resp
        }
        await().until(() -> carrier.waitingDeliveries("esme") == 1);

        try (RawEsme again = bound(carrier, RawEsme.BIND_TRANSCEIVER, 5000)) {
            RawEsme.Frame resent = readReceipt(again);
            assertThat(resent.body()).isEqualTo(lost);
            again.answer(resent, 0);
            await().untilAsserted(() -> assertThat(carrier.counters().snapshot().receiptsAcknowledged()).isEqualTo(1));
            assertNothingMore(again);
        }
        CounterSnapshot counters = carrier.counters().snapshot();
        assertThat(counters.receiptsSent()).isEqualTo(1);
        assertThat(counters.receiptsResent()).isEqualTo(1);
        assertThat(carrier.waitingDeliveries("esme")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ESME_RX_T_APPN  | 100
        ESME_RMSGQFUL   | 20
        ESME_RTHROTTLED | 88
        """)
    void aReceiptAnsweredWithATemporaryErrorIsDeliveredAgain(String caseName, int status) throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {redelivery: {retry-delay: 5ms}}");
        try (RawEsme esme = bound(carrier, RawEsme.BIND_TRANSCEIVER, 5000)) {
            String messageId = submit(esme, 2);
            RawEsme.Frame first = readReceipt(esme);
            esme.answer(first, status);
            RawEsme.Frame second = readReceipt(esme);
            assertThat(receiptId(second)).isEqualTo(messageId);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.sequence()).isNotEqualTo(first.sequence());
            esme.answer(second, 0);
            await().untilAsserted(() -> assertThat(carrier.counters().snapshot().receiptsAcknowledged()).isEqualTo(1));
            assertNothingMore(esme);
        }
        CounterSnapshot counters = carrier.counters().snapshot();
        assertThat(counters.receiptsSent()).isEqualTo(1);
        assertThat(counters.receiptsResent()).isEqualTo(1);
        assertThat(counters.receiptsRejected()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ESME_RX_P_APPN  | 101
        ESME_RX_R_APPN  | 102
        ESME_RSYSERR    | 8
        """)
    void aReceiptAnsweredWithAPermanentErrorIsDropped(String caseName, int status) throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {redelivery: {retry-delay: 5ms}}");
        try (RawEsme esme = bound(carrier, RawEsme.BIND_TRANSCEIVER, 5000)) {
            submit(esme, 2);
            esme.answer(readReceipt(esme), status);
            esme.enquireLink(3);
            assertThat(esme.read().commandId()).isEqualTo(RawEsme.ENQUIRE_LINK_RESP);
            assertNothingMore(esme);
        }
        CounterSnapshot counters = carrier.counters().snapshot();
        assertThat(counters.receiptsDropped(DropReason.PERMANENT_ERROR)).isEqualTo(1);
        assertThat(counters.receiptsResent()).isZero();
        assertThat(carrier.waitingDeliveries("esme")).isZero();
    }

    @Test
    void aReceiptIsDroppedWhenTheTemporaryErrorsOutlastItsAttempts() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {redelivery: {retry-delay: 5ms, max-attempts: 3}}");
        try (RawEsme esme = bound(carrier, RawEsme.BIND_TRANSCEIVER, 5000)) {
            submit(esme, 2);
            for (int attempt = 1; attempt <= 3; attempt++) {
                esme.answer(readReceipt(esme), attempt == 2 ? ESME_RTHROTTLED : ESME_RX_T_APPN);
            }
            assertNothingMore(esme);
        }
        CounterSnapshot counters = carrier.counters().snapshot();
        assertThat(counters.receiptsResent()).isEqualTo(2);
        assertThat(counters.receiptsDropped(DropReason.ATTEMPTS_EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void receiptsDueWhileNoReceiverIsBoundWaitAndArriveInDueOrderOnTheNextReceiverBind() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {redelivery: {queue-capacity: 3}}");
        List<String> ids = new java.util.ArrayList<>();
        try (RawEsme transmitter = bound(carrier, RawEsme.BIND_TRANSMITTER, 5000)) {
            for (int sequence = 2; sequence <= 5; sequence++) {
                ids.add(submit(transmitter, sequence));
            }
            await().until(() -> carrier.counters().snapshot().receiptsQueued() == 4);
            assertThat(carrier.waitingDeliveries("esme")).isEqualTo(3);
            try (RawEsme receiver = bound(carrier, RawEsme.BIND_RECEIVER, 5000)) {
                // The oldest of the four made room (capacity 3); the other three come in the order they fell due.
                for (String id : ids.subList(1, 4)) {
                    RawEsme.Frame receipt = readReceipt(receiver);
                    assertThat(receiptId(receipt)).isEqualTo(id);
                    receiver.answer(receipt, 0);
                }
                await().untilAsserted(() ->
                        assertThat(carrier.counters().snapshot().receiptsAcknowledged()).isEqualTo(3));
                assertNothingMore(receiver);
            }
            assertNothingMore(transmitter);
        }
        CounterSnapshot counters = carrier.counters().snapshot();
        assertThat(counters.receiptsDropped(DropReason.QUEUE_FULL)).isEqualTo(1);
        assertThat(counters.receiptsSent()).isEqualTo(3);
        assertThat(counters.receiptsResent()).isZero();
    }
}
