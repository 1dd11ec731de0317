package io.smsgate.routing;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A number-portability source the server plugs in (an MNP database or an HLR lookup service): the network that
 * serves a number now, or empty when the number is not ported or unknown. Asynchronous because it does I/O.
 */
@FunctionalInterface
public interface PortabilityLookup {
    CompletionStage<Optional<MccMnc>> lookup(String number);
}
