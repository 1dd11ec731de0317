package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;

/**
 * An optional parameter (TLV, SMPP 3.4 §5.3, SMPP 5.0 §4.8). The parameters gateways act on are typed records;
 * every other tag is kept as {@link Unknown} and re-encoded byte for byte.
 */
public sealed interface Tlv {

    /** The parameter tag. */
    int tag();
    /** dest_addr_subunit (1 octet). */
    record DestAddrSubunit(int value) implements Tlv {
        public static final int TAG = 0x0005;

        public DestAddrSubunit {
            Fields.u8("dest_addr_subunit", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** source_addr_subunit (1 octet). */
    record SourceAddrSubunit(int value) implements Tlv {
        public static final int TAG = 0x000D;

        public SourceAddrSubunit {
            Fields.u8("source_addr_subunit", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** payload_type (1 octet). */
    record PayloadType(int value) implements Tlv {
        public static final int TAG = 0x0019;

        public PayloadType {
            Fields.u8("payload_type", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** language_indicator (1 octet). */
    record LanguageIndicator(int value) implements Tlv {
        public static final int TAG = 0x020D;

        public LanguageIndicator {
            Fields.u8("language_indicator", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** ms_availability_status (1 octet). */
    record MsAvailabilityStatus(int value) implements Tlv {
        public static final int TAG = 0x0422;

        public MsAvailabilityStatus {
            Fields.u8("ms_availability_status", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** delivery_failure_reason (1 octet). */
    record DeliveryFailureReason(int value) implements Tlv {
        public static final int TAG = 0x0425;

        public DeliveryFailureReason {
            Fields.u8("delivery_failure_reason", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** more_messages_to_send (1 octet). */
    record MoreMessagesToSend(int value) implements Tlv {
        public static final int TAG = 0x0426;

        public MoreMessagesToSend {
            Fields.u8("more_messages_to_send", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** congestion_state (1 octet). */
    record CongestionState(int value) implements Tlv {
        public static final int TAG = 0x0428;

        public CongestionState {
            Fields.u8("congestion_state", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** ussd_service_op (1 octet). */
    record UssdServiceOp(int value) implements Tlv {
        public static final int TAG = 0x0501;

        public UssdServiceOp {
            Fields.u8("ussd_service_op", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** broadcast_channel_indicator (1 octet). */
    record BroadcastChannelIndicator(int value) implements Tlv {
        public static final int TAG = 0x0600;

        public BroadcastChannelIndicator {
            Fields.u8("broadcast_channel_indicator", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** broadcast_message_class (1 octet). */
    record BroadcastMessageClass(int value) implements Tlv {
        public static final int TAG = 0x0603;

        public BroadcastMessageClass {
            Fields.u8("broadcast_message_class", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** broadcast_area_success (1 octet). */
    record BroadcastAreaSuccess(int value) implements Tlv {
        public static final int TAG = 0x0608;

        public BroadcastAreaSuccess {
            Fields.u8("broadcast_area_success", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** dest_addr_np_resolution (1 octet). */
    record DestAddrNpResolution(int value) implements Tlv {
        public static final int TAG = 0x0611;

        public DestAddrNpResolution {
            Fields.u8("dest_addr_np_resolution", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** sar_total_segments (1 octet, 1–255). */
    record SarTotalSegments(int value) implements Tlv {
        public static final int TAG = 0x020E;

        public SarTotalSegments {
            if (value < 1 || value > 0xFF) {
                throw new IllegalArgumentException("sar_total_segments: " + value + " (expected: 1..255)");
            }
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** sar_segment_seqnum (1 octet, 1–255). */
    record SarSegmentSeqnum(int value) implements Tlv {
        public static final int TAG = 0x020F;

        public SarSegmentSeqnum {
            if (value < 1 || value > 0xFF) {
                throw new IllegalArgumentException("sar_segment_seqnum: " + value + " (expected: 1..255)");
            }
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** user_message_reference (2 octets). */
    record UserMessageReference(int value) implements Tlv {
        public static final int TAG = 0x0204;

        public UserMessageReference {
            Fields.u16("user_message_reference", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** source_port (2 octets). */
    record SourcePort(int value) implements Tlv {
        public static final int TAG = 0x020A;

        public SourcePort {
            Fields.u16("source_port", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** destination_port (2 octets). */
    record DestinationPort(int value) implements Tlv {
        public static final int TAG = 0x020B;

        public DestinationPort {
            Fields.u16("destination_port", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** sar_msg_ref_num (2 octets). */
    record SarMsgRefNum(int value) implements Tlv {
        public static final int TAG = 0x020C;

        public SarMsgRefNum {
            Fields.u16("sar_msg_ref_num", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** broadcast_rep_num (2 octets). */
    record BroadcastRepNum(int value) implements Tlv {
        public static final int TAG = 0x0604;

        public BroadcastRepNum {
            Fields.u16("broadcast_rep_num", value);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** additional_status_info_text (C-octet string, at most 255 characters). */
    record AdditionalStatusInfoText(String text) implements Tlv {
        public static final int TAG = 0x001D;
        public static final int MAX_LENGTH = 255;

        public AdditionalStatusInfoText {
            Fields.cString("additional_status_info_text", text, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** receipted_message_id (C-octet string, at most 64 characters). */
    record ReceiptedMessageId(String messageId) implements Tlv {
        public static final int TAG = 0x001E;
        public static final int MAX_LENGTH = 64;

        public ReceiptedMessageId {
            Fields.cString("receipted_message_id", messageId, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** source_network_id (C-octet string, at most 64 characters). */
    record SourceNetworkId(String networkId) implements Tlv {
        public static final int TAG = 0x060D;
        public static final int MAX_LENGTH = 64;

        public SourceNetworkId {
            Fields.cString("source_network_id", networkId, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** dest_network_id (C-octet string, at most 64 characters). */
    record DestNetworkId(String networkId) implements Tlv {
        public static final int TAG = 0x060E;
        public static final int MAX_LENGTH = 64;

        public DestNetworkId {
            Fields.cString("dest_network_id", networkId, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** callback_num (4–19 octets). */
    record CallbackNum(OctetString value) implements Tlv {
        public static final int TAG = 0x0381;
        public static final int MIN_LENGTH = 4;
        public static final int MAX_LENGTH = 19;

        public CallbackNum {
            Fields.octets("callback_num", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** message_payload (0–65535 octets). */
    record MessagePayload(OctetString value) implements Tlv {
        public static final int TAG = 0x0424;
        public static final int MIN_LENGTH = 0;
        public static final int MAX_LENGTH = 65535;

        public MessagePayload {
            Fields.octets("message_payload", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** broadcast_content_type_info (0–255 octets). */
    record BroadcastContentTypeInfo(OctetString value) implements Tlv {
        public static final int TAG = 0x0602;
        public static final int MIN_LENGTH = 0;
        public static final int MAX_LENGTH = 255;

        public BroadcastContentTypeInfo {
            Fields.octets("broadcast_content_type_info", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** broadcast_service_group (1–255 octets). */
    record BroadcastServiceGroup(OctetString value) implements Tlv {
        public static final int TAG = 0x060A;
        public static final int MIN_LENGTH = 1;
        public static final int MAX_LENGTH = 255;

        public BroadcastServiceGroup {
            Fields.octets("broadcast_service_group", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** billing_identification (1–1024 octets). */
    record BillingIdentification(OctetString value) implements Tlv {
        public static final int TAG = 0x060B;
        public static final int MIN_LENGTH = 1;
        public static final int MAX_LENGTH = 1024;

        public BillingIdentification {
            Fields.octets("billing_identification", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** source_node_id (6 octets). */
    record SourceNodeId(OctetString value) implements Tlv {
        public static final int TAG = 0x060F;
        public static final int MIN_LENGTH = 6;
        public static final int MAX_LENGTH = 6;

        public SourceNodeId {
            Fields.octets("source_node_id", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** dest_node_id (6 octets). */
    record DestNodeId(OctetString value) implements Tlv {
        public static final int TAG = 0x0610;
        public static final int MIN_LENGTH = 6;
        public static final int MAX_LENGTH = 6;

        public DestNodeId {
            Fields.octets("dest_node_id", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** dest_addr_np_information (10 octets). */
    record DestAddrNpInformation(OctetString value) implements Tlv {
        public static final int TAG = 0x0612;
        public static final int MIN_LENGTH = 10;
        public static final int MAX_LENGTH = 10;

        public DestAddrNpInformation {
            Fields.octets("dest_addr_np_information", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** dest_addr_np_country (1–5 octets). */
    record DestAddrNpCountry(OctetString value) implements Tlv {
        public static final int TAG = 0x0613;
        public static final int MIN_LENGTH = 1;
        public static final int MAX_LENGTH = 5;

        public DestAddrNpCountry {
            Fields.octets("dest_addr_np_country", value, MIN_LENGTH, MAX_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
    /** sc_interface_version (1 octet), sent in bind_*_resp. */
    record ScInterfaceVersion(InterfaceVersion version) implements Tlv {
        public static final int TAG = 0x0210;

        public ScInterfaceVersion {
            requireNonNull(version, "sc_interface_version");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** message_state (1 octet): the state a delivery receipt or query reports. */
    record MessageStateTlv(MessageState state) implements Tlv {
        public static final int TAG = 0x0427;

        public MessageStateTlv {
            requireNonNull(state, "message_state");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** network_error_code (3 octets): network type (1 = ANSI-136 … 3 = GSM … 8 = MC specific) and error code. */
    record NetworkErrorCode(int networkType, int errorCode) implements Tlv {
        public static final int TAG = 0x0423;

        public NetworkErrorCode {
            Fields.u8("network_error_code.network_type", networkType);
            Fields.u16("network_error_code.error_code", errorCode);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** broadcast_content_type (3 octets): network type and content type (SMPP 5.0 §4.8.4.11). */
    record BroadcastContentType(int networkType, int contentType) implements Tlv {
        public static final int TAG = 0x0601;

        public BroadcastContentType {
            Fields.u8("broadcast_content_type.network_type", networkType);
            Fields.u16("broadcast_content_type.content_type", contentType);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** broadcast_frequency_interval (3 octets): time unit and number of units (SMPP 5.0 §4.8.4.14). */
    record BroadcastFrequencyInterval(int timeUnit, int number) implements Tlv {
        public static final int TAG = 0x0605;

        public BroadcastFrequencyInterval {
            Fields.u8("broadcast_frequency_interval.time_unit", timeUnit);
            Fields.u16("broadcast_frequency_interval.number", number);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** broadcast_area_identifier (1–100 octets): area format and details; may repeat (SMPP 5.0 §4.8.4.7). */
    record BroadcastAreaIdentifier(int format, OctetString area) implements Tlv {
        public static final int TAG = 0x0606;
        public static final int MAX_AREA_LENGTH = 99;

        public BroadcastAreaIdentifier {
            Fields.u8("broadcast_area_identifier.format", format);
            Fields.octets("broadcast_area_identifier.area", area, 0, MAX_AREA_LENGTH);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** broadcast_error_status (4 octets): a command_status for a failed broadcast area (SMPP 5.0 §4.8.4.13). */
    record BroadcastErrorStatus(CommandStatus status) implements Tlv {
        public static final int TAG = 0x0607;

        public BroadcastErrorStatus {
            requireNonNull(status, "broadcast_error_status");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** broadcast_end_time (17 octets, C-octet SMPP time; empty allowed) (SMPP 5.0 §4.8.4.12). */
    record BroadcastEndTime(String time) implements Tlv {
        public static final int TAG = 0x0609;

        public BroadcastEndTime {
            Fields.time("broadcast_end_time", time);
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /**
     * A parameter without a typed record (vendor 0x1400–0x3FFF, or a standard one gateways do not act on), kept as
     * it came. Tags that have a typed record are refused so that each parameter has exactly one representation.
     */
    record Unknown(int tag, OctetString value) implements Tlv {

        public Unknown {
            Fields.u16("tag", tag);
            Fields.octets("value", value, 0, 0xFFFF);
            if (isTyped(tag)) {
                throw new IllegalArgumentException("tag: " + String.format("0x%04x", tag)
                        + " (expected: a tag without a typed Tlv record)");
            }
        }
    }

    /** True when {@code tag} has a typed record, so the decoder checks its length and value. */
    static boolean isTyped(int tag) {
        return switch (tag) {
            case 0x0005, 0x000D, 0x0019, 0x001D, 0x001E, 0x0204, 0x020A, 0x020B,
                 0x020C, 0x020D, 0x020E, 0x020F, 0x0210, 0x0381, 0x0422, 0x0423,
                 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0501, 0x0600, 0x0601,
                 0x0602, 0x0603, 0x0604, 0x0605, 0x0606, 0x0607, 0x0608, 0x0609,
                 0x060A, 0x060B, 0x060D, 0x060E, 0x060F, 0x0610, 0x0611, 0x0612,
                 0x0613 -> true;
            default -> false;
        };
    }
}
