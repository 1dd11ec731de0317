package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.Outbind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SessionListenerTest {

    /** The listeners here never look at the session; none is needed to report events to them. */
    private static final SmppSession NO_SESSION = null;

    @Test
    void andThenTellsBothListenersOfEveryEvent() {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        SessionListener both = first.andThen(second);

        both.stateChanged(NO_SESSION, SessionState.OPEN, SessionState.BOUND_TRX);
        both.outboundCompleted(NO_SESSION, CommandId.SUBMIT_SM, CommandStatus.ESME_ROK, 1);
        both.outboundExpired(NO_SESSION, CommandId.ENQUIRE_LINK, 2);
        both.inboundCompleted(NO_SESSION, CommandId.DELIVER_SM, CommandStatus.ESME_ROK, 3);
        both.malformedReceived(NO_SESSION, new MalformedPdu(0xff, 7, CommandStatus.ESME_RINVCMDLEN, "short"));
        both.unmatchedResponse(NO_SESSION, new EnquireLinkResp(9, CommandStatus.ESME_ROK));
        both.outbindReceived(NO_SESSION, new Outbind(4, "mc", "secret"));
        both.readyToSend(NO_SESSION);

        List<String> expected = List.of("state OPEN->BOUND_TRX", "completed SUBMIT_SM ESME_ROK", "expired ENQUIRE_LINK",
                "answered DELIVER_SM ESME_ROK", "malformed ESME_RINVCMDLEN", "unmatched ENQUIRE_LINK_RESP 9",
                "outbind mc", "ready");
        assertThat(first.events).isEqualTo(expected);
        assertThat(second.events).isEqualTo(expected);
    }

    @Test
    void andThenTellsThisListenerBeforeTheNextOne() {
        List<String> order = new CopyOnWriteArrayList<>();
        SessionListener first = new SessionListener() {
            @Override
            public void readyToSend(SmppSession session) {
                order.add("first");
            }
        };
        SessionListener second = new SessionListener() {
            @Override
            public void readyToSend(SmppSession session) {
                order.add("second");
            }
        };

        first.andThen(second).readyToSend(NO_SESSION);

        assertThat(order).containsExactly("first", "second");
    }
}
