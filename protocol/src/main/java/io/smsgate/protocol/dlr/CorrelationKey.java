package io.smsgate.protocol.dlr;

import static java.util.Objects.requireNonNull;

/**
 * A message id brought to the form under which a submit_sm_resp id and a receipt id of the same message are
 * equal, or why the id cannot be brought to it.
 */
public sealed interface CorrelationKey permits CorrelationKey.Canonical, CorrelationKey.Refused {

    /** The canonical id: decimal digits without leading zeros for numeric formats, the id itself for AS_IS. */
    record Canonical(String value) implements CorrelationKey {
        public Canonical {
            requireNonNull(value, "value");
        }
    }

    /** The id does not fit its carrier's configured format, e.g. {@code "message_id: 'x1' (expected: hex digits)"}. */
    record Refused(String reason) implements CorrelationKey {
        public Refused {
            requireNonNull(reason, "reason");
        }
    }
}
