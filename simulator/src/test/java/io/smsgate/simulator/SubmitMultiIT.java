package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** submit_multi on the wire (SMPP 3.4 §4.5): destinations the behaviour refuses come back as unsuccess_sme. */
@Timeout(60)
class SubmitMultiIT {
    private static final int SUBMIT_MULTI = 0x00000021;
    private static final int SUBMIT_MULTI_RESP = 0x80000021;
    private static final int ESME_RINVDSTADR = 0x0000000B;
    private static final int ESME_RSYSERR = 0x00000008;

    @RegisterExtension
    final OneCarrier smsc = new OneCarrier("esme", 3, 1);

    /**
     * submit_multi body (SMPP 3.4 §4.5.1): service_type, source (ton, npi, addr), number_of_dests, per dest
     * dest_flag 1 + ton, npi, addr; esm_class, protocol_id, priority_flag, schedule_delivery_time,
     * validity_period, registered_delivery, replace_if_present_flag, data_coding, sm_default_msg_id, sm_length,
     * short_message.
     */
    private static byte[] submitMulti(int sequence, int registeredDelivery, String... destinations) {
        List<byte[]> fields = new ArrayList<>();
        fields.add(RawEsme.cString(""));
        fields.add(RawEsme.octets(1, 1));
        fields.add(RawEsme.cString("4477009001"));
        fields.add(RawEsme.octets(destinations.length));
        for (String destination : destinations) {
            fields.add(RawEsme.octets(1, 1, 1));
            fields.add(RawEsme.cString(destination));
        }
        fields.add(RawEsme.octets(0, 0, 0));
        fields.add(RawEsme.cString(""));
        fields.add(RawEsme.cString(""));
        fields.add(RawEsme.octets(registeredDelivery, 0, 0, 0, 5));
        fields.add("hello".getBytes(StandardCharsets.US_ASCII));
        return RawEsme.pdu(SUBMIT_MULTI, 0, sequence, fields.toArray(byte[][]::new));
    }

    private static RawEsme boundEsme(SmscSimulator.Carrier carrier) throws IOException {
        RawEsme esme = new RawEsme(carrier.address(), 5000);
        esme.bind(1, "esme", "secret");
        assertThat(esme.read().status()).isZero();
        return esme;
    }

    @Test
    void refusedDestinationsComeBackAsUnsuccessSmesAndTheRestAreAcceptedWithReceipts() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("""
                message-id: {base: decimal, width: 0}
                errors: [{destination-prefixes: ["4478"], status: ESME_RINVDSTADR}]
                receipts: {delay: 0ms}
                """);
        try (RawEsme esme = boundEsme(carrier)) {
            esme.write(submitMulti(2, 1, "447700900001", "447800900002", "447700900003"));
            RawEsme.Frame response = esme.read();
            assertThat(response.commandId()).isEqualTo(SUBMIT_MULTI_RESP);
            assertThat(response.status()).isZero();
            assertThat(response.sequence()).isEqualTo(2);
            // message_id "1\0", no_unsuccess 01, unsuccess_sme: ton 01, npi 01, "447800900002\0", error_status_code 0000000b
            assertThat(RawEsme.hex(response.body())).isEqualTo(
                    "3100" + "01" + "01" + "01" + hex("447800900002") + "00" + "0000000b");
            List<String> receiptsTo = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RawEsme.Frame receipt = esme.read();
                assertThat(receipt.commandId()).isEqualTo(RawEsme.DELIVER_SM);
                String body = new String(receipt.body(), StandardCharsets.ISO_8859_1);
                assertThat(body).contains("id:1 ");
                receiptsTo.add(body.substring(body.indexOf("4477"), body.indexOf("4477") + 12));
                esme.answer(receipt);
            }
            // The receipt's source is the handset the message went to.
            assertThat(receiptsTo).containsExactlyInAnyOrder("447700900001", "447700900003");
        }
        assertThat(carrier.counters().snapshot().messagesReceived()).isEqualTo(2);
    }

    @Test
    void whenEveryDestinationIsRefusedTheRequestFailsWithTheFirstRefusalsStatus() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("""
                errors: [{destination-prefixes: ["4478"], status: ESME_RINVDSTADR}, {destination-prefixes: ["4479"], status: ESME_RSYSERR}]
                receipts: {enabled: false}
                """);
        try (RawEsme esme = boundEsme(carrier)) {
            esme.write(submitMulti(3, 1, "447800900002", "447900900004"));
            RawEsme.Frame response = esme.read();
            assertThat(response.commandId()).isEqualTo(SUBMIT_MULTI_RESP);
            assertThat(response.status()).isEqualTo(ESME_RINVDSTADR);
            assertThat(response.length()).isEqualTo(16);
        }
        assertThat(carrier.counters().snapshot().messagesReceived()).isZero();
    }

    @Test
    void aGenericNackRuleRefusesTheWholePdu() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("""
                errors: [{destination-prefixes: ["4479"], reply: generic-nack, status: ESME_RSYSERR}]
                receipts: {enabled: false}
                """);
        try (RawEsme esme = boundEsme(carrier)) {
            esme.write(submitMulti(4, 0, "447700900001", "447900900004"));
            RawEsme.Frame response = esme.read();
            assertThat(response.commandId()).isEqualTo(RawEsme.GENERIC_NACK);
            assertThat(response.status()).isEqualTo(ESME_RSYSERR);
            assertThat(response.sequence()).isEqualTo(4);
        }
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
