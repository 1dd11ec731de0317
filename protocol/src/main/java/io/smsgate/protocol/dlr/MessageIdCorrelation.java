package io.smsgate.protocol.dlr;

import static java.util.Objects.requireNonNull;

/**
 * A carrier's id formats on both sides of a message's life, so that the id of its submit_sm_resp and the
 * id of its receipt map to the same key (reliability checklist B14).
 *
 * @param submitResp how the carrier writes message_id in submit_sm_resp
 * @param receipt how it writes the id in receipts (receipted_message_id or {@code id:})
 */
public record MessageIdCorrelation(MessageIdFormat submitResp, MessageIdFormat receipt) {

    /** Both ids compared as written. */
    public static final MessageIdCorrelation AS_IS = new MessageIdCorrelation(MessageIdFormat.AS_IS,
            MessageIdFormat.AS_IS);

    public MessageIdCorrelation {
        requireNonNull(submitResp, "submitResp");
        requireNonNull(receipt, "receipt");
    }

    /**
     * Kannel's {@code msg-id-type}: bit 0 set means the submit_sm_resp id is hex, bit 1 the receipt id; a
     * clear bit means decimal.
     */
    public static MessageIdCorrelation kannelMsgIdType(int msgIdType) {
        if (msgIdType < 0 || msgIdType > 3) {
            throw new IllegalArgumentException("msg-id-type: " + msgIdType + " (expected: 0..3)");
        }
        return new MessageIdCorrelation(
                (msgIdType & 1) != 0 ? MessageIdFormat.HEX : MessageIdFormat.DECIMAL,
                (msgIdType & 2) != 0 ? MessageIdFormat.HEX : MessageIdFormat.DECIMAL);
    }

    /**
     * Jasmin's {@code dlr_msg_id_bases}: 0 same base (compared as written), 1 submit_sm_resp hex and receipt
     * decimal, 2 submit_sm_resp decimal and receipt hex.
     */
    public static MessageIdCorrelation jasminDlrMsgIdBases(int bases) {
        return switch (bases) {
            case 0 -> AS_IS;
            case 1 -> new MessageIdCorrelation(MessageIdFormat.HEX, MessageIdFormat.DECIMAL);
            case 2 -> new MessageIdCorrelation(MessageIdFormat.DECIMAL, MessageIdFormat.HEX);
            default -> throw new IllegalArgumentException("dlr_msg_id_bases: " + bases + " (expected: 0..2)");
        };
    }

    /** The key of a message_id from a submit_sm_resp. */
    public CorrelationKey fromSubmitResp(String messageId) {
        return submitResp.canonical(messageId);
    }

    /** The key of the id a receipt refers to ({@link DeliveryReceipt#id()}). */
    public CorrelationKey fromReceipt(String receiptId) {
        return receipt.canonical(receiptId);
    }
}
