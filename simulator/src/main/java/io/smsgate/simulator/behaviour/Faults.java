package io.smsgate.simulator.behaviour;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * Carrier faults, after Jasmin's simulator catalogue and reliability.md Checklist B: refused binds (B2),
 * black-hole binds (B3), silence mid-window (B4), RST (B15), half-open silence (B16), unbind (B17),
 * malformed PDUs (B10), slow-down and enquire_link storms (B22). Counts are 0 when off.
 *
 * @param refuseBinds answer every bind with this status (B2)
 * @param ignoreBinds never answer a bind (B3)
 * @param resetAfterRequests close with TCP RST after this many requests on a connection (B15)
 * @param silent read everything, answer nothing, keep the socket open (B16)
 * @param stopAnsweringAfter answer this many requests per connection, then go quiet (B4)
 * @param slowDown multiplies every response and receipt delay (1 = normal speed)
 * @param unbindAfterSubmits send unbind after this many submits on a connection (B17)
 * @param enquireLinkStorm enquire_link requests per second sent to each bound ESME (B22)
 */
public record Faults(
        OptionalInt refuseBinds,
        boolean ignoreBinds,
        long resetAfterRequests,
        boolean silent,
        long stopAnsweringAfter,
        double slowDown,
        long unbindAfterSubmits,
        Malformed malformed,
        double enquireLinkStorm) {

    public static final Faults NONE = new Faults(OptionalInt.empty(), false, 0, false, 0, 1.0, 0, Malformed.NONE, 0.0);

    public Faults {
        requireNonNull(refuseBinds, "refuseBinds");
        refuseBinds.ifPresent(status -> {
            if (status == 0) {
                throw new IllegalArgumentException("faults.refuse-binds: 0 (expected: an error status, or none)");
            }
        });
        nonNegative("faults.reset-after-requests", resetAfterRequests);
        nonNegative("faults.stop-answering-after", stopAnsweringAfter);
        nonNegative("faults.unbind-after-submits", unbindAfterSubmits);
        if (!(slowDown >= 1.0 && slowDown <= 10_000.0)) {
            throw new IllegalArgumentException("faults.slow-down: " + slowDown + " (expected: 1..10000, a delay multiplier)");
        }
        requireNonNull(malformed, "malformed");
        if (!(enquireLinkStorm >= 0.0 && enquireLinkStorm <= 100_000.0)) {
            throw new IllegalArgumentException("faults.enquire-link-storm: " + enquireLinkStorm + " (expected: 0..100000 per second)");
        }
    }

    private static void nonNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: >= 0, 0 = off)");
        }
    }

    /**
     * Replaces a fraction of responses with a malformed PDU (Jasmin's CommandLengthTooShort/TooLong,
     * InvalidCommandId and NonFatalParseError simulators, reliability.md B10).
     */
    public record Malformed(Kind kind, double fraction) {
        public static final Malformed NONE = new Malformed(Kind.COMMAND_LENGTH_TOO_SHORT, 0.0);

        /** What is wrong with the PDU. */
        public enum Kind { COMMAND_LENGTH_TOO_SHORT, COMMAND_LENGTH_TOO_LONG, INVALID_COMMAND_ID, TRUNCATED_BODY }

        public Malformed {
            requireNonNull(kind, "kind");
            ReceiptBehaviour.fraction("faults.malformed.fraction", fraction);
        }
    }
}
