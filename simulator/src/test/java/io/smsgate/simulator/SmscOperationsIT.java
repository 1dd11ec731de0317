package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.simulator.behaviour.BehaviourYaml;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.config.ConfigNode;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulated SMSC's operations beyond submit, on the wire: SMPP 5.0 binds, cancel_sm and replace_sm, the
 * per-system_id TPS limit across binds, the receipt status mix, and several carriers in one process.
 */
@Timeout(60)
class SmscOperationsIT {
    private static final int CANCEL_SM = 0x00000008;
    private static final int CANCEL_SM_RESP = 0x80000008;
    private static final int REPLACE_SM = 0x00000007;
    private static final int REPLACE_SM_RESP = 0x80000007;
    private static final int ESME_RCANCELFAIL = 0x11;
    private static final int ESME_RREPLACEFAIL = 0x13;
    private static final int ESME_RTHROTTLED = 0x58;
    /** message_state DELETED (SMPP 3.4 §5.2.28). */
    private static final int DELETED = 4;

    @RegisterExtension
    final OneCarrier smsc = new OneCarrier("esme", 3, 1);

    private static RawEsme boundEsme(SmscSimulator.Carrier carrier, int readTimeout) throws IOException {
        RawEsme esme = new RawEsme(carrier.address(), readTimeout);
        esme.bind(1, "esme", "secret");
        assertThat(esme.read().status()).isZero();
        return esme;
    }

    /** cancel_sm (SMPP 3.4 §4.9.1): service_type, message_id, source (ton, npi, addr), destination (ton, npi, addr). */
    private static byte[] cancel(int sequence, String messageId) {
        return RawEsme.pdu(CANCEL_SM, 0, sequence, RawEsme.cString(""), RawEsme.cString(messageId),
                RawEsme.octets(1, 1), RawEsme.cString("4477009001"), RawEsme.octets(1, 1), RawEsme.cString(""));
    }

    /**
     * replace_sm (SMPP 3.4 §4.10.1): message_id, source (ton, npi, addr), schedule_delivery_time, validity_period,
     * registered_delivery, sm_default_msg_id, sm_length, short_message.
     */
    private static byte[] replace(int sequence, String messageId) {
        return RawEsme.pdu(REPLACE_SM, 0, sequence, RawEsme.cString(messageId), RawEsme.octets(1, 1),
                RawEsme.cString("4477009001"), RawEsme.cString(""), RawEsme.cString(""),
                RawEsme.octets(1, 0, 3), "new".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** query_sm (SMPP 3.4 §4.8.1): message_id, source (ton, npi, addr). */
    private static byte[] query(int sequence, String messageId) {
        return RawEsme.pdu(RawEsme.QUERY_SM, 0, sequence, RawEsme.cString(messageId), RawEsme.octets(1, 1),
                RawEsme.cString("4477009001"));
    }

    @Test
    void anSmpp50BindIsAnsweredWithScInterfaceVersion50() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("{}");
        try (RawEsme esme = new RawEsme(carrier.address(), 5000)) {
            // bind_transceiver with interface_version 0x50 (SMPP 5.0 §4.1.1.5).
            esme.write(RawEsme.pdu(RawEsme.BIND_TRANSCEIVER, 0, 1, RawEsme.cString("esme"), RawEsme.cString("secret"),
                    RawEsme.cString(""), RawEsme.octets(0x50, 0, 0), RawEsme.cString("")));
            RawEsme.Frame response = esme.read();
            assertThat(response.status()).isZero();
            // system_id "carrier-a\0", TLV sc_interface_version: tag 0210, length 0001, value 50.
            assertThat(RawEsme.hex(response.body())).isEqualTo("636172726965722d6100" + "0210" + "0001" + "50");
        }
    }

    @Test
    void cancelSmDeletesAPendingMessageWhichThenGetsNoReceipt() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {delay: 2s}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            esme.submit(2, "447700900001", "cancel me", 1);
            RawEsme.Frame submitted = esme.read();
            assertThat(submitted.bodyText()).isEqualTo("1\0");

            esme.write(cancel(3, "1"));
            RawEsme.Frame cancelled = esme.read();
            assertThat(cancelled.commandId()).isEqualTo(CANCEL_SM_RESP);
            assertThat(cancelled.status()).isZero();
            assertThat(cancelled.length()).isEqualTo(16);

            esme.write(query(4, "1"));
            RawEsme.Frame state = esme.read();
            // query_sm_resp: message_id "1\0", final_date (YYMMDDhhmmss000+, 16 characters) "\0", message_state, error_code.
            assertThat(state.body()).hasSize(2 + 17 + 2);
            assertThat(state.body()[19]).isEqualTo((byte) DELETED);

            esme.write(cancel(5, "1"));
            assertThat(esme.read().status()).isEqualTo(ESME_RCANCELFAIL);
            // The receipt was due 2 s after the submit: a cancelled message gets none.
            esme.readTimeout(3000);
            assertThatThrownBy(esme::read).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void replaceSmAnswersOkForAPendingMessageAndFailsForAnUnknownOne() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {delay: 10s}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            esme.submit(2, "447700900001", "original", 1);
            assertThat(esme.read().status()).isZero();
            esme.write(replace(3, "1"));
            RawEsme.Frame replaced = esme.read();
            assertThat(replaced.commandId()).isEqualTo(REPLACE_SM_RESP);
            assertThat(replaced.status()).isZero();
            esme.write(replace(4, "999"));
            RawEsme.Frame unknown = esme.read();
            assertThat(unknown.commandId()).isEqualTo(REPLACE_SM_RESP);
            assertThat(unknown.status()).isEqualTo(ESME_RREPLACEFAIL);
        }
    }

    @Test
    void theSystemIdRateLimitSpansEveryBindOfThatSystemId() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("throttle: {tps-per-system-id: 1, burst: 1}\nreceipts: {enabled: false}");
        try (RawEsme first = boundEsme(carrier, 5000); RawEsme second = boundEsme(carrier, 5000)) {
            first.submit(2, "447700900001", "one", 0);
            assertThat(first.read().status()).isZero();
            // The same second, another bind of the same system_id: over the limit of 1 per second.
            second.submit(2, "447700900002", "two", 0);
            assertThat(second.read().status()).isEqualTo(ESME_RTHROTTLED);
        }
    }

    @Test
    void receiptsFollowTheStatusMixAndRegisteredDeliveryOnFailureOnly() throws IOException {
        SmscSimulator.Carrier carrier = smsc.start("receipts: {status-mix: {undeliv: 1}}");
        try (RawEsme esme = boundEsme(carrier, 5000)) {
            // registered_delivery 2: a receipt on failure only (SMPP 3.4 §5.2.17); UNDELIV is a failure.
            esme.submit(2, "447700900001", "fails", 2);
            assertThat(esme.read().status()).isZero();
            RawEsme.Frame receipt = esme.read();
            assertThat(receipt.commandId()).isEqualTo(RawEsme.DELIVER_SM);
            assertThat(receipt.bodyText()).contains("id:1 sub:001 dlvrd:000 ", " stat:UNDELIV err:001 text:fails");
        }
    }

    @Test
    void severalCarriersRunInOneProcessEachOnItsOwnPortWithItsOwnAccounts() throws IOException {
        CarrierBehaviour behaviour = BehaviourYaml.parse(ConfigNode.parse("receipts: {enabled: false}", ""),
                CarrierBehaviour.DEFAULTS);
        SimulatedCarrier a = new SimulatedCarrier("carrier-a", "127.0.0.1", 0, List.of(new Account("esme", "secret")),
                1, behaviour);
        SimulatedCarrier b = new SimulatedCarrier("carrier-b", "127.0.0.1", 0, List.of(new Account("other", "secret")),
                2, behaviour);
        try (SmscSimulator simulator = SmscSimulator.start(new SmscConfig(List.of(a, b), "127.0.0.1", 0,
                CountersConfig.DEFAULTS), 1, Clock.systemUTC())) {
            SmscSimulator.Carrier first = simulator.carrier("carrier-a").orElseThrow();
            SmscSimulator.Carrier second = simulator.carrier("carrier-b").orElseThrow();
            assertThat(first.address().getPort()).isNotEqualTo(second.address().getPort());
            try (RawEsme esme = new RawEsme(second.address(), 5000)) {
                esme.bind(1, "esme", "secret");
                assertThat(esme.read().status()).isEqualTo(0x0E);  // carrier-b does not know esme
            }
            try (RawEsme other = new RawEsme(second.address(), 5000)) {
                other.bind(1, "other", "secret");
                RawEsme.Frame bound = other.read();
                assertThat(bound.status()).isZero();
                assertThat(bound.bodyText()).startsWith("carrier-b\0");
            }
            assertThat(first.counters().snapshot().bindsRefused()).isZero();
            assertThat(second.counters().snapshot().bindsRefused()).isEqualTo(1);
        }
    }
}
