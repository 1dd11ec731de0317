package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smsgate.simulator.behaviour.BehaviourYaml;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.config.ConfigNode;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A jSMPP ESME (an independent SMPP stack) against the simulated SMSC: submit, receipt, query, MO. */
@Timeout(60)
class JsmppInteropIT {
    private final LinkedBlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();
    private SmscSimulator simulator;
    private SMPPSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.unbindAndClose();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private SmscSimulator.Carrier start(String behaviourYaml) throws Exception {
        CarrierBehaviour behaviour = BehaviourYaml.parse(ConfigNode.parse(behaviourYaml, "behaviour"),
                CarrierBehaviour.DEFAULTS);
        SimulatedCarrier carrier = new SimulatedCarrier("carrier-j", "127.0.0.1", 0,
                List.of(new Account("esme", "secret")), 11, behaviour);
        simulator = SmscSimulator.start(new SmscConfig(List.of(carrier), "127.0.0.1", 0, CountersConfig.DEFAULTS),
                1, Clock.systemUTC());
        SmscSimulator.Carrier running = simulator.carriers().get(0);
        session = new SMPPSession();
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                delivered.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                throw new UnsupportedOperationException("data_sm is not expected from the simulator");
            }
        });
        session.connectAndBind("127.0.0.1", running.address().getPort(), new BindParameter(BindType.BIND_TRX, "esme",
                "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        return running;
    }

    @Test
    void submitsAndParsesTheReceiptWithJsmppsOwnParser() throws Exception {
        SmscSimulator.Carrier carrier = start("message-id: {base: decimal, width: 10}");
        String messageId = session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                "4477009001", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "4477009123", new ESMClass(),
                (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0,
                "hello jsmpp".getBytes(StandardCharsets.US_ASCII)).getMessageId();
        assertThat(messageId).isEqualTo("0000000001");

        DeliverSm deliver = delivered.take();
        assertThat(deliver.isSmscDeliveryReceipt()).isTrue();
        DeliveryReceipt receipt = deliver.getShortMessageAsDeliveryReceipt();
        assertThat(receipt.getId()).isEqualTo("0000000001");
        assertThat(receipt.getFinalStatus()).isEqualTo(DeliveryReceiptState.DELIVRD);
        assertThat(receipt.getText()).isEqualTo("hello jsmpp");

        assertThat(session.queryShortMessage(messageId, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                "4477009001").getMessageState()).isEqualTo(MessageState.DELIVERED);
        await().untilAsserted(() -> assertThat(carrier.counters().snapshot().receiptsAcknowledged()).isEqualTo(1));
    }

    @Test
    void receivesMo() throws Exception {
        SmscSimulator.Carrier carrier = start("mo: {rate: 20, source: \"+4477009####\", destination: \"5555\", "
                + "text: STOP}");
        DeliverSm mo = delivered.take();
        assertThat(mo.isSmscDeliveryReceipt()).isFalse();
        assertThat(mo.getDestAddress()).isEqualTo("5555");
        assertThat(mo.getSourceAddr()).startsWith("4477009").hasSize(11);
        assertThat(new String(mo.getShortMessage(), StandardCharsets.US_ASCII)).isEqualTo("STOP");
        await().untilAsserted(() -> assertThat(carrier.counters().snapshot().moAcknowledged()).isPositive());
    }
}
