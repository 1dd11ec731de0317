package io.smsgate.protocol.dlr;

import static java.util.Objects.requireNonNull;

/**
 * A {@code key:value} field of a receipt's text that SMPP 3.4 Appendix B does not define (carriers add their
 * own, e.g. a network code), kept as written so that it can be relayed.
 */
public record ReceiptField(String key, String value) {

    public ReceiptField {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        if (key.isEmpty() || key.length() > ReceiptText.MAX_KEY_LENGTH || !ReceiptText.isWord(key)
                || key.indexOf(':') >= 0) {
            throw new IllegalArgumentException("receipt field key: '" + key + "' (expected: 1.."
                    + ReceiptText.MAX_KEY_LENGTH + " characters without spaces, controls or ':')");
        }
        if (ReceiptText.Key.of(key, 0, key.length()).isPresent()) {
            throw new IllegalArgumentException("receipt field key: '" + key
                    + "' (expected: not a field of SMPP 3.4 Appendix B)");
        }
        if (value.length() > ReceiptText.MAX_VALUE_LENGTH || !ReceiptText.isWord(value)) {
            throw new IllegalArgumentException("receipt field " + key + ": '" + value + "' (expected: at most "
                    + ReceiptText.MAX_VALUE_LENGTH + " characters without spaces or controls)");
        }
    }
}
