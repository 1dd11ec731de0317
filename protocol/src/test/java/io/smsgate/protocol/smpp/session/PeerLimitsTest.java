package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.GenericNack;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Limits on what a peer may do to a session: enquire_link storms (Checklist A25), uncorrelated nacks (B9). */
class PeerLimitsTest {

    @Test
    void anEsmeStormingEnquireLinksIsAnsweredUpToTheBurstThenClosed() {
        Harness h = Harness.mc().boundAsMc(BindType.TRX);

        for (int i = 1; i <= 20; i++) {
            h.in(new EnquireLink(i));
            assertThat(h.next()).isEqualTo(new EnquireLinkResp(i));
        }
        h.in(new EnquireLink(21));

        assertThat(h.next()).isNull();
        assertThat(h.channel.isOpen()).isFalse();
    }

    @Test
    void enquireLinksAtTenASecondAreAlwaysAnswered() {
        Harness h = Harness.mc().boundAsMc(BindType.TRX);

        for (int i = 1; i <= 200; i++) {
            h.advance(Duration.ofMillis(100));
            h.in(new EnquireLink(i));
            assertThat(h.next()).isEqualTo(new EnquireLinkResp(i));
        }
        assertThat(h.channel.isOpen()).isTrue();
    }

    @Test
    void aCarriersEnquireLinkStormIsAnsweredAndTheBindStays() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);

        for (int i = 1; i <= 100; i++) {
            h.in(new EnquireLink(i));
            assertThat(h.next()).isEqualTo(new EnquireLinkResp(i));
        }
        assertThat(h.channel.isOpen()).isTrue();
    }

    @Test
    void threeGenericNacksWithSequenceZeroInARowResetTheSession() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);

        h.in(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN));
        h.in(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN));
        assertThat(h.channel.isOpen()).isTrue();
        h.in(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN));

        assertThat(h.next()).as("a generic_nack is never answered").isNull();
        assertThat(h.channel.isOpen()).isFalse();
    }

    @Test
    void aMatchedResponseBetweenNacksStartsTheCountAgain() {
        Harness h = Harness.esme().boundAsEsme(BindType.TRX);

        h.in(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN));
        h.in(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN));
        CompletableFuture<Response> answered = h.session.send(Pdus.submitSm(0));
        SubmitSm sent = h.out();
        h.in(SubmitSmResp.ok(sent.sequenceNumber(), "c1"));
        h.in(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN));
        h.in(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN));

        assertThat(answered).isCompletedWithValue(SubmitSmResp.ok(sent.sequenceNumber(), "c1"));
        assertThat(h.channel.isOpen()).isTrue();
    }
}
