package io.smsgate.protocol.dlr;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** What {@link ReceiptParser} made of a receipt: a receipt, or why there is none. Never an exception. */
public sealed interface ReceiptParseResult permits ReceiptParseResult.Parsed, ReceiptParseResult.Unparsed {

    /** Problems found on the way, as {@code "field: value (expected: …)"}; empty for a clean receipt. */
    List<String> problems();

    /**
     * A receipt with an id and a state; {@code problems} names the fields that were dropped or overridden
     * (a bad date, an unknown word, a TLV that disagrees with the text).
     */
    record Parsed(DeliveryReceipt receipt, List<String> problems) implements ReceiptParseResult {
        public Parsed {
            requireNonNull(receipt, "receipt");
            problems = List.copyOf(problems);
        }
    }

    /**
     * No usable receipt: the id or the state is missing from both the TLVs and the text. {@code id} is what
     * was found, if anything, for the log line and for late matching.
     */
    record Unparsed(Optional<String> id, List<String> problems) implements ReceiptParseResult {
        public Unparsed {
            requireNonNull(id, "id");
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("problems: empty (expected: why the receipt is unusable)");
            }
        }

        /** The problems on one line, for a log line or an orphan record. */
        public String reason() {
            return String.join("; ", problems);
        }
    }
}
