package io.smsgate.protocol.dlr;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A delivery receipt: what an SMSC reports about one submitted message (SMPP 3.4 Appendix B text, with the
 * receipted_message_id, message_state and network_error_code TLVs of §5.3.2).
 *
 * @param id the SMSC's message id, as written (correlate through {@link MessageIdCorrelation})
 * @param submitted {@code sub:}, the number of messages originally submitted
 * @param delivered {@code dlvrd:}, the number delivered
 * @param submitDate {@code submit date:}
 * @param doneDate {@code done date:}
 * @param state {@code stat:} or message_state
 * @param error {@code err:} as written ({@code "075"} stays {@code "075"})
 * @param networkErrorCode the network_error_code TLV; never taken from the text
 * @param text {@code text:}, the first characters of the message; empty for {@code text:none}
 * @param extraFields fields the specification does not define, in the order received
 */
public record DeliveryReceipt(
        String id,
        OptionalInt submitted,
        OptionalInt delivered,
        Optional<ReceiptDate> submitDate,
        Optional<ReceiptDate> doneDate,
        ReceiptState state,
        Optional<String> error,
        Optional<NetworkErrorCode> networkErrorCode,
        Optional<String> text,
        List<ReceiptField> extraFields) {

    /** The longest id: receipted_message_id is a C-octet string of at most 65 octets with its NUL. */
    public static final int MAX_ID_LENGTH = ReceiptText.MAX_ID_LENGTH;

    public DeliveryReceipt {
        requireNonNull(id, "id");
        requireNonNull(submitted, "submitted");
        requireNonNull(delivered, "delivered");
        requireNonNull(submitDate, "submitDate");
        requireNonNull(doneDate, "doneDate");
        requireNonNull(state, "state");
        requireNonNull(error, "error");
        requireNonNull(networkErrorCode, "networkErrorCode");
        requireNonNull(text, "text");
        extraFields = List.copyOf(extraFields);
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH || !ReceiptText.isWord(id)) {
            throw new IllegalArgumentException("id: '" + id + "' (expected: 1.." + MAX_ID_LENGTH
                    + " characters without spaces or controls)");
        }
        checkCount("sub", submitted);
        checkCount("dlvrd", delivered);
        error.ifPresent(err -> {
            if (err.isEmpty() || err.length() > ReceiptText.MAX_ERR_LENGTH || !ReceiptText.isWord(err)) {
                throw new IllegalArgumentException("err: '" + err + "' (expected: 1.." + ReceiptText.MAX_ERR_LENGTH
                        + " characters without spaces or controls)");
            }
        });
        text.ifPresent(value -> {
            if (value.length() > ReceiptText.MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("text: " + value.length() + " characters (expected: at most "
                        + ReceiptText.MAX_TEXT_LENGTH + ")");
            }
        });
    }

    /** A receipt with only an id and a state; add the rest with the {@code with…} copies. */
    public static DeliveryReceipt of(String id, ReceiptState state) {
        return new DeliveryReceipt(id, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
                state, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public DeliveryReceipt withId(String newId) {
        return new DeliveryReceipt(newId, submitted, delivered, submitDate, doneDate, state, error, networkErrorCode,
                text, extraFields);
    }

    public DeliveryReceipt withCounts(int newSubmitted, int newDelivered) {
        return new DeliveryReceipt(id, OptionalInt.of(newSubmitted), OptionalInt.of(newDelivered), submitDate,
                doneDate, state, error, networkErrorCode, text, extraFields);
    }

    public DeliveryReceipt withDates(ReceiptDate newSubmitDate, ReceiptDate newDoneDate) {
        return new DeliveryReceipt(id, submitted, delivered, Optional.of(newSubmitDate), Optional.of(newDoneDate),
                state, error, networkErrorCode, text, extraFields);
    }

    public DeliveryReceipt withState(ReceiptState newState) {
        return new DeliveryReceipt(id, submitted, delivered, submitDate, doneDate, newState, error, networkErrorCode,
                text, extraFields);
    }

    public DeliveryReceipt withError(String newError) {
        return new DeliveryReceipt(id, submitted, delivered, submitDate, doneDate, state, Optional.of(newError),
                networkErrorCode, text, extraFields);
    }

    public DeliveryReceipt withNetworkErrorCode(NetworkErrorCode newNetworkErrorCode) {
        return new DeliveryReceipt(id, submitted, delivered, submitDate, doneDate, state, error,
                Optional.of(newNetworkErrorCode), text, extraFields);
    }

    public DeliveryReceipt withText(String newText) {
        return new DeliveryReceipt(id, submitted, delivered, submitDate, doneDate, state, error, networkErrorCode,
                Optional.of(newText), extraFields);
    }

    public DeliveryReceipt withExtraField(ReceiptField field) {
        List<ReceiptField> fields = new ArrayList<>(extraFields);
        fields.add(field);
        return new DeliveryReceipt(id, submitted, delivered, submitDate, doneDate, state, error, networkErrorCode,
                text, fields);
    }

    /**
     * The numeric error: the network_error_code TLV's code when present, else {@code err:} when it is decimal
     * digits ({@code "075"} is 75), else empty.
     */
    public OptionalInt errorCode() {
        if (networkErrorCode.isPresent()) {
            return OptionalInt.of(networkErrorCode.get().errorCode());
        }
        if (error.isEmpty() || error.get().length() > 9) {
            return OptionalInt.empty();
        }
        int value = 0;
        for (char c : error.get().toCharArray()) {
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            value = value * 10 + (c - '0');
        }
        return OptionalInt.of(value);
    }

    private static void checkCount(String field, OptionalInt count) {
        if (count.isPresent() && (count.getAsInt() < 0 || count.getAsInt() > 999_999_999)) {
            throw new IllegalArgumentException(field + ": " + count.getAsInt() + " (expected: 0..999999999)");
        }
    }
}
