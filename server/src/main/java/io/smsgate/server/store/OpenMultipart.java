package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An open message whose newest submission went out in several parts, one at least with a final receipt
 * ({@link StoreReader#forEachOpenMultipart}): start-up recovery decides under its carrier's {@link MultipartReceipts}
 * whether those parts make it final.
 *
 * @param carrierId the carrier of its newest submission
 * @param parts each part at that carrier, in part order
 */
public record OpenMultipart(MessageId messageId, String carrierId, List<Part> parts) {

    /** A part's newest state (empty: no receipt yet) and its receipt's stat and err (V107). */
    public record Part(Optional<MessageStatus> state, Optional<String> receiptStat, Optional<String> errorCode) {
        public static final Part NO_RECEIPT = new Part(Optional.empty(), Optional.empty(), Optional.empty());

        public Part {
            requireNonNull(state, "state");
            requireNonNull(receiptStat, "receiptStat");
            requireNonNull(errorCode, "errorCode");
        }
    }

    public OpenMultipart {
        requireNonNull(messageId, "messageId");
        requireNonNull(carrierId, "carrierId");
        parts = List.copyOf(parts);
        if (parts.size() < 2) {
            throw new IllegalArgumentException("parts: " + parts.size() + " (expected: >= 2)");
        }
    }

    /** The parts' states, as {@link MultipartReceipts} takes them. */
    public List<Optional<MessageStatus>> states() {
        return parts.stream().map(Part::state).toList();
    }
}
