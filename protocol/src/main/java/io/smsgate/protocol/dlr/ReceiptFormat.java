package io.smsgate.protocol.dlr;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * How we write receipt text for our own clients (SMPP 3.4 Appendix B): fields in the specification's order,
 * {@code sub}/{@code dlvrd} as at least three digits, dates in one layout, and the first {@code textLength}
 * characters of the message after {@code text:}. Fields the receipt lacks are left out; {@code text:} is
 * always written (empty for no text) unless {@code textLength} is 0.
 *
 * <p>For any receipt in these shapes, {@code ReceiptParser.parse(format(r))} equals {@code r}: dates in
 * {@code dateLayout}, no network_error_code (a TLV, not text), and a text of at most {@code textLength}
 * characters, neither empty nor "none", without surrounding spaces and without a word that starts a field the receipt lacks.
 *
 * @param dateLayout layout of both dates; the specification's is {@link ReceiptDate.Layout#YYMMDDHHMM}
 * @param textLength how many characters of the text to write, 0–255; the specification says 20
 * @param textKey {@code "text"} or {@code "Text"} (the specification's example has the latter; most
 *     clients expect the former)
 */
public record ReceiptFormat(ReceiptDate.Layout dateLayout, int textLength, String textKey) {

    /** The specification's layout: 10-digit dates, 20 characters of text, {@code text:} in lower case. */
    public static final ReceiptFormat DEFAULTS = new ReceiptFormat(ReceiptDate.Layout.YYMMDDHHMM, 20, "text");

    public ReceiptFormat {
        requireNonNull(dateLayout, "dateLayout");
        requireNonNull(textKey, "textKey");
        if (textLength < 0 || textLength > ReceiptText.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("receipt text length: " + textLength + " (expected: 0.."
                    + ReceiptText.MAX_TEXT_LENGTH + ")");
        }
        if (!textKey.equals("text") && !textKey.equals("Text")) {
            throw new IllegalArgumentException("receipt text key: '" + textKey + "' (expected: text or Text)");
        }
    }

    public ReceiptFormat withDateLayout(ReceiptDate.Layout layout) {
        return new ReceiptFormat(layout, textLength, textKey);
    }

    /** The receipt's text, e.g. {@code id:7 sub:001 dlvrd:001 submit date:2401021504 … stat:DELIVRD err:000 text:Hi}. */
    public String format(DeliveryReceipt receipt) {
        StringBuilder out = new StringBuilder(160);
        out.append("id:").append(receipt.id());
        count(out, "sub", receipt.submitted());
        count(out, "dlvrd", receipt.delivered());
        receipt.submitDate().ifPresent(date -> date.appendDigits(out.append(" submit date:"), dateLayout));
        receipt.doneDate().ifPresent(date -> date.appendDigits(out.append(" done date:"), dateLayout));
        out.append(" stat:").append(receipt.state().statWord());
        receipt.error().ifPresent(err -> out.append(" err:").append(err));
        for (ReceiptField field : receipt.extraFields()) {
            out.append(' ').append(field.key()).append(':').append(field.value());
        }
        if (textLength > 0) {
            out.append(' ').append(textKey).append(':');
            receipt.text().ifPresent(text -> out.append(text, 0, cut(text)));
        }
        return out.toString();
    }

    /** Where to cut {@code text} to {@code textLength} characters without splitting a surrogate pair. */
    private int cut(String text) {
        if (text.length() <= textLength) {
            return text.length();
        }
        return Character.isHighSurrogate(text.charAt(textLength - 1)) ? textLength - 1 : textLength;
    }

    private static void count(StringBuilder out, String key, OptionalInt count) {
        if (count.isEmpty()) {
            return;
        }
        out.append(' ').append(key).append(':');
        int value = count.getAsInt();
        if (value < 100) {
            out.append('0');
        }
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
