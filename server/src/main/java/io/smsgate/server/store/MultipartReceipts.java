package io.smsgate.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Which parts of a long message ask the carrier for a receipt (registered_delivery), and how part receipts make
 * the message's state (reliability.md B13). A carrier profile chooses it; the Journal applies {@link #combine} in the
 * transaction that records a part's receipt.
 */
public enum MultipartReceipts {
    /** Every part asks; the message is DELIVERED when every part is, otherwise it takes the first failed part's state. */
    ALL_PARTS,
    /** Only the first part asks; its receipt is the message's. */
    FIRST_PART,
    /** Only the last part asks; its receipt is the message's (what most handsets' reassembly depends on). */
    LAST_PART;

    /** Whether part {@code index} of {@code count} requests a receipt when the client asked for one. */
    public boolean requests(int index, int count) {
        return switch (this) {
            case ALL_PARTS -> true;
            case FIRST_PART -> index == 0;
            case LAST_PART -> index == count - 1;
        };
    }

    /**
     * The message's final state after part {@code partIndex} took a receipt, given every part's state in part order
     * (empty: no receipt yet); empty while the message stays open. Under ALL_PARTS the first failed part in part
     * order decides when every part is final; under FIRST_PART and LAST_PART only the requesting part's final
     * receipt decides, and the receipt of another part (a carrier that sends them anyway) changes nothing.
     */
    public Optional<MessageStatus> combine(int partIndex, List<Optional<MessageStatus>> parts) {
        int count = parts.size();
        if (partIndex < 0 || partIndex >= count) {
            throw new IllegalArgumentException("partIndex: " + partIndex + " (expected: 0 <= index < " + count + ")");
        }
        return switch (this) {
            case ALL_PARTS -> allParts(parts);
            case FIRST_PART, LAST_PART -> requests(partIndex, count)
                    ? parts.get(partIndex).filter(MessageStatus::isFinal) : Optional.empty();
        };
    }

    private static Optional<MessageStatus> allParts(List<Optional<MessageStatus>> parts) {
        Optional<MessageStatus> failed = Optional.empty();
        for (Optional<MessageStatus> part : parts) {
            if (part.isEmpty() || !part.get().isFinal()) {
                return Optional.empty();
            }
            if (part.get() != MessageStatus.DELIVERED && failed.isEmpty()) {
                failed = part;
            }
        }
        return Optional.of(failed.orElse(MessageStatus.DELIVERED));
    }
}
