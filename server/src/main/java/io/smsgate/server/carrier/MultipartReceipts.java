package io.smsgate.server.carrier;

/**
 * Which parts of a long message ask the carrier for a receipt (registered_delivery), and how part receipts make
 * the message's state (reliability.md B13).
 */
public enum MultipartReceipts {
    /** Every part asks; the message is DELIVERED when every part is, otherwise it takes the first failed part's state. */
    ALL_PARTS,
    /** Only the first part asks; its receipt is the message's. */
    FIRST_PART,
    /** Only the last part asks; its receipt is the message's (what most handsets' reassembly depends on). */
    LAST_PART;

    /** Whether part {@code index} of {@code count} requests a receipt when the client asked for one. */
    boolean requests(int index, int count) {
        return switch (this) {
            case ALL_PARTS -> true;
            case FIRST_PART -> index == 0;
            case LAST_PART -> index == count - 1;
        };
    }
}
