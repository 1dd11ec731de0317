package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.smsgate.simulator.config.ConfigNode;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fault mode of the simulated SMSC, shown by the bytes or the timing on the wire (reliability.md Checklist B). */
@Timeout(60)
class SmscFaultIT {
    /** How long a test waits to conclude that nothing was sent: a socket read timeout, not a sleep. */
    private static final int QUIET_MILLIS = 700;

    @RegisterExtension
    final OneCarrier smsc = new OneCarrier("esme", 3, 1);

    private static RawEsme boundEsme(SmscSimulator.Carrier carrier, int readTimeout) throws IOException {
        RawEsme esme = new RawEsme(carrier.address(), readTimeout);
        esme.bind(1, "esme", "secret");
        RawEsme.Frame response = esme.read();
        assertThat(response.commandId()).isEqualTo(RawEsme.BIND_TRANSCEIVER_RESP);
        assertThat(response.status()).isZero();
        return esme;
    }

    @Test
    void bindRespCarriesTheCarrierNameAndScInterfaceVersion() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("{}");
        try (RawEsme esme = new RawEsme(carrier.address(), 5000)) {
            esme.bind(1, "esme", "secret");
            RawEsme.Frame response = esme.read();
            // system_id "carrier-a\0", then TLV sc_interface_version: tag 0210, length 0001, value 34.
            assertThat(RawEsme.hex(response.body())).isEqualTo("636172726965722d6100" + "0210" + "0001" + "34");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        bind failed       | ESME_RBINDFAIL | 13
        invalid password  | ESME_RINVPASWD | 14
        vendor code       | '"0x0400"'     | 1024
        """)
    void refusesBindsWithTheChosenStatusThenCloses(String caseName, String status, int code) throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("faults: {refuse-binds: " + status + "}");
        try (RawEsme esme = new RawEsme(carrier.address(), 5000)) {
            esme.bind(7, "esme", "secret");
            RawEsme.Frame response = esme.read();
            assertThat(response.commandId()).isEqualTo(RawEsme.BIND_TRANSCEIVER_RESP);
            assertThat(response.status()).isEqualTo(code);
            assertThat(response.sequence()).isEqualTo(7);
            assertThat(response.length()).isEqualTo(16);
            assertThat(esme.readByte()).isEqualTo(-1);
        }
        assertThat(carrier.counters().snapshot().bindsRefused()).isEqualTo(1);
    }

    @Test
    void aBlackHoleNeverAnswersTheBindButKeepsTheSocketOpen() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("faults: {ignore-binds: true}");
        try (RawEsme esme = new RawEsme(carrier.address(), QUIET_MILLIS)) {
            esme.bind(1, "esme", "secret");
            assertThatThrownBy(esme::read).isInstanceOf(SocketTimeoutException.class);
            esme.enquireLink(2);
            // enquire_link is still answered: the socket is alive, only the bind disappears.
            assertThat(esme.read().commandId()).isEqualTo(RawEsme.ENQUIRE_LINK_RESP);
        }
    }

    @Test
    void resetsTheConnectionWithRstAfterTheConfiguredRequests() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("faults: {reset-after-requests: 2}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            esme.enquireLink(2);
            assertThat(esme.read().commandId()).isEqualTo(RawEsme.ENQUIRE_LINK_RESP);
            esme.enquireLink(3);
            // SO_LINGER 0 makes the close an RST: the read fails with "Connection reset", not end of stream.
            assertThatThrownBy(esme::readByte).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void goesSilentMidSessionWithTheSocketStillOpen() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {enabled: false}");
        try (RawEsme esme = boundEsme(carrier, QUIET_MILLIS)) {
            esme.submit(2, "4477009123", "before", 0);
            assertThat(esme.read().commandId()).isEqualTo(RawEsme.SUBMIT_SM_RESP);
            carrier.control().patch(ConfigNode.parse("faults: {silent: true}", "patch"));
            esme.submit(3, "4477009123", "during", 0);
            esme.enquireLink(4);
            assertThatThrownBy(esme::read).isInstanceOf(SocketTimeoutException.class);
            carrier.control().patch(ConfigNode.parse("faults: {silent: false}", "patch"));
            esme.enquireLink(5);
            RawEsme.Frame answer = esme.read();
            assertThat(answer.commandId()).isEqualTo(RawEsme.ENQUIRE_LINK_RESP);
            assertThat(answer.sequence()).isEqualTo(5);
        }
    }

    @Test
    void stopsAnsweringMidWindow() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("faults: {stop-answering-after: 3}\nreceipts: {enabled: false}");
        try (RawEsme esme = boundEsme(carrier, QUIET_MILLIS)) {
            for (int sequence = 2; sequence <= 5; sequence++) {
                esme.submit(sequence, "4477009123", "m" + sequence, 0);
            }
            // bind + two submits answered (3 requests), the next two never.
            assertThat(esme.read().sequence()).isEqualTo(2);
            assertThat(esme.read().sequence()).isEqualTo(3);
            assertThatThrownBy(esme::read).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void sendsUnbindAfterTheConfiguredSubmits() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("faults: {unbind-after-submits: 1}\nreceipts: {enabled: false}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            esme.submit(2, "4477009123", "x", 0);
            assertThat(esme.read().commandId()).isEqualTo(RawEsme.SUBMIT_SM_RESP);
            RawEsme.Frame unbind = esme.read();
            assertThat(unbind.commandId()).isEqualTo(RawEsme.UNBIND);
            assertThat(unbind.length()).isEqualTo(16);
            esme.answer(unbind);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        command_length too short | command-length-too-short | 00000008 80000004 00000000 00000002
        command_length too long  | command-length-too-long  | 00100000 80000004 00000000 00000002
        invalid command_id       | invalid-command-id       | 00000010 800000ff 00000000 00000002
        truncated body           | truncated-body           | 00000014 80000004 00000000 00000002 31323334
        """)
    void writesMalformedResponses(String caseName, String kind, String expectedHex) throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("faults: {malformed: {kind: " + kind + ", fraction: 1.0}}\n"
                + "receipts: {enabled: false}");
        RawEsme esme = new RawEsme(carrier.address(), 5000);
        try (esme) {
            // The bind answer is malformed too: read the raw bytes of the bind_resp variant first.
            esme.bind(2, "esme", "secret");
            byte[] expected = java.util.HexFormat.of().parseHex(expectedHex.replace(" ", "")
                    .replace("80000004", kind.equals("invalid-command-id") ? "800000ff" : "80000009"));
            assertThat(RawEsme.hex(esme.readRaw(expected.length))).isEqualTo(RawEsme.hex(expected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        generic_nack with the sequence    | generic-nack                  | 2
        generic_nack without the sequence | generic-nack-without-sequence | 0
        """)
    void answersSubmitsWithGenericNack(String caseName, String reply, int sequence) throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("errors: [{reply: " + reply + ", status: ESME_RSYSERR}]\n"
                + "receipts: {enabled: false}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            esme.submit(2, "4477009123", "x", 0);
            RawEsme.Frame nack = esme.read();
            assertThat(nack.commandId()).isEqualTo(RawEsme.GENERIC_NACK);
            assertThat(nack.status()).isEqualTo(0x08);
            assertThat(nack.sequence()).isEqualTo(sequence);
            assertThat(nack.length()).isEqualTo(16);
        }
    }

    @Test
    void answersMessageQueueFullBeyondTheWindow() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("""
                response-latency: 3s
                window: {max-outstanding: 2}
                receipts: {enabled: false}
                """);
        try (RawEsme esme = boundEsme(carrier, 10_000)) {
            esme.submit(2, "4477009123", "a", 0);
            esme.submit(3, "4477009123", "b", 0);
            esme.submit(4, "4477009123", "c", 0);
            RawEsme.Frame first = esme.read();
            assertThat(first.sequence()).isEqualTo(4);
            assertThat(first.status()).isEqualTo(0x14);
            assertThat(esme.read().sequence()).isEqualTo(2);
            assertThat(esme.read().sequence()).isEqualTo(3);
        }
    }

    @Test
    void addsCongestionStateToResponses() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("congestion-state: true\nwindow: {max-outstanding: 10}\n"
                + "receipts: {enabled: false}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            esme.submit(2, "4477009123", "a", 0);
            RawEsme.Frame response = esme.read();
            // message_id "1\0", then TLV congestion_state: tag 0428, length 0001, value 00 (idle).
            assertThat(RawEsme.hex(response.body())).isEqualTo("3100" + "0428" + "0001" + "00");
        }
    }

    @Test
    void slowsDownByTheConfiguredFactor() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("response-latency: 50ms\nfaults: {slow-down: 6}\n"
                + "receipts: {enabled: false}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            long start = System.nanoTime();
            esme.submit(2, "4477009123", "slow", 0);
            assertThat(esme.read().commandId()).isEqualTo(RawEsme.SUBMIT_SM_RESP);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void stormsEnquireLinks() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("faults: {enquire-link-storm: 200}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            List<Integer> sequences = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RawEsme.Frame frame = esme.read();
                assertThat(frame.commandId()).isEqualTo(RawEsme.ENQUIRE_LINK);
                sequences.add(frame.sequence());
                esme.answer(frame);
            }
            assertThat(sequences).doesNotHaveDuplicates();
        }
    }

    @Test
    void sendsTheReceiptBeforeTheResponseWhenAskedTo() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("response-latency: 300ms\nreceipts: {before-response: 1.0}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            esme.submit(2, "4477009123", "quick", 1);
            RawEsme.Frame receipt = esme.read();
            assertThat(receipt.commandId()).isEqualTo(RawEsme.DELIVER_SM);
            assertThat(receipt.bodyText()).contains("id:1 sub:001 dlvrd:001").contains("stat:DELIVRD");
            esme.answer(receipt);
            RawEsme.Frame response = esme.read();
            assertThat(response.commandId()).isEqualTo(RawEsme.SUBMIT_SM_RESP);
            assertThat(response.bodyText()).isEqualTo("1\0");
        }
        await().untilAsserted(() -> assertThat(carrier.counters().snapshot().receiptsAcknowledged()).isEqualTo(1));
    }

    @Test
    void duplicatesReceiptsAndSendsReceiptsForUnknownIds() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("""
                message-id: {base: decimal, width: 10}
                receipts: {duplicate: 1.0, unknown-id: 1.0, enroute: 1.0, id-format: {base: hex}}
                """);
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            esme.submit(2, "4477009123", "dup", 1);
            List<String> stats = new ArrayList<>();
            RawEsme.Frame response = null;
            while (stats.size() < 4) {
                RawEsme.Frame frame = esme.read();
                if (frame.commandId() == RawEsme.SUBMIT_SM_RESP) {
                    response = frame;
                    continue;
                }
                assertThat(frame.commandId()).isEqualTo(RawEsme.DELIVER_SM);
                String text = frame.bodyText();
                int id = text.indexOf("id:");
                stats.add(text.substring(id, text.indexOf(' ', id)) + " "
                        + text.substring(text.indexOf("stat:"), text.indexOf("stat:") + 12));
                esme.answer(frame);
            }
            assertThat(response).isNotNull();
            assertThat(response.bodyText()).isEqualTo("0000000001\0");
            // Receipts print the id in hex (B14's base mismatch): ENROUTE, then DELIVRD twice; one more for an unknown id.
            assertThat(stats).contains("id:1 stat:ENROUTE", "id:1 stat:DELIVRD").hasSize(4);
            assertThat(stats.stream().filter(stat -> stat.equals("id:1 stat:DELIVRD")).count()).isEqualTo(2);
            assertThat(stats.stream().filter(stat -> !stat.startsWith("id:1 ")).count()).isEqualTo(1);
        }
    }

    @Test
    void answersQueryForAnUnknownIdWithQueryFailAndNoBody() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("{}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            // query_sm (SMPP 3.4 §4.8.1): message_id, source_addr_ton, source_addr_npi, source_addr.
            esme.write(RawEsme.pdu(RawEsme.QUERY_SM, 0, 2, RawEsme.cString("424242"), RawEsme.octets(1, 1),
                    RawEsme.cString("4477009001")));
            RawEsme.Frame response = esme.read();
            assertThat(response.commandId()).isEqualTo(RawEsme.QUERY_SM_RESP);
            assertThat(response.status()).isEqualTo(0x67);
            assertThat(response.length()).isEqualTo(16);
        }
    }

    @Test
    void rejectsSubmitsBeforeBindWithInvalidBindStatus() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("{}");
        try (RawEsme esme = new RawEsme(carrier.address(), 5000)) {
            esme.submit(9, "4477009123", "early", 0);
            RawEsme.Frame response = esme.read();
            assertThat(response.commandId()).isEqualTo(RawEsme.SUBMIT_SM_RESP);
            assertThat(response.status()).isEqualTo(0x04);
            assertThat(response.sequence()).isEqualTo(9);
        }
    }

    @Test
    void sendsMultipartMoWithItsPartsOutOfOrder() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("""
                mo:
                  rate: 50
                  source: "+4477009####"
                  destination: "5555"
                  text: "%s"
                  multipart: {fraction: 1.0, parts: 3, out-of-order: true}
                """.formatted("x".repeat(200)));
        java.util.Map<Integer, List<Integer>> partsByReference = new java.util.LinkedHashMap<>();
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            for (int i = 0; i < 15; i++) {
                RawEsme.Frame deliver = esme.read();
                assertThat(deliver.commandId()).isEqualTo(RawEsme.DELIVER_SM);
                byte[] message = shortMessage(deliver.body());
                // UDH 05 00 03 ref total seq, then the text slice.
                assertThat(RawEsme.hex(java.util.Arrays.copyOf(message, 3))).isEqualTo("050003");
                assertThat(message[4]).isEqualTo((byte) 3);
                partsByReference.computeIfAbsent(message[3] & 0xFF, ref -> new ArrayList<>()).add((int) message[5]);
                esme.answer(deliver);
            }
        }
        assertThat(partsByReference).hasSize(5);
        partsByReference.values().forEach(parts -> assertThat(parts).containsExactlyInAnyOrder(1, 2, 3));
        assertThat(partsByReference.values()).anyMatch(parts -> !parts.equals(List.of(1, 2, 3)));
        await().untilAsserted(() -> assertThat(carrier.counters().snapshot().moAcknowledged()).isEqualTo(15));
    }

    /** short_message of a deliver_sm body (SMPP 3.4 §4.6.1): skip the fields before sm_length. */
    private static byte[] shortMessage(byte[] body) {
        int at = skipCString(body, 0);          // service_type
        at = skipCString(body, at + 2);         // source_addr_ton, source_addr_npi, source_addr
        at = skipCString(body, at + 2);         // dest_addr_ton, dest_addr_npi, destination_addr
        at += 3;                                // esm_class, protocol_id, priority_flag
        at = skipCString(body, at);             // schedule_delivery_time
        at = skipCString(body, at);             // validity_period
        at += 4;                                // registered_delivery, replace_if_present, data_coding, sm_default_msg_id
        int length = body[at] & 0xFF;
        return java.util.Arrays.copyOfRange(body, at + 1, at + 1 + length);
    }

    private static int skipCString(byte[] body, int from) {
        int at = from;
        while (body[at] != 0) {
            at++;
        }
        return at + 1;
    }

    @Test
    void initiatesAnOutbindAndServesTheReceiverBindThatFollows() throws Exception {
        SmscSimulator.Carrier carrier = smsc.start("{}");
        try (java.net.ServerSocket esmeListener = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            esmeListener.setSoTimeout(5000);
            java.util.concurrent.CompletableFuture<Void> written = carrier.outbind(
                    (java.net.InetSocketAddress) esmeListener.getLocalSocketAddress(), "carrier-a", "pw");
            try (RawEsme esme = new RawEsme(esmeListener.accept(), 5000)) {
                RawEsme.Frame outbind = esme.read();
                // outbind (SMPP 3.4 §4.1.7.1): command_id 0000000b, system_id, password.
                assertThat(outbind.commandId()).isEqualTo(0x0000000B);
                assertThat(RawEsme.hex(outbind.body())).isEqualTo("636172726965722d6100" + "707700");
                written.get(5, java.util.concurrent.TimeUnit.SECONDS);
                // bind_receiver (command_id 00000001) over the same connection.
                esme.write(RawEsme.pdu(0x00000001, 0, 1, RawEsme.cString("esme"), RawEsme.cString("secret"),
                        RawEsme.cString(""), RawEsme.octets(0x34, 0, 0), RawEsme.cString("")));
                RawEsme.Frame bound = esme.read();
                assertThat(bound.commandId()).isEqualTo(0x80000001);
                assertThat(bound.status()).isZero();
            }
        }
        assertThat(carrier.counters().snapshot().bindsAccepted()).isEqualTo(1);
    }
}
