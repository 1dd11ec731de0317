package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

/** The concatenated short message IE's values (23.040 §9.2.3.24.1 and §9.2.3.24.8). */
public record Concatenated(int reference, int total, int sequence, ReferenceWidth width) {

    public Concatenated {
        requireNonNull(width, "width");
        if (reference < 0 || reference > width.maxReference()) {
            throw new IllegalArgumentException(
                    "reference: " + reference + " (expected: 0.." + width.maxReference() + ")");
        }
        if (total < 1 || total > 255) {
            throw new IllegalArgumentException("total: " + total + " (expected: 1..255)");
        }
        if (sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("sequence: " + sequence + " (expected: 1.." + total + ")");
        }
    }
}
