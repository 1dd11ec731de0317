package io.smsgate.protocol.smpp.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.AlertNotification;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindResp;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.BroadcastSm;
import io.smsgate.protocol.smpp.pdu.BroadcastSmResp;
import io.smsgate.protocol.smpp.pdu.CancelBroadcastSm;
import io.smsgate.protocol.smpp.pdu.CancelBroadcastSmResp;
import io.smsgate.protocol.smpp.pdu.CancelSm;
import io.smsgate.protocol.smpp.pdu.CancelSmResp;
import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DataSm;
import io.smsgate.protocol.smpp.pdu.DataSmResp;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.DestinationAddress;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.FieldLimits;
import io.smsgate.protocol.smpp.pdu.GenericNack;
import io.smsgate.protocol.smpp.pdu.Inbound;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.Pdu;
import io.smsgate.protocol.smpp.pdu.QueryBroadcastSm;
import io.smsgate.protocol.smpp.pdu.QueryBroadcastSmResp;
import io.smsgate.protocol.smpp.pdu.QuerySm;
import io.smsgate.protocol.smpp.pdu.QuerySmResp;
import io.smsgate.protocol.smpp.pdu.ReplaceSm;
import io.smsgate.protocol.smpp.pdu.ReplaceSmResp;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitMulti;
import io.smsgate.protocol.smpp.pdu.SubmitMultiResp;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.smpp.pdu.Unbind;
import io.smsgate.protocol.smpp.pdu.UnbindResp;
import io.smsgate.protocol.smpp.pdu.UnsuccessfulSme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SMPP 3.4 / 5.0 PDU bodies to and from bytes (SMPP 3.4 §4, SMPP 5.0 §4): the code behind {@link PduDecoder} and
 * {@link PduEncoder}, called directly by tests and benchmarks.
 */
final class PduCodec {

    static final int HEADER_LENGTH = PduLimits.HEADER_LENGTH;

    private PduCodec() {
    }

    // ---------------------------------------------------------------------------------------------- decoding

    /** Decodes one whole frame (command_length octets, at least 16); never throws for bad input. */
    static Inbound decode(ByteBuf frame) {
        int start = frame.readerIndex();
        int commandId = frame.getInt(start + 4);
        int status = frame.getInt(start + 8);
        int sequenceNumber = frame.getInt(start + 12);
        frame.skipBytes(HEADER_LENGTH);
        Optional<CommandId> id = CommandId.fromCode(commandId);
        if (id.isEmpty()) {
            frame.skipBytes(frame.readableBytes());
            return new MalformedPdu(commandId, sequenceNumber, CommandStatus.ESME_RINVCMDID,
                    "command_id: " + CommandId.hex(commandId) + " (expected: an SMPP 3.4/5.0 command)");
        }
        try {
            return decodeBody(id.get(), CommandStatus.of(status), sequenceNumber, frame);
        } catch (PduDecodeException e) {
            frame.skipBytes(frame.readableBytes());
            return new MalformedPdu(commandId, sequenceNumber, e.status(), e.getMessage());
        }
    }

    static Pdu decodeBody(CommandId id, CommandStatus status, int seq, ByteBuf body) throws PduDecodeException {
        if (id.isResponse() && (!status.isOk() || !body.isReadable())) {
            // SMPP 5.0 §4.1: no body when command_status != 0; carriers send one anyway (an empty message_id, or a
            // whole body), and some omit the body of a successful answer: accept all three, keep none of it.
            body.skipBytes(body.readableBytes());
            return bodyless(id, seq, status);
        }
        Pdu pdu = switch (id) {
            case GENERIC_NACK -> new GenericNack(seq, status);
            case BIND_RECEIVER -> bind(BindType.RX, seq, body);
            case BIND_TRANSMITTER -> bind(BindType.TX, seq, body);
            case BIND_TRANSCEIVER -> bind(BindType.TRX, seq, body);
            case BIND_RECEIVER_RESP -> bindResp(BindType.RX, seq, body);
            case BIND_TRANSMITTER_RESP -> bindResp(BindType.TX, seq, body);
            case BIND_TRANSCEIVER_RESP -> bindResp(BindType.TRX, seq, body);
            case OUTBIND -> new Outbind(seq, cString(body, FieldLimits.SYSTEM_ID, CommandStatus.ESME_RINVSYSID,
                    "system_id"), cString(body, FieldLimits.PASSWORD, CommandStatus.ESME_RINVPASWD, "password"));
            case UNBIND -> new Unbind(seq);
            case UNBIND_RESP -> new UnbindResp(seq, status);
            case ENQUIRE_LINK -> new EnquireLink(seq);
            case ENQUIRE_LINK_RESP -> new EnquireLinkResp(seq, status);
            case SUBMIT_SM -> submitSm(seq, body);
            case SUBMIT_SM_RESP -> new SubmitSmResp(seq, status, messageId(body), TlvCodec.decode(body));
            case DELIVER_SM -> deliverSm(seq, body);
            case DELIVER_SM_RESP -> new DeliverSmResp(seq, status, messageId(body), TlvCodec.decode(body));
            case SUBMIT_MULTI -> submitMulti(seq, body);
            case SUBMIT_MULTI_RESP -> submitMultiResp(seq, status, body);
            case DATA_SM -> dataSm(seq, body);
            case DATA_SM_RESP -> new DataSmResp(seq, status, messageId(body), TlvCodec.decode(body));
            case QUERY_SM -> new QuerySm(seq, messageId(body), address(body, "source_addr", FieldLimits.SM_ADDRESS,
                    CommandStatus.ESME_RINVSRCADR));
            case QUERY_SM_RESP -> querySmResp(seq, status, body);
            case CANCEL_SM -> cancelSm(seq, body);
            case CANCEL_SM_RESP -> new CancelSmResp(seq, status);
            case REPLACE_SM -> replaceSm(seq, body);
            case REPLACE_SM_RESP -> new ReplaceSmResp(seq, status);
            case ALERT_NOTIFICATION -> new AlertNotification(seq,
                    address(body, "source_addr", FieldLimits.DATA_SM_ADDRESS, CommandStatus.ESME_RINVSRCADR),
                    address(body, "esme_addr", FieldLimits.DATA_SM_ADDRESS, CommandStatus.ESME_RINVDSTADR),
                    TlvCodec.decode(body));
            case BROADCAST_SM -> broadcastSm(seq, body);
            case BROADCAST_SM_RESP -> new BroadcastSmResp(seq, status, messageId(body), TlvCodec.decode(body));
            case QUERY_BROADCAST_SM -> new QueryBroadcastSm(seq, messageId(body),
                    address(body, "source_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVSRCADR),
                    TlvCodec.decode(body));
            case QUERY_BROADCAST_SM_RESP -> new QueryBroadcastSmResp(seq, status, messageId(body),
                    TlvCodec.decode(body));
            case CANCEL_BROADCAST_SM -> new CancelBroadcastSm(seq, serviceType(body), messageId(body),
                    address(body, "source_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVSRCADR),
                    TlvCodec.decode(body));
            case CANCEL_BROADCAST_SM_RESP -> new CancelBroadcastSmResp(seq, status);
        };
        if (body.isReadable()) {
            throw new PduDecodeException(CommandStatus.ESME_RINVCMDLEN, name(id) + ": " + body.readableBytes()
                    + " octets after the body (expected: none)");
        }
        return pdu;
    }

    /** The response without its body: every error response, and a successful one a carrier sent bare. */
    private static Response bodyless(CommandId id, int seq, CommandStatus status) {
        return switch (id) {
            case GENERIC_NACK -> new GenericNack(seq, status);
            case BIND_RECEIVER_RESP -> BindResp.error(BindType.RX, seq, status);
            case BIND_TRANSMITTER_RESP -> BindResp.error(BindType.TX, seq, status);
            case BIND_TRANSCEIVER_RESP -> BindResp.error(BindType.TRX, seq, status);
            case UNBIND_RESP -> new UnbindResp(seq, status);
            case ENQUIRE_LINK_RESP -> new EnquireLinkResp(seq, status);
            case SUBMIT_SM_RESP -> SubmitSmResp.error(seq, status);
            case DELIVER_SM_RESP -> DeliverSmResp.error(seq, status);
            case SUBMIT_MULTI_RESP -> SubmitMultiResp.error(seq, status);
            case DATA_SM_RESP -> DataSmResp.error(seq, status);
            case QUERY_SM_RESP -> QuerySmResp.error(seq, status);
            case CANCEL_SM_RESP -> new CancelSmResp(seq, status);
            case REPLACE_SM_RESP -> new ReplaceSmResp(seq, status);
            case BROADCAST_SM_RESP -> BroadcastSmResp.error(seq, status);
            case QUERY_BROADCAST_SM_RESP -> QueryBroadcastSmResp.error(seq, status);
            case CANCEL_BROADCAST_SM_RESP -> new CancelBroadcastSmResp(seq, status);
            case BIND_RECEIVER, BIND_TRANSMITTER, BIND_TRANSCEIVER, OUTBIND, UNBIND, ENQUIRE_LINK, SUBMIT_SM,
                 DELIVER_SM, SUBMIT_MULTI, DATA_SM, QUERY_SM, CANCEL_SM, REPLACE_SM, ALERT_NOTIFICATION,
                 BROADCAST_SM, QUERY_BROADCAST_SM, CANCEL_BROADCAST_SM ->
                    throw new IllegalStateException("not a response: " + id);
        };
    }

    private static Bind bind(BindType type, int seq, ByteBuf in) throws PduDecodeException {
        String systemId = cString(in, FieldLimits.SYSTEM_ID, CommandStatus.ESME_RINVSYSID, "system_id");
        String password = cString(in, FieldLimits.PASSWORD, CommandStatus.ESME_RINVPASWD, "password");
        String systemType = cString(in, FieldLimits.SYSTEM_TYPE, CommandStatus.ESME_RINVSYSTYP, "system_type");
        InterfaceVersion version = InterfaceVersion.of(u8(in, "interface_version"));
        Address range = address(in, "address_range", FieldLimits.ADDRESS_RANGE, CommandStatus.ESME_RINVSRCADR);
        return new Bind(seq, type, systemId, password, systemType, version, range);
    }

    private static BindResp bindResp(BindType type, int seq, ByteBuf in) throws PduDecodeException {
        String systemId = cString(in, FieldLimits.SYSTEM_ID, CommandStatus.ESME_RINVSYSID, "system_id");
        return new BindResp(seq, type, CommandStatus.ESME_ROK, systemId, TlvCodec.decode(in));
    }

    private static SubmitSm submitSm(int seq, ByteBuf in) throws PduDecodeException {
        ShortMessage message = shortMessage(in);
        Tlvs tlvs = TlvCodec.decode(in);
        requireOneMessageField("submit_sm", message.shortMessage(), tlvs);
        return new SubmitSm(seq, message, tlvs);
    }

    private static DeliverSm deliverSm(int seq, ByteBuf in) throws PduDecodeException {
        ShortMessage message = shortMessage(in);
        Tlvs tlvs = TlvCodec.decode(in);
        requireOneMessageField("deliver_sm", message.shortMessage(), tlvs);
        return new DeliverSm(seq, message, tlvs);
    }

    private static ShortMessage shortMessage(ByteBuf in) throws PduDecodeException {
        String serviceType = serviceType(in);
        Address source = address(in, "source_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVSRCADR);
        Address destination = address(in, "destination_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVDSTADR);
        int esmClass = u8(in, "esm_class");
        int protocolId = u8(in, "protocol_id");
        int priorityFlag = u8(in, "priority_flag");
        String schedule = time(in, "schedule_delivery_time", CommandStatus.ESME_RINVSCHED);
        String validity = time(in, "validity_period", CommandStatus.ESME_RINVEXPIRY);
        int registeredDelivery = u8(in, "registered_delivery");
        int replaceIfPresent = u8(in, "replace_if_present_flag");
        int dataCoding = u8(in, "data_coding");
        int defaultMsgId = u8(in, "sm_default_msg_id");
        OctetString shortMessage = shortMessageOctets(in);
        return new ShortMessage(serviceType, source, destination, esmClass, protocolId, priorityFlag, schedule,
                validity, registeredDelivery, replaceIfPresent, dataCoding, defaultMsgId, shortMessage);
    }

    private static SubmitMulti submitMulti(int seq, ByteBuf in) throws PduDecodeException {
        String serviceType = serviceType(in);
        Address source = address(in, "source_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVSRCADR);
        int count = u8(in, "number_of_dests");
        if (count == 0 || count > FieldLimits.MAX_DESTINATIONS) {
            throw new PduDecodeException(CommandStatus.ESME_RINVNUMDESTS, "number_of_dests: " + count
                    + " (expected: 1.." + FieldLimits.MAX_DESTINATIONS + ")");
        }
        List<DestinationAddress> destinations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int flag = u8(in, "dest_flag");
            destinations.add(switch (flag) {
                case DestinationAddress.DEST_FLAG_SME -> new DestinationAddress.Sme(
                        address(in, "destination_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVDSTADR));
                case DestinationAddress.DEST_FLAG_DISTRIBUTION_LIST -> new DestinationAddress.DistributionList(
                        cString(in, FieldLimits.DL_NAME, CommandStatus.ESME_RINVDLNAME, "dl_name"));
                default -> throw new PduDecodeException(CommandStatus.ESME_RINVDESTFLAG,
                        "dest_flag: " + flag + " (expected: 1 SME address or 2 distribution list)");
            });
        }
        int esmClass = u8(in, "esm_class");
        int protocolId = u8(in, "protocol_id");
        int priorityFlag = u8(in, "priority_flag");
        String schedule = time(in, "schedule_delivery_time", CommandStatus.ESME_RINVSCHED);
        String validity = time(in, "validity_period", CommandStatus.ESME_RINVEXPIRY);
        int registeredDelivery = u8(in, "registered_delivery");
        int replaceIfPresent = u8(in, "replace_if_present_flag");
        int dataCoding = u8(in, "data_coding");
        int defaultMsgId = u8(in, "sm_default_msg_id");
        OctetString shortMessage = shortMessageOctets(in);
        Tlvs tlvs = TlvCodec.decode(in);
        requireOneMessageField("submit_multi", shortMessage, tlvs);
        return new SubmitMulti(seq, serviceType, source, destinations, esmClass, protocolId, priorityFlag, schedule,
                validity, registeredDelivery, replaceIfPresent, dataCoding, defaultMsgId, shortMessage, tlvs);
    }

    private static SubmitMultiResp submitMultiResp(int seq, CommandStatus status, ByteBuf in)
            throws PduDecodeException {
        String messageId = messageId(in);
        int count = u8(in, "no_unsuccess");
        List<UnsuccessfulSme> unsuccessful = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Address address = address(in, "destination_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVDSTADR);
            unsuccessful.add(new UnsuccessfulSme(address, CommandStatus.of(u32(in, "error_status_code"))));
        }
        return new SubmitMultiResp(seq, status, messageId, unsuccessful, TlvCodec.decode(in));
    }

    private static DataSm dataSm(int seq, ByteBuf in) throws PduDecodeException {
        String serviceType = serviceType(in);
        Address source = address(in, "source_addr", FieldLimits.DATA_SM_ADDRESS, CommandStatus.ESME_RINVSRCADR);
        Address destination = address(in, "destination_addr", FieldLimits.DATA_SM_ADDRESS,
                CommandStatus.ESME_RINVDSTADR);
        int esmClass = u8(in, "esm_class");
        int registeredDelivery = u8(in, "registered_delivery");
        int dataCoding = u8(in, "data_coding");
        return new DataSm(seq, serviceType, source, destination, esmClass, registeredDelivery, dataCoding,
                TlvCodec.decode(in));
    }

    private static QuerySmResp querySmResp(int seq, CommandStatus status, ByteBuf in) throws PduDecodeException {
        String messageId = messageId(in);
        String finalDate = time(in, "final_date", CommandStatus.ESME_RINVCMDLEN);
        MessageState state = MessageState.of(u8(in, "message_state"));
        int errorCode = u8(in, "error_code");
        return new QuerySmResp(seq, status, messageId, finalDate, state, errorCode);
    }

    private static CancelSm cancelSm(int seq, ByteBuf in) throws PduDecodeException {
        String serviceType = serviceType(in);
        String messageId = messageId(in);
        Address source = address(in, "source_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVSRCADR);
        Address destination = address(in, "destination_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVDSTADR);
        return new CancelSm(seq, serviceType, messageId, source, destination);
    }

    private static ReplaceSm replaceSm(int seq, ByteBuf in) throws PduDecodeException {
        String messageId = messageId(in);
        Address source = address(in, "source_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVSRCADR);
        String schedule = time(in, "schedule_delivery_time", CommandStatus.ESME_RINVSCHED);
        String validity = time(in, "validity_period", CommandStatus.ESME_RINVEXPIRY);
        int registeredDelivery = u8(in, "registered_delivery");
        int defaultMsgId = u8(in, "sm_default_msg_id");
        OctetString shortMessage = shortMessageOctets(in);
        Tlvs tlvs = TlvCodec.decode(in);
        requireOneMessageField("replace_sm", shortMessage, tlvs);
        return new ReplaceSm(seq, messageId, source, schedule, validity, registeredDelivery, defaultMsgId,
                shortMessage, tlvs);
    }

    private static BroadcastSm broadcastSm(int seq, ByteBuf in) throws PduDecodeException {
        String serviceType = serviceType(in);
        Address source = address(in, "source_addr", FieldLimits.SM_ADDRESS, CommandStatus.ESME_RINVSRCADR);
        String messageId = messageId(in);
        int priorityFlag = u8(in, "priority_flag");
        String schedule = time(in, "schedule_delivery_time", CommandStatus.ESME_RINVSCHED);
        String validity = time(in, "validity_period", CommandStatus.ESME_RINVEXPIRY);
        int replaceIfPresent = u8(in, "replace_if_present_flag");
        int dataCoding = u8(in, "data_coding");
        int defaultMsgId = u8(in, "sm_default_msg_id");
        Tlvs tlvs = TlvCodec.decode(in);
        requireTlv(tlvs, Tlv.BroadcastAreaIdentifier.TAG, "broadcast_area_identifier");
        requireTlv(tlvs, Tlv.BroadcastContentType.TAG, "broadcast_content_type");
        requireTlv(tlvs, Tlv.BroadcastRepNum.TAG, "broadcast_rep_num");
        requireTlv(tlvs, Tlv.BroadcastFrequencyInterval.TAG, "broadcast_frequency_interval");
        return new BroadcastSm(seq, serviceType, source, messageId, priorityFlag, schedule, validity,
                replaceIfPresent, dataCoding, defaultMsgId, tlvs);
    }

    /** SMPP 5.0 §4.4.1.1: broadcast_sm's four broadcast TLVs are mandatory; ESME_RMISSINGTLV names the absence. */
    private static void requireTlv(Tlvs tlvs, int tag, String name) throws PduDecodeException {
        if (tlvs.get(tag).isEmpty()) {
            throw new PduDecodeException(CommandStatus.ESME_RMISSINGOPTPARAM,
                    "broadcast_sm: " + name + " missing (expected: present, SMPP 5.0 §4.4.1.1)");
        }
    }

    /** SMPP 3.4 §5.3.2.32: sm_length must be 0 when message_payload carries the text. */
    private static void requireOneMessageField(String pdu, OctetString shortMessage, Tlvs tlvs)
            throws PduDecodeException {
        if (!shortMessage.isEmpty() && tlvs.messagePayload().isPresent()) {
            throw new PduDecodeException(CommandStatus.ESME_RINVMSGLEN, pdu + ": sm_length " + shortMessage.length()
                    + " with message_payload (expected: sm_length 0 when message_payload is present)");
        }
    }

    private static OctetString shortMessageOctets(ByteBuf in) throws PduDecodeException {
        int length = u8(in, "sm_length");
        if (length > FieldLimits.SHORT_MESSAGE) {
            throw new PduDecodeException(CommandStatus.ESME_RINVMSGLEN, "sm_length: " + length + " (expected: <= "
                    + FieldLimits.SHORT_MESSAGE + ")");
        }
        if (length > in.readableBytes()) {
            throw new PduDecodeException(CommandStatus.ESME_RINVMSGLEN, "sm_length: " + length + " (expected: <= "
                    + in.readableBytes() + " octets left in the PDU)");
        }
        if (length == 0) {
            return OctetString.EMPTY;
        }
        byte[] octets = new byte[length];
        in.readBytes(octets);
        return OctetString.wrap(octets);
    }

    private static String serviceType(ByteBuf in) throws PduDecodeException {
        return cString(in, FieldLimits.SERVICE_TYPE, CommandStatus.ESME_RINVSERTYP, "service_type");
    }

    private static String messageId(ByteBuf in) throws PduDecodeException {
        return cString(in, FieldLimits.MESSAGE_ID, CommandStatus.ESME_RINVMSGID, "message_id");
    }

    private static Address address(ByteBuf in, String field, int max, CommandStatus status)
            throws PduDecodeException {
        // Two addresses per submit_sm: the "<field> ton"/"<field> npi" names are built only when one is missing.
        if (in.readableBytes() < 2) {
            throw missing(field + (in.isReadable() ? " npi" : " ton"), 1);
        }
        int ton = in.readUnsignedByte();
        int npi = in.readUnsignedByte();
        return new Address(ton, npi, cString(in, max, status, field));
    }

    private static String time(ByteBuf in, String field, CommandStatus status) throws PduDecodeException {
        String time = cString(in, FieldLimits.TIME, status, field);
        if (!FieldLimits.isTime(time)) {
            throw new PduDecodeException(status, field + ": \"" + time + "\" (expected: empty or YYMMDDhhmmsstnnp)");
        }
        return time;
    }

    /**
     * A C-octet string of at most {@code max} characters and its NUL, read as ISO-8859-1 straight from the buffer.
     * Missing NUL and overlong value both get the field's own status (SMPP 3.4 §5.1.3; jsmpp does the same).
     */
    private static String cString(ByteBuf in, int max, CommandStatus status, String field)
            throws PduDecodeException {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int limit = Math.min(end, start + max + 1);
        int nul = in.indexOf(start, limit, (byte) 0);
        if (nul < 0) {
            throw new PduDecodeException(status, limit == end && limit - start <= max
                    ? field + ": no NUL before the end of the PDU (expected: C-octet string)"
                    : field + ": longer than " + max + " characters (expected: <= " + max + " and NUL)");
        }
        int length = nul - start;
        String value = length == 0 ? "" : in.toString(start, length, ISO_8859_1);
        in.readerIndex(nul + 1);
        return value;
    }

    private static int u8(ByteBuf in, String field) throws PduDecodeException {
        if (!in.isReadable()) {
            throw missing(field, 1);
        }
        return in.readUnsignedByte();
    }

    private static int u32(ByteBuf in, String field) throws PduDecodeException {
        if (in.readableBytes() < 4) {
            throw missing(field, 4);
        }
        return in.readInt();
    }

    private static PduDecodeException missing(String field, int octets) {
        return new PduDecodeException(CommandStatus.ESME_RINVCMDLEN, field + ": missing (expected: " + octets
                + " octets before the end of the PDU)");
    }

    private static String name(CommandId id) {
        return id.name().toLowerCase(java.util.Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------- encoding

    /**
     * Encodes {@code pdu} into a heap buffer of exactly command_length octets: short_message and TLV values are then
     * one array copy each (OctetString exposes no direct view), and the transport's single copy to a direct buffer
     * costs less than writing them octet by octet.
     */
    static ByteBuf encode(ByteBufAllocator alloc, Pdu pdu) {
        int length = HEADER_LENGTH + bodyLength(pdu);
        // The allocator's preferred kind: direct under epoll/NIO, so the transport writes this buffer as it is. A heap
        // buffer was copied into a second, direct one for every PDU written (a third of the write path's CPU time).
        ByteBuf out = alloc.buffer(length, length);
        boolean written = false;
        try {
            out.writeInt(length);
            out.writeInt(pdu.commandId().code());
            out.writeInt(pdu instanceof Response response ? response.commandStatus().code() : 0);
            out.writeInt(pdu.sequenceNumber());
            writeBody(pdu, out);
            written = true;
            return out;
        } finally {
            if (!written) {
                out.release();
            }
        }
    }

    /**
     * The submit_sm/deliver_sm body is written into an array after one capacity check, then into the buffer at once:
     * per-field ByteBuf writes cost a bounds and capacity check each, and a virtual call when the leak detector has
     * wrapped the buffer (encode CPU time x0.74 for a 160-octet submit_sm). A heap buffer lends its own array; a
     * direct one is filled from this thread's scratch array.
     */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_LENGTH];
        }
    };
    /** Longer than any submit_sm/deliver_sm body (13 fields, at most 255 octets of short_message). */
    private static final int SCRATCH_LENGTH = 1024;

    /** A scratch array of at least {@code length} octets for this thread; larger ones are not kept. */
    private static byte[] scratch(int length) {
        return length <= SCRATCH_LENGTH ? SCRATCH.get() : new byte[length];
    }

    static int bodyLength(Pdu pdu) {
        return switch (pdu.commandId()) {
            case GENERIC_NACK, UNBIND, UNBIND_RESP, ENQUIRE_LINK, ENQUIRE_LINK_RESP, CANCEL_SM_RESP, REPLACE_SM_RESP,
                 CANCEL_BROADCAST_SM_RESP -> 0;
            case BIND_RECEIVER, BIND_TRANSMITTER, BIND_TRANSCEIVER -> {
                Bind bind = (Bind) pdu;
                yield cs(bind.systemId()) + cs(bind.password()) + cs(bind.systemType()) + 1
                        + address(bind.addressRange());
            }
            case BIND_RECEIVER_RESP, BIND_TRANSMITTER_RESP, BIND_TRANSCEIVER_RESP -> {
                BindResp resp = (BindResp) pdu;
                yield resp.isOk() ? cs(resp.systemId()) + TlvCodec.encodedLength(resp.tlvs()) : 0;
            }
            case OUTBIND -> cs(((Outbind) pdu).systemId()) + cs(((Outbind) pdu).password());
            case SUBMIT_SM -> shortMessage(((SubmitSm) pdu).message()) + TlvCodec.encodedLength(((SubmitSm) pdu).tlvs());
            case DELIVER_SM -> shortMessage(((DeliverSm) pdu).message())
                    + TlvCodec.encodedLength(((DeliverSm) pdu).tlvs());
            case SUBMIT_SM_RESP -> messageIdBody(pdu, ((SubmitSmResp) pdu).messageId(), ((SubmitSmResp) pdu).tlvs());
            case DELIVER_SM_RESP -> messageIdBody(pdu, ((DeliverSmResp) pdu).messageId(),
                    ((DeliverSmResp) pdu).tlvs());
            case DATA_SM_RESP -> messageIdBody(pdu, ((DataSmResp) pdu).messageId(), ((DataSmResp) pdu).tlvs());
            case BROADCAST_SM_RESP -> messageIdBody(pdu, ((BroadcastSmResp) pdu).messageId(),
                    ((BroadcastSmResp) pdu).tlvs());
            case QUERY_BROADCAST_SM_RESP -> messageIdBody(pdu, ((QueryBroadcastSmResp) pdu).messageId(),
                    ((QueryBroadcastSmResp) pdu).tlvs());
            case SUBMIT_MULTI -> {
                SubmitMulti multi = (SubmitMulti) pdu;
                int length = cs(multi.serviceType()) + address(multi.source()) + 1;
                for (DestinationAddress destination : multi.destinations()) {
                    length += 1 + (destination instanceof DestinationAddress.Sme sme
                            ? address(sme.address())
                            : cs(((DestinationAddress.DistributionList) destination).name()));
                }
                yield length + 3 + cs(multi.scheduleDeliveryTime()) + cs(multi.validityPeriod()) + 4 + 1
                        + multi.shortMessage().length() + TlvCodec.encodedLength(multi.tlvs());
            }
            case SUBMIT_MULTI_RESP -> {
                SubmitMultiResp resp = (SubmitMultiResp) pdu;
                if (!resp.isOk()) {
                    yield 0;
                }
                int length = cs(resp.messageId()) + 1;
                for (UnsuccessfulSme sme : resp.unsuccessSmes()) {
                    length += address(sme.address()) + 4;
                }
                yield length + TlvCodec.encodedLength(resp.tlvs());
            }
            case DATA_SM -> {
                DataSm data = (DataSm) pdu;
                yield cs(data.serviceType()) + address(data.source()) + address(data.destination()) + 3
                        + TlvCodec.encodedLength(data.tlvs());
            }
            case QUERY_SM -> cs(((QuerySm) pdu).messageId()) + address(((QuerySm) pdu).source());
            case QUERY_SM_RESP -> {
                QuerySmResp resp = (QuerySmResp) pdu;
                yield resp.isOk() ? cs(resp.messageId()) + cs(resp.finalDate()) + 2 : 0;
            }
            case CANCEL_SM -> {
                CancelSm cancel = (CancelSm) pdu;
                yield cs(cancel.serviceType()) + cs(cancel.messageId()) + address(cancel.source())
                        + address(cancel.destination());
            }
            case REPLACE_SM -> {
                ReplaceSm replace = (ReplaceSm) pdu;
                yield cs(replace.messageId()) + address(replace.source()) + cs(replace.scheduleDeliveryTime())
                        + cs(replace.validityPeriod()) + 3 + replace.shortMessage().length()
                        + TlvCodec.encodedLength(replace.tlvs());
            }
            case ALERT_NOTIFICATION -> {
                AlertNotification alert = (AlertNotification) pdu;
                yield address(alert.source()) + address(alert.esmeAddress()) + TlvCodec.encodedLength(alert.tlvs());
            }
            case BROADCAST_SM -> {
                BroadcastSm broadcast = (BroadcastSm) pdu;
                yield cs(broadcast.serviceType()) + address(broadcast.source()) + cs(broadcast.messageId()) + 1
                        + cs(broadcast.scheduleDeliveryTime()) + cs(broadcast.validityPeriod()) + 3
                        + TlvCodec.encodedLength(broadcast.tlvs());
            }
            case QUERY_BROADCAST_SM -> {
                QueryBroadcastSm query = (QueryBroadcastSm) pdu;
                yield cs(query.messageId()) + address(query.source()) + TlvCodec.encodedLength(query.tlvs());
            }
            case CANCEL_BROADCAST_SM -> {
                CancelBroadcastSm cancel = (CancelBroadcastSm) pdu;
                yield cs(cancel.serviceType()) + cs(cancel.messageId()) + address(cancel.source())
                        + TlvCodec.encodedLength(cancel.tlvs());
            }
        };
    }

    private static void writeBody(Pdu pdu, ByteBuf out) {
        if (pdu instanceof Response response && !response.isOk()) {
            return; // SMPP 5.0 §4.1: no body when command_status != 0
        }
        switch (pdu.commandId()) {
            case GENERIC_NACK, UNBIND, UNBIND_RESP, ENQUIRE_LINK, ENQUIRE_LINK_RESP, CANCEL_SM_RESP, REPLACE_SM_RESP,
                 CANCEL_BROADCAST_SM_RESP -> {
                // header only
            }
            case BIND_RECEIVER, BIND_TRANSMITTER, BIND_TRANSCEIVER -> {
                Bind bind = (Bind) pdu;
                writeCString(out, bind.systemId());
                writeCString(out, bind.password());
                writeCString(out, bind.systemType());
                out.writeByte(bind.interfaceVersion().code());
                writeAddress(out, bind.addressRange());
            }
            case BIND_RECEIVER_RESP, BIND_TRANSMITTER_RESP, BIND_TRANSCEIVER_RESP -> {
                BindResp resp = (BindResp) pdu;
                writeCString(out, resp.systemId());
                TlvCodec.encode(resp.tlvs(), out);
            }
            case OUTBIND -> {
                writeCString(out, ((Outbind) pdu).systemId());
                writeCString(out, ((Outbind) pdu).password());
            }
            case SUBMIT_SM -> {
                writeShortMessage(out, ((SubmitSm) pdu).message());
                TlvCodec.encode(((SubmitSm) pdu).tlvs(), out);
            }
            case DELIVER_SM -> {
                writeShortMessage(out, ((DeliverSm) pdu).message());
                TlvCodec.encode(((DeliverSm) pdu).tlvs(), out);
            }
            case SUBMIT_SM_RESP -> writeMessageIdBody(out, ((SubmitSmResp) pdu).messageId(),
                    ((SubmitSmResp) pdu).tlvs());
            case DELIVER_SM_RESP -> writeMessageIdBody(out, ((DeliverSmResp) pdu).messageId(),
                    ((DeliverSmResp) pdu).tlvs());
            case DATA_SM_RESP -> writeMessageIdBody(out, ((DataSmResp) pdu).messageId(), ((DataSmResp) pdu).tlvs());
            case BROADCAST_SM_RESP -> writeMessageIdBody(out, ((BroadcastSmResp) pdu).messageId(),
                    ((BroadcastSmResp) pdu).tlvs());
            case QUERY_BROADCAST_SM_RESP -> writeMessageIdBody(out, ((QueryBroadcastSmResp) pdu).messageId(),
                    ((QueryBroadcastSmResp) pdu).tlvs());
            case SUBMIT_MULTI -> {
                SubmitMulti multi = (SubmitMulti) pdu;
                writeCString(out, multi.serviceType());
                writeAddress(out, multi.source());
                out.writeByte(multi.destinations().size());
                for (DestinationAddress destination : multi.destinations()) {
                    out.writeByte(destination.destFlag());
                    if (destination instanceof DestinationAddress.Sme sme) {
                        writeAddress(out, sme.address());
                    } else {
                        writeCString(out, ((DestinationAddress.DistributionList) destination).name());
                    }
                }
                out.writeByte(multi.esmClass());
                out.writeByte(multi.protocolId());
                out.writeByte(multi.priorityFlag());
                writeCString(out, multi.scheduleDeliveryTime());
                writeCString(out, multi.validityPeriod());
                out.writeByte(multi.registeredDelivery());
                out.writeByte(multi.replaceIfPresentFlag());
                out.writeByte(multi.dataCoding());
                out.writeByte(multi.smDefaultMsgId());
                out.writeByte(multi.shortMessage().length());
                writeOctets(out, multi.shortMessage());
                TlvCodec.encode(multi.tlvs(), out);
            }
            case SUBMIT_MULTI_RESP -> {
                SubmitMultiResp resp = (SubmitMultiResp) pdu;
                writeCString(out, resp.messageId());
                out.writeByte(resp.unsuccessSmes().size());
                for (UnsuccessfulSme sme : resp.unsuccessSmes()) {
                    writeAddress(out, sme.address());
                    out.writeInt(sme.errorStatusCode().code());
                }
                TlvCodec.encode(resp.tlvs(), out);
            }
            case DATA_SM -> {
                DataSm data = (DataSm) pdu;
                writeCString(out, data.serviceType());
                writeAddress(out, data.source());
                writeAddress(out, data.destination());
                out.writeByte(data.esmClass());
                out.writeByte(data.registeredDelivery());
                out.writeByte(data.dataCoding());
                TlvCodec.encode(data.tlvs(), out);
            }
            case QUERY_SM -> {
                writeCString(out, ((QuerySm) pdu).messageId());
                writeAddress(out, ((QuerySm) pdu).source());
            }
            case QUERY_SM_RESP -> {
                QuerySmResp resp = (QuerySmResp) pdu;
                writeCString(out, resp.messageId());
                writeCString(out, resp.finalDate());
                out.writeByte(resp.messageState().code());
                out.writeByte(resp.errorCode());
            }
            case CANCEL_SM -> {
                CancelSm cancel = (CancelSm) pdu;
                writeCString(out, cancel.serviceType());
                writeCString(out, cancel.messageId());
                writeAddress(out, cancel.source());
                writeAddress(out, cancel.destination());
            }
            case REPLACE_SM -> {
                ReplaceSm replace = (ReplaceSm) pdu;
                writeCString(out, replace.messageId());
                writeAddress(out, replace.source());
                writeCString(out, replace.scheduleDeliveryTime());
                writeCString(out, replace.validityPeriod());
                out.writeByte(replace.registeredDelivery());
                out.writeByte(replace.smDefaultMsgId());
                out.writeByte(replace.shortMessage().length());
                writeOctets(out, replace.shortMessage());
                TlvCodec.encode(replace.tlvs(), out);
            }
            case ALERT_NOTIFICATION -> {
                AlertNotification alert = (AlertNotification) pdu;
                writeAddress(out, alert.source());
                writeAddress(out, alert.esmeAddress());
                TlvCodec.encode(alert.tlvs(), out);
            }
            case BROADCAST_SM -> {
                BroadcastSm broadcast = (BroadcastSm) pdu;
                writeCString(out, broadcast.serviceType());
                writeAddress(out, broadcast.source());
                writeCString(out, broadcast.messageId());
                out.writeByte(broadcast.priorityFlag());
                writeCString(out, broadcast.scheduleDeliveryTime());
                writeCString(out, broadcast.validityPeriod());
                out.writeByte(broadcast.replaceIfPresentFlag());
                out.writeByte(broadcast.dataCoding());
                out.writeByte(broadcast.smDefaultMsgId());
                TlvCodec.encode(broadcast.tlvs(), out);
            }
            case QUERY_BROADCAST_SM -> {
                QueryBroadcastSm query = (QueryBroadcastSm) pdu;
                writeCString(out, query.messageId());
                writeAddress(out, query.source());
                TlvCodec.encode(query.tlvs(), out);
            }
            case CANCEL_BROADCAST_SM -> {
                CancelBroadcastSm cancel = (CancelBroadcastSm) pdu;
                writeCString(out, cancel.serviceType());
                writeCString(out, cancel.messageId());
                writeAddress(out, cancel.source());
                TlvCodec.encode(cancel.tlvs(), out);
            }
        }
    }

    private static int messageIdBody(Pdu pdu, String messageId, Tlvs tlvs) {
        return ((Response) pdu).isOk() ? cs(messageId) + TlvCodec.encodedLength(tlvs) : 0;
    }

    private static void writeMessageIdBody(ByteBuf out, String messageId, Tlvs tlvs) {
        writeCString(out, messageId);
        TlvCodec.encode(tlvs, out);
    }

    private static int shortMessage(ShortMessage message) {
        return cs(message.serviceType()) + address(message.source()) + address(message.destination()) + 3
                + cs(message.scheduleDeliveryTime()) + cs(message.validityPeriod()) + 4 + 1
                + message.shortMessage().length();
    }

    /** The body submit_sm and deliver_sm share, thirteen fields in one capacity check (see {@link #array}). */
    private static void writeShortMessage(ByteBuf out, ShortMessage message) {
        int length = shortMessage(message);
        out.ensureWritable(length);
        boolean heap = out.hasArray();
        byte[] array = heap ? out.array() : scratch(length);
        int start = heap ? out.arrayOffset() + out.writerIndex() : 0;
        int i = putCString(array, start, message.serviceType());
        i = putAddress(array, i, message.source());
        i = putAddress(array, i, message.destination());
        array[i++] = (byte) message.esmClass();
        array[i++] = (byte) message.protocolId();
        array[i++] = (byte) message.priorityFlag();
        i = putCString(array, i, message.scheduleDeliveryTime());
        i = putCString(array, i, message.validityPeriod());
        array[i++] = (byte) message.registeredDelivery();
        array[i++] = (byte) message.replaceIfPresentFlag();
        array[i++] = (byte) message.dataCoding();
        array[i++] = (byte) message.smDefaultMsgId();
        OctetString shortMessage = message.shortMessage();
        array[i++] = (byte) shortMessage.length();
        shortMessage.copyTo(array, i);
        if (heap) {
            out.writerIndex(out.writerIndex() + length);
        } else {
            out.writeBytes(array, 0, length);
        }
    }

    private static int putAddress(byte[] array, int index, Address address) {
        array[index] = (byte) address.ton();
        array[index + 1] = (byte) address.npi();
        return putCString(array, index + 2, address.address());
    }

    /** Writes an ISO-8859-1 C-octet string (the records hold no character above U+00FF) and its NUL. */
    private static int putCString(byte[] array, int index, String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            array[index + i] = (byte) value.charAt(i);
        }
        array[index + length] = 0;
        return index + length + 1;
    }

    /** Octets of a C-octet string: one per ISO-8859-1 character, plus the NUL. */
    private static int cs(String value) {
        return value.length() + 1;
    }

    private static int address(Address address) {
        return 2 + cs(address.address());
    }

    private static void writeAddress(ByteBuf out, Address address) {
        out.writeByte(address.ton());
        out.writeByte(address.npi());
        writeCString(out, address.address());
    }

    static void writeCString(ByteBuf out, String value) {
        if (!value.isEmpty()) {
            out.writeCharSequence(value, ISO_8859_1);
        }
        out.writeByte(0);
    }

    static void writeOctets(ByteBuf out, OctetString value) {
        int length = value.length();
        if (length == 0) {
            return;
        }
        int index = out.writerIndex();
        out.ensureWritable(length);
        if (out.hasArray()) {
            value.copyTo(out.array(), out.arrayOffset() + index);
            out.writerIndex(index + length);
        } else {
            byte[] scratch = scratch(length);
            value.copyTo(scratch, 0);
            out.writeBytes(scratch, 0, length);
        }
    }
}
