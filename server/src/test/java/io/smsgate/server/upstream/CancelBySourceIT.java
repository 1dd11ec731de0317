package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import io.smsgate.server.store.MessageId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** cancel_sm with a NULL message_id (SMPP 3.4 §4.9.1) from a jSMPP ESME: by source_addr, and destination_addr. */
@Timeout(120)
class CancelBySourceIT {

    private static UpstreamFixture fixture;
    private final SMPPSession session = new SMPPSession();

    @BeforeAll
    static void start() {
        fixture = new UpstreamFixture("cancel_by_source_it", List.of(
                AccountConfig.of("bulk", "secret1", List.of("127.0.0.1")),
                AccountConfig.of("other", "secret2", List.of("127.0.0.1"))), config -> config);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void bind() throws Exception {
        session.connectAndBind("127.0.0.1", fixture.port(), new BindParameter(org.jsmpp.bean.BindType.BIND_TRX,
                "bulk", "secret1", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    }

    @AfterEach
    void unbind() {
        session.unbindAndClose();
    }

    @Test
    void aNullMessageIdCancelsEveryQueuedMessageFromTheSourceAndOnlyThose() throws Exception {
        String first = submit(session, "PROMO", "447700913001");
        String second = submit(session, "PROMO", "447700913002");
        String otherSource = submit(session, "ALERTS", "447700913001");
        String otherAccount = otherAccountSubmits("PROMO", "447700913001");

        session.cancelShortMessage("", "", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "PROMO",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "");

        assertThat(fixture.state(first)).contains("CANCELLED");
        assertThat(fixture.state(second)).contains("CANCELLED");
        assertThat(fixture.state(otherSource)).contains("QUEUED");
        assertThat(fixture.state(otherAccount)).contains("QUEUED");
        assertThat(fixture.count("SELECT count(*) FROM message_event WHERE state = 'CANCELLED' AND message_id IN (?, ?)",
                id(first), id(second))).isEqualTo(2);
    }

    @Test
    void aDestinationNarrowsTheCancelToMessagesForIt() throws Exception {
        String kept = submit(session, "NARROW", "447700913011");
        String cancelled = submit(session, "NARROW", "447700913012");

        session.cancelShortMessage("", "", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "NARROW",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700913012");

        assertThat(fixture.state(cancelled)).contains("CANCELLED");
        assertThat(fixture.state(kept)).contains("QUEUED");
    }

    @Test
    void nothingToCancelAServiceTypeWeDoNotKeepAndNoSourceAreRefused() throws Exception {
        submit(session, "TYPED", "447700913021");

        assertThat(cancelStatus("", "NOBODY", "")).isEqualTo(SmppConstants.STATUS_CANCELFAIL);
        assertThat(cancelStatus("WAP", "TYPED", "")).isEqualTo(SmppConstants.STATUS_CANCELFAIL);
        assertThat(cancelStatus("", "", "")).isEqualTo(SmppConstants.STATUS_INVSRCADR);
    }

    private static long id(String messageId) {
        return MessageId.parse(messageId).orElseThrow().value();
    }

    private int cancelStatus(String serviceType, String source, String destination) {
        try {
            session.cancelShortMessage(serviceType, "", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    source, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, destination);
            return SmppConstants.STATUS_OK;
        } catch (NegativeResponseException e) {
            return e.getCommandStatus();
        } catch (Exception e) {
            throw new AssertionError("cancel_sm failed", e);
        }
    }

    private static String otherAccountSubmits(String source, String destination) throws Exception {
        SMPPSession other = new SMPPSession();
        other.connectAndBind("127.0.0.1", fixture.port(), new BindParameter(org.jsmpp.bean.BindType.BIND_TX,
                "other", "secret2", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        try {
            return submit(other, source, destination);
        } finally {
            other.unbindAndClose();
        }
    }

    private static String submit(SMPPSession session, String source, String destination) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, source,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, new ESMClass(), (byte) 0,
                (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT), (byte) 0,
                new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0,
                "cancel me".getBytes(StandardCharsets.US_ASCII)).getMessageId();
    }
}
