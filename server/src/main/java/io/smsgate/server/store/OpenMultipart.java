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
 * @param parts each part's state at that carrier, in part order (empty: no receipt yet)
 */
public record OpenMultipart(MessageId messageId, String carrierId, List<Optional<MessageStatus>> parts) {
    public OpenMultipart {
        requireNonNull(messageId, "messageId");
        requireNonNull(carrierId, "carrierId");
        parts = List.copyOf(parts);
        if (parts.size() < 2) {
            throw new IllegalArgumentException("parts: " + parts.size() + " (expected: >= 2)");
        }
    }
}
