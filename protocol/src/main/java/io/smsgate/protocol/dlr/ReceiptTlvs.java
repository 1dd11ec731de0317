package io.smsgate.protocol.dlr;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The TLVs of a receipt's deliver_sm or data_sm that say what the text says, as the SMPP decoder read them:
 * receipted_message_id (0x001E), message_state (0x0427) and network_error_code (0x0423), SMPP 3.4 §5.3.2.
 * When present they win over the text, as in Kannel; values are checked by the parser, not here, so that a
 * bad TLV becomes a parse problem rather than an exception.
 */
public record ReceiptTlvs(
        Optional<String> receiptedMessageId,
        OptionalInt messageState,
        Optional<NetworkErrorCode> networkErrorCode) {

    /** A receipt with none of the three TLVs: everything comes from the text. */
    public static final ReceiptTlvs NONE = new ReceiptTlvs(Optional.empty(), OptionalInt.empty(), Optional.empty());

    public ReceiptTlvs {
        requireNonNull(receiptedMessageId, "receiptedMessageId");
        requireNonNull(messageState, "messageState");
        requireNonNull(networkErrorCode, "networkErrorCode");
    }

    /** receipted_message_id and message_state, the usual SMPP 3.4 pair. */
    public static ReceiptTlvs of(String receiptedMessageId, int messageState) {
        return new ReceiptTlvs(Optional.of(receiptedMessageId), OptionalInt.of(messageState), Optional.empty());
    }
}
