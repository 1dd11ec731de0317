package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;

/** Validation shared by the records' compact constructors, so that no record can hold an unencodable value. */
final class Fields {

    private Fields() {
    }

    /** A C-octet string: at most {@code max} ISO-8859-1 characters and no NUL. */
    static String cString(String field, String value, int max) {
        requireNonNull(value, field);
        if (value.length() > max) {
            throw new IllegalArgumentException(field + ": " + value.length() + " characters (expected: <= " + max + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(field + ": character " + (int) c + " at " + i
                        + " (expected: ISO-8859-1 without NUL)");
            }
        }
        return value;
    }

    static String time(String field, String value) {
        requireNonNull(value, field);
        if (!FieldLimits.isTime(value)) {
            throw new IllegalArgumentException(field + ": \"" + value + "\" (expected: empty or YYMMDDhhmmsstnnp)");
        }
        return value;
    }

    static int u8(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: 0..255)");
        }
        return value;
    }

    static int u16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: 0..65535)");
        }
        return value;
    }

    static OctetString octets(String field, OctetString value, int min, int max) {
        requireNonNull(value, field);
        if (value.length() < min || value.length() > max) {
            throw new IllegalArgumentException(field + ": " + value.length() + " octets (expected: " + min + ".." + max
                    + ")");
        }
        return value;
    }

    static Address address(String field, Address value, int max) {
        requireNonNull(value, field);
        if (value.address().length() > max) {
            throw new IllegalArgumentException(field + ": " + value.address().length() + " characters (expected: <= "
                    + max + ")");
        }
        return value;
    }

    /** SMPP 5.0 §4.1: a response with command_status != 0 has no body; error responses are built empty. */
    static void emptyOnError(String pdu, CommandStatus status, boolean empty) {
        requireNonNull(status, "commandStatus");
        if (!status.isOk() && !empty) {
            throw new IllegalArgumentException(pdu + ": body with command_status " + status
                    + " (expected: no body when command_status != 0)");
        }
    }

    static Tlvs noPayloadWithShortMessage(String pdu, OctetString shortMessage, Tlvs tlvs) {
        requireNonNull(tlvs, "tlvs");
        if (!shortMessage.isEmpty() && tlvs.messagePayload().isPresent()) {
            throw new IllegalArgumentException(pdu + ": short_message and message_payload both present"
                    + " (expected: sm_length 0 when message_payload is used)");
        }
        return tlvs;
    }
}
