package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that writes down what it hears, as short strings: "state OPEN->BOUND_TRX", "expired SUBMIT_SM". */
class RecordingListener implements SessionListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(SmppSession session, SessionState previous, SessionState current) {
        events.add("state " + previous + "->" + current);
    }

    @Override
    public void outboundCompleted(SmppSession session, CommandId command, CommandStatus status, long elapsedNanos) {
        events.add("completed " + command + " " + status);
    }

    @Override
    public void outboundExpired(SmppSession session, CommandId command, long elapsedNanos) {
        events.add("expired " + command);
    }

    @Override
    public void inboundCompleted(SmppSession session, CommandId command, CommandStatus status, long elapsedNanos) {
        events.add("answered " + command + " " + status);
    }

    @Override
    public void malformedReceived(SmppSession session, MalformedPdu pdu) {
        events.add("malformed " + pdu.status());
    }

    @Override
    public void unmatchedResponse(SmppSession session, Response response) {
        events.add("unmatched " + response.commandId() + " " + response.sequenceNumber());
    }

    @Override
    public void outbindReceived(SmppSession session, Outbind outbind) {
        events.add("outbind " + outbind.systemId());
    }

    @Override
    public void readyToSend(SmppSession session) {
        events.add("ready");
    }
}
