package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.smpp.pdu.Bind;
import java.util.concurrent.CompletionStage;

/**
 * Server side: decides each bind (SMPP 3.4 §4.1). Called on the channel's event loop with the session still OPEN;
 * the account check (store lookup, password hash, bind quota, IP allowlist) may run on another thread and complete
 * the stage there. Until it completes, a second bind is refused with ESME_RALYBND and other requests with
 * ESME_RINVBNDSTS. A stage that fails is answered ESME_RBINDFAIL. Never log {@link Bind#password()}.
 */
@FunctionalInterface
public interface Authenticator {

    CompletionStage<BindDecision> authenticate(SmppSession session, Bind bind);
}
