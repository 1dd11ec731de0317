package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.Response;
import java.util.concurrent.CompletionStage;

/**
 * Serves the requests the peer sends once bound (submit_sm, deliver_sm, data_sm, query_sm, …); the session itself
 * answers bind, unbind, enquire_link and refuses what the bind state does not allow (SMPP 5.0 §2.4).
 *
 * <p>Called on the channel's event loop, so it must not block. The answer may complete later on any thread (after
 * a database commit, say); the session writes it on the channel's own loop. The response must carry the request's
 * sequence_number ({@link Request#reject} and the {@code *_resp} factories do); a handler that throws, completes
 * exceptionally or answers with the wrong PDU is a bug: the peer gets ESME_RSYSERR and the error is logged.
 * alert_notification has no response (SMPP 3.4 §4.12): the handler sees it and its returned stage is ignored.
 */
@FunctionalInterface
public interface RequestHandler {

    CompletionStage<Response> onRequest(SmppSession session, Request request);
}
