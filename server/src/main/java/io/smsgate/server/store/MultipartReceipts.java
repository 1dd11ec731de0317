package io.smsgate.server.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

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
     * (empty: no receipt yet); empty while the message stays open. It is the state of the {@link #decidingPart}.
     */
    public Optional<MessageStatus> combine(int partIndex, List<Optional<MessageStatus>> parts) {
        OptionalInt deciding = decidingPart(partIndex, parts);
        return deciding.isPresent() ? parts.get(deciding.getAsInt()) : Optional.empty();
    }

    /**
     * The part whose receipt is the message's final state after part {@code partIndex} took a receipt, given every
     * part's state in part order (empty: no receipt yet); empty while the message stays open. Under ALL_PARTS, once
     * every part is final, the first failed part in part order, or {@code partIndex} when every part was delivered;
     * under FIRST_PART and LAST_PART the requesting part once its receipt is final, and the receipt of another part
     * (a carrier that sends them anyway) decides nothing. The message's final event names this part's stat and err.
     */
    public OptionalInt decidingPart(int partIndex, List<Optional<MessageStatus>> parts) {
        int count = parts.size();
        if (partIndex < 0 || partIndex >= count) {
            throw new IllegalArgumentException("partIndex: " + partIndex + " (expected: 0 <= index < " + count + ")");
        }
        return switch (this) {
            case ALL_PARTS -> allParts(partIndex, parts);
            case FIRST_PART, LAST_PART -> requests(partIndex, count)
                    && parts.get(partIndex).filter(MessageStatus::isFinal).isPresent()
                    ? OptionalInt.of(partIndex) : OptionalInt.empty();
        };
    }

    private static OptionalInt allParts(int partIndex, List<Optional<MessageStatus>> parts) {
        OptionalInt failed = OptionalInt.empty();
        for (int index = 0; index < parts.size(); index++) {
            Optional<MessageStatus> part = parts.get(index);
            if (part.isEmpty() || !part.get().isFinal()) {
                return OptionalInt.empty();
            }
            if (part.get() != MessageStatus.DELIVERED && failed.isEmpty()) {
                failed = OptionalInt.of(index);
            }
        }
        return failed.isPresent() ? failed : OptionalInt.of(partIndex);
    }
}
