package io.smsgate.server.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * Told of every MO before it goes to its account's outbox (opt-out keywords, issue #6). The MO is acknowledged to the
 * carrier only after the returned future completed; a failed future makes the carrier send it again.
 */
@FunctionalInterface
public interface MoHook {

    MoHook NONE = (systemId, mo) -> CompletableFuture.completedFuture(null);

    /** Acts on {@code mo}, sent to a number of {@code systemId}; never blocks the calling thread. */
    CompletableFuture<Void> onMo(String systemId, ClientEvent.Mo mo);
}
