package io.smsgate.protocol.smpp.pdu;

import java.util.Optional;

/** The command_id values of SMPP 3.4 §5.1.2.1 and SMPP 5.0 §4.7.5; responses are the request id with bit 31 set. */
public enum CommandId {
    GENERIC_NACK(0x80000000),
    BIND_RECEIVER(0x00000001),
    BIND_RECEIVER_RESP(0x80000001),
    BIND_TRANSMITTER(0x00000002),
    BIND_TRANSMITTER_RESP(0x80000002),
    QUERY_SM(0x00000003),
    QUERY_SM_RESP(0x80000003),
    SUBMIT_SM(0x00000004),
    SUBMIT_SM_RESP(0x80000004),
    DELIVER_SM(0x00000005),
    DELIVER_SM_RESP(0x80000005),
    UNBIND(0x00000006),
    UNBIND_RESP(0x80000006),
    REPLACE_SM(0x00000007),
    REPLACE_SM_RESP(0x80000007),
    CANCEL_SM(0x00000008),
    CANCEL_SM_RESP(0x80000008),
    BIND_TRANSCEIVER(0x00000009),
    BIND_TRANSCEIVER_RESP(0x80000009),
    OUTBIND(0x0000000B),
    ENQUIRE_LINK(0x00000015),
    ENQUIRE_LINK_RESP(0x80000015),
    SUBMIT_MULTI(0x00000021),
    SUBMIT_MULTI_RESP(0x80000021),
    ALERT_NOTIFICATION(0x00000102),
    DATA_SM(0x00000103),
    DATA_SM_RESP(0x80000103),
    BROADCAST_SM(0x00000111),
    BROADCAST_SM_RESP(0x80000111),
    QUERY_BROADCAST_SM(0x00000112),
    QUERY_BROADCAST_SM_RESP(0x80000112),
    CANCEL_BROADCAST_SM(0x00000113),
    CANCEL_BROADCAST_SM_RESP(0x80000113);

    /** Bit 31 of command_id marks a response (SMPP 3.4 §5.1.2.1). */
    public static final int RESPONSE_BIT = 0x80000000;

    private final int code;
    private final Optional<CommandId> asOptional;

    CommandId(int code) {
        this.code = code;
        this.asOptional = Optional.of(this);
    }

    public int code() {
        return code;
    }

    public boolean isResponse() {
        return (code & RESPONSE_BIT) != 0;
    }

    /** The command_id for {@code code}, empty when the code is not an SMPP 3.4/5.0 command. */
    public static Optional<CommandId> fromCode(int code) {
        CommandId id = lookup(code);
        return id == null ? Optional.empty() : id.asOptional;
    }

    /** The response this request is answered with; empty for responses, outbind and alert_notification. */
    public Optional<CommandId> response() {
        return switch (this) {
            case BIND_RECEIVER -> BIND_RECEIVER_RESP.asOptional;
            case BIND_TRANSMITTER -> BIND_TRANSMITTER_RESP.asOptional;
            case BIND_TRANSCEIVER -> BIND_TRANSCEIVER_RESP.asOptional;
            case QUERY_SM -> QUERY_SM_RESP.asOptional;
            case SUBMIT_SM -> SUBMIT_SM_RESP.asOptional;
            case DELIVER_SM -> DELIVER_SM_RESP.asOptional;
            case UNBIND -> UNBIND_RESP.asOptional;
            case REPLACE_SM -> REPLACE_SM_RESP.asOptional;
            case CANCEL_SM -> CANCEL_SM_RESP.asOptional;
            case ENQUIRE_LINK -> ENQUIRE_LINK_RESP.asOptional;
            case SUBMIT_MULTI -> SUBMIT_MULTI_RESP.asOptional;
            case DATA_SM -> DATA_SM_RESP.asOptional;
            case BROADCAST_SM -> BROADCAST_SM_RESP.asOptional;
            case QUERY_BROADCAST_SM -> QUERY_BROADCAST_SM_RESP.asOptional;
            case CANCEL_BROADCAST_SM -> CANCEL_BROADCAST_SM_RESP.asOptional;
            case OUTBIND, ALERT_NOTIFICATION, GENERIC_NACK, BIND_RECEIVER_RESP, BIND_TRANSMITTER_RESP, QUERY_SM_RESP,
                 SUBMIT_SM_RESP, DELIVER_SM_RESP, UNBIND_RESP, REPLACE_SM_RESP, CANCEL_SM_RESP,
                 BIND_TRANSCEIVER_RESP, ENQUIRE_LINK_RESP, SUBMIT_MULTI_RESP, DATA_SM_RESP, BROADCAST_SM_RESP,
                 QUERY_BROADCAST_SM_RESP, CANCEL_BROADCAST_SM_RESP -> Optional.empty();
        };
    }

    /** Allocation-free lookup for the decoder's hot path; {@code null} for an unknown code. */
    static CommandId lookup(int code) {
        return switch (code) {
            case 0x80000000 -> GENERIC_NACK;
            case 0x00000001 -> BIND_RECEIVER;
            case 0x80000001 -> BIND_RECEIVER_RESP;
            case 0x00000002 -> BIND_TRANSMITTER;
            case 0x80000002 -> BIND_TRANSMITTER_RESP;
            case 0x00000003 -> QUERY_SM;
            case 0x80000003 -> QUERY_SM_RESP;
            case 0x00000004 -> SUBMIT_SM;
            case 0x80000004 -> SUBMIT_SM_RESP;
            case 0x00000005 -> DELIVER_SM;
            case 0x80000005 -> DELIVER_SM_RESP;
            case 0x00000006 -> UNBIND;
            case 0x80000006 -> UNBIND_RESP;
            case 0x00000007 -> REPLACE_SM;
            case 0x80000007 -> REPLACE_SM_RESP;
            case 0x00000008 -> CANCEL_SM;
            case 0x80000008 -> CANCEL_SM_RESP;
            case 0x00000009 -> BIND_TRANSCEIVER;
            case 0x80000009 -> BIND_TRANSCEIVER_RESP;
            case 0x0000000B -> OUTBIND;
            case 0x00000015 -> ENQUIRE_LINK;
            case 0x80000015 -> ENQUIRE_LINK_RESP;
            case 0x00000021 -> SUBMIT_MULTI;
            case 0x80000021 -> SUBMIT_MULTI_RESP;
            case 0x00000102 -> ALERT_NOTIFICATION;
            case 0x00000103 -> DATA_SM;
            case 0x80000103 -> DATA_SM_RESP;
            case 0x00000111 -> BROADCAST_SM;
            case 0x80000111 -> BROADCAST_SM_RESP;
            case 0x00000112 -> QUERY_BROADCAST_SM;
            case 0x80000112 -> QUERY_BROADCAST_SM_RESP;
            case 0x00000113 -> CANCEL_BROADCAST_SM;
            case 0x80000113 -> CANCEL_BROADCAST_SM_RESP;
            default -> null;
        };
    }

    /** The command_id in hex as it appears on the wire, {@code 0x80000004}. */
    public static String hex(int code) {
        return String.format("0x%08x", code);
    }
}
