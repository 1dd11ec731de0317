package io.smsgate.simulator.behaviour;

import static java.util.Objects.requireNonNull;

/**
 * Mobile-originated messages a carrier sends on its receiver binds (deliver_sm, SMPP 3.4 §4.6).
 * Address patterns replace each {@code #} with a random digit. Multipart MO may arrive with its parts
 * shuffled (reliability.md B21).
 *
 * @param rate messages per second over all binds of the carrier; 0 = none
 */
public record MoTraffic(
        double rate,
        String sourcePattern,
        String destinationPattern,
        String text,
        Encoding encoding,
        double multipartFraction,
        int parts,
        boolean outOfOrder) {

    public static final MoTraffic NONE = new MoTraffic(0.0, "+4477009#####", "12345", "hello from the simulator",
            Encoding.GSM7, 0.0, 2, false);

    /** The data_coding of MO messages. */
    public enum Encoding { GSM7, LATIN1, UCS2 }

    public MoTraffic {
        if (!(rate >= 0.0 && rate <= 1_000_000.0)) {
            throw new IllegalArgumentException("mo.rate: " + rate + " (expected: 0..1000000 per second)");
        }
        requireNonNull(sourcePattern, "sourcePattern");
        requireNonNull(destinationPattern, "destinationPattern");
        requireNonNull(text, "text");
        requireNonNull(encoding, "encoding");
        if (sourcePattern.isEmpty() || sourcePattern.length() > 20) {
            throw new IllegalArgumentException("mo.source: \"" + sourcePattern + "\" (expected: 1..20 characters)");
        }
        if (destinationPattern.isEmpty() || destinationPattern.length() > 20) {
            throw new IllegalArgumentException("mo.destination: \"" + destinationPattern + "\" (expected: 1..20 characters)");
        }
        ReceiptBehaviour.fraction("mo.multipart.fraction", multipartFraction);
        if (parts < 2 || parts > 255) {
            throw new IllegalArgumentException("mo.multipart.parts: " + parts + " (expected: 2..255)");
        }
    }
}
