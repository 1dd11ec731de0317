package io.smsgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.MoTraffic;
import io.smsgate.simulator.counters.SimulatorCounters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One smsgate process end to end on real sockets: a Cloudhopper ESME binds to the upstream listener, its messages
 * are stored, go to a simulated carrier, and the carrier's receipts and MOs come back to it as deliver_sm, receipts
 * carrying our message ids.
 */
class GatewayIT {

    private static final String MO_NUMBER = "447700900999";
    private static final int SUBMIT_SM = 0x00000004;

    @TempDir
    Path dataPath;

    private GatewayFixture gateway;
    private final CloudhopperEsme esme = new CloudhopperEsme();

    @AfterEach
    void stop() throws Exception {
        esme.close();
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shortAndLongMessagesReachTheCarrierTheirReceiptsCarryOurIdsAndAnMoReachesTheAccount() throws Exception {
        LinkedHashMap<String, CarrierBehaviour> carriers = new LinkedHashMap<>();
        carriers.put("sim", behaviour());
        gateway = GatewayFixture.start("gateway_it", dataPath, carriers, false,
                List.of(AccountConfig.of("acme", "secret1", List.of("127.0.0.0/8"))), UnaryOperator.identity());
        gateway.execute("INSERT INTO number (number, system_id) VALUES ('" + MO_NUMBER + "', 'acme')");

        CloudhopperEsme.Inbox inbox = new CloudhopperEsme.Inbox();
        SmppSession session =
                esme.bind(SmppBindType.TRANSCEIVER, "acme", "secret1", gateway.smppPort(), inbox);

        SubmitSmResp shortResp = session.submit(CloudhopperEsme.submit("447700900001",
                "hello from smsgate's end-to-end test".getBytes(StandardCharsets.US_ASCII), 0), 10_000);
        String longText = "Grüße aus smsgate 🚀📡 — a long UCS-2 message that needs several parts at the carrier, "
                + "because it is well over seventy characters long 😀";
        SubmitSm longSubmit = CloudhopperEsme.submit("447700900002", new byte[0], 8);
        longSubmit.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD,
                longText.getBytes(StandardCharsets.UTF_16BE)));
        SubmitSmResp longResp = session.submit(longSubmit, 10_000);

        assertThat(shortResp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
        assertThat(longResp.getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
        String shortId = shortResp.getMessageId();
        String longId = longResp.getMessageId();
        assertThat(MessageId.parse(shortId)).isPresent();
        assertThat(MessageId.parse(longId)).isPresent();

        // The carrier got both messages, the long one re-segmented into several parts.
        SimulatorCounters counters = gateway.carrier("sim").counters();
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.snapshot().messagesReceived() >= 2);
        assertThat(counters.snapshot().messagesReceived()).isEqualTo(2);
        assertThat(counters.snapshot().received(SUBMIT_SM, 0)).isGreaterThanOrEqualTo(3);
        assertThat(counters.snapshot().duplicates()).isZero();

        // Receipts reach the client with OUR ids (the ones its submit_sm_resp carried) and DELIVRD.
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.receipts().size() >= 2);
        assertThat(inbox.receipts()).extracting(CloudhopperEsme::receiptedId)
                .containsExactlyInAnyOrder(shortId, longId);
        assertThat(inbox.receipts()).allSatisfy(receipt -> assertThat(
                new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1))
                .contains("id:").contains("stat:DELIVRD"));
        assertThat(gateway.state(shortId)).contains("DELIVERED");
        assertThat(gateway.state(longId)).contains("DELIVERED");

        // The carrier's MO to the account's number reaches the client as a deliver_sm that is not a receipt.
        await().atMost(Duration.ofSeconds(30)).until(() -> !inbox.mos().isEmpty());
        DeliverSm mo = inbox.mos().get(0);
        assertThat(mo.getDestAddress().getAddress()).isEqualTo(MO_NUMBER);
        assertThat(new String(mo.getShortMessage(), StandardCharsets.ISO_8859_1)).isEqualTo("hello from the sim");

        session.unbind(5000);
    }

    /** Receipts 100 ms after each message, and MOs to the account's number. */
    private static CarrierBehaviour behaviour() {
        CarrierBehaviour c = GatewayFixture.receiptsAfter(Duration.ofMillis(100));
        MoTraffic mo = new MoTraffic(2.0, "4477009#####", MO_NUMBER, "hello from the sim", MoTraffic.Encoding.GSM7,
                0.0, 2, false);
        return new CarrierBehaviour(c.responseLatency(), c.messageId(), c.throttle(), c.windowLimit(),
                c.congestionState(), c.errors(), c.receipts(), mo, c.faults());
    }
}
