package io.smsgate.simulator.behaviour;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a simulated carrier sends delivery receipts (SMPP 3.4 §2.11, Appendix B) and the real-world variants
 * a gateway must survive (reliability.md B11–B14): quick receipts, duplicates, receipts for unknown ids,
 * receipts on another bind, hexadecimal/decimal ids and 10/12-digit dates.
 *
 * @param idFormat how receipts print the id; empty = as in submit_sm_resp (a different base is B14's mismatch)
 * @param enroute fraction of messages that get an intermediate ENROUTE receipt before the final one
 * @param beforeResponse fraction whose final receipt is written before the submit_sm_resp
 * @param duplicate fraction whose final receipt is sent twice
 * @param unknownId fraction of submits that also trigger a receipt for an id that was never issued
 * @param redelivery how unacknowledged receipts and MO are kept and sent again
 */
public record ReceiptBehaviour(
        boolean enabled,
        LatencyModel delay,
        StatusMix statusMix,
        double enroute,
        Encoding encoding,
        Optional<MessageIdFormat> idFormat,
        DateFormat dateFormat,
        boolean onDifferentBind,
        double beforeResponse,
        double duplicate,
        double unknownId,
        Redelivery redelivery) {

    public static final ReceiptBehaviour DEFAULTS = new ReceiptBehaviour(true, LatencyModel.ZERO,
            StatusMix.ALL_DELIVERED, 0.0, Encoding.TEXT, Optional.empty(), DateFormat.TEN_DIGITS, false, 0.0, 0.0, 0.0,
            Redelivery.DEFAULTS);

    /** The behaviour with the default {@link Redelivery}. */
    public ReceiptBehaviour(boolean enabled, LatencyModel delay, StatusMix statusMix, double enroute,
            Encoding encoding, Optional<MessageIdFormat> idFormat, DateFormat dateFormat, boolean onDifferentBind,
            double beforeResponse, double duplicate, double unknownId) {
        this(enabled, delay, statusMix, enroute, encoding, idFormat, dateFormat, onDifferentBind, beforeResponse,
                duplicate, unknownId, Redelivery.DEFAULTS);
    }

    public ReceiptBehaviour withRedelivery(Redelivery newRedelivery) {
        return new ReceiptBehaviour(enabled, delay, statusMix, enroute, encoding, idFormat, dateFormat,
                onDifferentBind, beforeResponse, duplicate, unknownId, newRedelivery);
    }

    /** Where the receipt's facts travel: the short_message text, the TLVs (receipted_message_id, message_state), or both. */
    public enum Encoding { TEXT, TLV, BOTH }

    /** The {@code submit date:}/{@code done date:} layout: YYMMDDhhmm or YYMMDDhhmmss. */
    public enum DateFormat {
        TEN_DIGITS("yyMMddHHmm"), TWELVE_DIGITS("yyMMddHHmmss");

        private final String pattern;

        DateFormat(String pattern) {
            this.pattern = pattern;
        }

        public String pattern() {
            return pattern;
        }
    }

    public ReceiptBehaviour {
        requireNonNull(delay, "delay");
        requireNonNull(statusMix, "statusMix");
        requireNonNull(encoding, "encoding");
        requireNonNull(idFormat, "idFormat");
        requireNonNull(dateFormat, "dateFormat");
        fraction("receipts.enroute", enroute);
        fraction("receipts.before-response", beforeResponse);
        fraction("receipts.duplicate", duplicate);
        fraction("receipts.unknown-id", unknownId);
        requireNonNull(redelivery, "redelivery");
    }

    static void fraction(String key, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: between 0 and 1)");
        }
    }
}
