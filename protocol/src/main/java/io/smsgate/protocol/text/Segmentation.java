package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The outcome of segmenting a message: its parts, or a refusal saying why. */
public sealed interface Segmentation permits Segmentation.Segmented, Segmentation.Refused {

    /** The parts, in order; one part when the message fits in one. */
    record Segmented(TextEncoding encoding, SegmentOptions.Concatenation concatenation, List<Segment> segments)
            implements Segmentation {
        public Segmented {
            requireNonNull(encoding, "encoding");
            requireNonNull(concatenation, "concatenation");
            segments = List.copyOf(segments);
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("segments: empty (expected: at least one)");
            }
        }
    }

    /** The message cannot be sent as asked; {@code reason} names the value and the limit. */
    record Refused(String reason) implements Segmentation {
        public Refused {
            requireNonNull(reason, "reason");
        }
    }
}
