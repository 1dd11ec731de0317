package io.smsgate.protocol.dlr;

import io.smsgate.protocol.OctetString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads delivery receipts: the TLVs first, then the text (SMPP 3.4 Appendix B), in Kannel's order.
 *
 * <p>The id is receipted_message_id when present, else {@code id:}; the state is message_state when present
 * and in 0–9, else {@code stat:} (the "partial 3.4" receipt has receipted_message_id without message_state).
 * Everything else comes from the text. No input makes it throw: what it cannot read is reported in the
 * result's problems.
 */
public final class ReceiptParser {

    private ReceiptParser() {
    }

    /** Parses receipt text that carries no TLVs. */
    public static ReceiptParseResult parse(CharSequence text) {
        return parse(ReceiptTlvs.NONE, text);
    }

    /**
     * Parses a receipt whose text came in short_message or message_payload: {@code shortMessage} when it is
     * not empty, else {@code messagePayload} (SMPP 3.4 §5.3.2.32: with message_payload, sm_length is 0).
     * Octets are read as ISO-8859-1, one character each, so any octets decode and ASCII reads as ASCII; a
     * receipt sent in UCS-2 (data_coding 8) must be decoded by the caller and given to
     * {@link #parse(ReceiptTlvs, CharSequence)}.
     */
    public static ReceiptParseResult parse(ReceiptTlvs tlvs, OctetString shortMessage, OctetString messagePayload) {
        OctetString octets = shortMessage.isEmpty() ? messagePayload : shortMessage;
        return parse(tlvs, octets.decode(StandardCharsets.ISO_8859_1));
    }

    /** Parses the TLVs and the text of one receipt; {@code text} may be empty when the TLVs say everything. */
    public static ReceiptParseResult parse(ReceiptTlvs tlvs, CharSequence text) {
        ReceiptText scanned = ReceiptText.scan(text);
        List<String> problems = new ArrayList<>(scanned.problems());

        Optional<String> id = Optional.ofNullable(scanned.id);
        if (tlvs.receiptedMessageId().isPresent()) {
            String tlvId = tlvs.receiptedMessageId().get();
            if (tlvId.isEmpty() || tlvId.length() > DeliveryReceipt.MAX_ID_LENGTH || !ReceiptText.isWord(tlvId)) {
                problems.add("receipted_message_id: " + quote(tlvId) + " (expected: 1.."
                        + DeliveryReceipt.MAX_ID_LENGTH + " characters without spaces or controls)");
            } else {
                if (id.isPresent() && !id.get().equals(tlvId)) {
                    // Common and harmless: TLV in hex, text in decimal. Worth a line when correlation fails.
                    problems.add("receipted_message_id: " + quote(tlvId) + " differs from id: " + quote(id.get())
                            + " (used receipted_message_id)");
                }
                id = Optional.of(tlvId);
            }
        }

        Optional<ReceiptState> state = Optional.ofNullable(scanned.state);
        OptionalInt messageState = tlvs.messageState();
        if (messageState.isPresent()) {
            Optional<ReceiptState> tlvState = ReceiptState.fromMessageState(messageState.getAsInt());
            if (tlvState.isEmpty()) {
                problems.add("message_state: " + messageState.getAsInt() + " (expected: 0..9)");
            } else {
                if (state.isPresent() && state.get() != tlvState.get()) {
                    problems.add("message_state: " + tlvState.get() + " differs from stat: " + state.get()
                            + " (used message_state)");
                }
                state = tlvState;
            }
        }

        if (id.isEmpty() || state.isEmpty()) {
            if (text.length() == 0) {
                problems.add("receipt text: empty");
            } else if (!scanned.anyField()) {
                problems.add("receipt text: no key:value fields (expected: id:… stat:… as in SMPP 3.4 Appendix B)");
            }
            if (id.isEmpty()) {
                problems.add("id: missing (no receipted_message_id and no id: field)");
            }
            if (state.isEmpty()) {
                problems.add("stat: missing (no message_state and no readable stat: field)");
            }
            return new ReceiptParseResult.Unparsed(id, problems);
        }
        DeliveryReceipt receipt = new DeliveryReceipt(
                id.get(),
                count(scanned.submitted),
                count(scanned.delivered),
                Optional.ofNullable(scanned.submitDate),
                Optional.ofNullable(scanned.doneDate),
                state.get(),
                Optional.ofNullable(scanned.err),
                tlvs.networkErrorCode(),
                Optional.ofNullable(scanned.text),
                scanned.extras);
        return new ReceiptParseResult.Parsed(receipt, problems);
    }

    private static OptionalInt count(int value) {
        return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static String quote(String value) {
        return value.length() <= 24 ? "'" + value + "'" : "'" + value.substring(0, 24) + "…' (" + value.length()
                + " characters)";
    }
}
