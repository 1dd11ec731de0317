package io.smsgate.server.carrier;

import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.routing.RouteAttempts;
import io.smsgate.server.store.StoredMessage;
import java.util.List;

/**
 * One message on its way through one carrier: its route attempts, the parts encoded for that carrier, and the
 * next part to send. Parts go one after another, so the message is never in flight twice, nor on two routes.
 * The parts are encoded when the first one is sent and dropped again while it waits for a retry before any was
 * taken: a queued job holds no PDU. Touched only on its connector's thread.
 */
final class Job {

    final StoredMessage message;
    final RouteAttempts attempts;
    /** Empty until the first part is sent (see {@code CarrierConnector.send}). */
    List<SubmitSm> parts = List.of();
    int next;
    int temporaryFailures;
    long queuedAtNanos;
    /** When it last entered its connector's ready queue (ticker nanos), 0 while it is not there. */
    long readySinceNanos;

    Job(StoredMessage message, RouteAttempts attempts) {
        this.message = message;
        this.attempts = attempts;
    }

    String carrierId() {
        return attempts.route().carrierId();
    }

    @Override
    public String toString() {
        return "Job[message_id=" + message.id() + ", carrier=" + carrierId() + ", part=" + (next + 1) + "/"
                + parts.size() + "]";
    }
}
