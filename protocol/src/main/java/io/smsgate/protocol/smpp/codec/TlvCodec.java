package io.smsgate.protocol.smpp.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.netty.buffer.ByteBuf;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.FieldLimits;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import java.util.ArrayList;
import java.util.List;

/**
 * Optional parameters (SMPP 3.4 §3.2.4, §5.3; SMPP 5.0 §4.8): tag, length, value. Typed parameters are checked for
 * their length (ESME_RINVPARLEN) and value (ESME_RINVOPTPARAMVAL); a parameter running past the PDU is
 * ESME_RINVOPTPARSTREAM; unknown tags are kept as they came.
 */
final class TlvCodec {

    private TlvCodec() {
    }

    /** Reads parameters up to the end of {@code in}. */
    static Tlvs decode(ByteBuf in) throws PduDecodeException {
        if (!in.isReadable()) {
            return Tlvs.EMPTY;
        }
        List<Tlv> list = new ArrayList<>(4);
        int sarTotal = 0;
        int sarSeqnum = 0;
        while (in.isReadable()) {
            int left = in.readableBytes();
            if (left < 4) {
                throw new PduDecodeException(CommandStatus.ESME_RINVOPTPARSTREAM,
                        "tlv: " + left + " octets left (expected: >= 4 for tag and length)");
            }
            int tag = in.readUnsignedShort();
            int length = in.readUnsignedShort();
            if (length > in.readableBytes()) {
                throw new PduDecodeException(CommandStatus.ESME_RINVOPTPARSTREAM, name(tag) + ": length " + length
                        + " (expected: <= " + in.readableBytes() + " octets left in the PDU)");
            }
            Tlv tlv = decodeValue(tag, length, in);
            if (tlv instanceof Tlv.SarTotalSegments total && sarTotal == 0) {
                sarTotal = total.value();
            } else if (tlv instanceof Tlv.SarSegmentSeqnum seqnum && sarSeqnum == 0) {
                sarSeqnum = seqnum.value();
            }
            list.add(tlv);
        }
        if (sarTotal > 0 && sarSeqnum > sarTotal) {
            throw new PduDecodeException(CommandStatus.ESME_RINVOPTPARAMVAL, "sar_segment_seqnum: " + sarSeqnum
                    + " (expected: <= sar_total_segments " + sarTotal + ")");
        }
        return new Tlvs(list);
    }

    private static Tlv decodeValue(int tag, int length, ByteBuf in) throws PduDecodeException {
        return switch (tag) {
            case Tlv.DestAddrSubunit.TAG -> new Tlv.DestAddrSubunit(u8(tag, length, in));
            case Tlv.SourceAddrSubunit.TAG -> new Tlv.SourceAddrSubunit(u8(tag, length, in));
            case Tlv.PayloadType.TAG -> new Tlv.PayloadType(u8(tag, length, in));
            case Tlv.LanguageIndicator.TAG -> new Tlv.LanguageIndicator(u8(tag, length, in));
            case Tlv.MsAvailabilityStatus.TAG -> new Tlv.MsAvailabilityStatus(u8(tag, length, in));
            case Tlv.DeliveryFailureReason.TAG -> new Tlv.DeliveryFailureReason(u8(tag, length, in));
            case Tlv.MoreMessagesToSend.TAG -> new Tlv.MoreMessagesToSend(u8(tag, length, in));
            case Tlv.CongestionState.TAG -> new Tlv.CongestionState(u8(tag, length, in));
            case Tlv.UssdServiceOp.TAG -> new Tlv.UssdServiceOp(u8(tag, length, in));
            case Tlv.BroadcastChannelIndicator.TAG -> new Tlv.BroadcastChannelIndicator(u8(tag, length, in));
            case Tlv.BroadcastMessageClass.TAG -> new Tlv.BroadcastMessageClass(u8(tag, length, in));
            case Tlv.BroadcastAreaSuccess.TAG -> new Tlv.BroadcastAreaSuccess(u8(tag, length, in));
            case Tlv.DestAddrNpResolution.TAG -> new Tlv.DestAddrNpResolution(u8(tag, length, in));
            case Tlv.SarTotalSegments.TAG -> new Tlv.SarTotalSegments(nonZeroU8(tag, length, in));
            case Tlv.SarSegmentSeqnum.TAG -> new Tlv.SarSegmentSeqnum(nonZeroU8(tag, length, in));
            case Tlv.UserMessageReference.TAG -> new Tlv.UserMessageReference(u16(tag, length, in));
            case Tlv.SourcePort.TAG -> new Tlv.SourcePort(u16(tag, length, in));
            case Tlv.DestinationPort.TAG -> new Tlv.DestinationPort(u16(tag, length, in));
            case Tlv.SarMsgRefNum.TAG -> new Tlv.SarMsgRefNum(u16(tag, length, in));
            case Tlv.BroadcastRepNum.TAG -> new Tlv.BroadcastRepNum(u16(tag, length, in));
            case Tlv.AdditionalStatusInfoText.TAG -> new Tlv.AdditionalStatusInfoText(cString(tag, length, Tlv.AdditionalStatusInfoText.MAX_LENGTH, in));
            case Tlv.ReceiptedMessageId.TAG -> new Tlv.ReceiptedMessageId(cString(tag, length, Tlv.ReceiptedMessageId.MAX_LENGTH, in));
            case Tlv.SourceNetworkId.TAG -> new Tlv.SourceNetworkId(cString(tag, length, Tlv.SourceNetworkId.MAX_LENGTH, in));
            case Tlv.DestNetworkId.TAG -> new Tlv.DestNetworkId(cString(tag, length, Tlv.DestNetworkId.MAX_LENGTH, in));
            case Tlv.CallbackNum.TAG -> new Tlv.CallbackNum(octets(tag, length, Tlv.CallbackNum.MIN_LENGTH, Tlv.CallbackNum.MAX_LENGTH, in));
            case Tlv.MessagePayload.TAG -> new Tlv.MessagePayload(octets(tag, length, Tlv.MessagePayload.MIN_LENGTH, Tlv.MessagePayload.MAX_LENGTH, in));
            case Tlv.BroadcastContentTypeInfo.TAG -> new Tlv.BroadcastContentTypeInfo(octets(tag, length, Tlv.BroadcastContentTypeInfo.MIN_LENGTH, Tlv.BroadcastContentTypeInfo.MAX_LENGTH, in));
            case Tlv.BroadcastServiceGroup.TAG -> new Tlv.BroadcastServiceGroup(octets(tag, length, Tlv.BroadcastServiceGroup.MIN_LENGTH, Tlv.BroadcastServiceGroup.MAX_LENGTH, in));
            case Tlv.BillingIdentification.TAG -> new Tlv.BillingIdentification(octets(tag, length, Tlv.BillingIdentification.MIN_LENGTH, Tlv.BillingIdentification.MAX_LENGTH, in));
            case Tlv.SourceNodeId.TAG -> new Tlv.SourceNodeId(octets(tag, length, Tlv.SourceNodeId.MIN_LENGTH, Tlv.SourceNodeId.MAX_LENGTH, in));
            case Tlv.DestNodeId.TAG -> new Tlv.DestNodeId(octets(tag, length, Tlv.DestNodeId.MIN_LENGTH, Tlv.DestNodeId.MAX_LENGTH, in));
            case Tlv.DestAddrNpInformation.TAG -> new Tlv.DestAddrNpInformation(octets(tag, length, Tlv.DestAddrNpInformation.MIN_LENGTH, Tlv.DestAddrNpInformation.MAX_LENGTH, in));
            case Tlv.DestAddrNpCountry.TAG -> new Tlv.DestAddrNpCountry(octets(tag, length, Tlv.DestAddrNpCountry.MIN_LENGTH, Tlv.DestAddrNpCountry.MAX_LENGTH, in));
            case Tlv.ScInterfaceVersion.TAG -> new Tlv.ScInterfaceVersion(InterfaceVersion.of(u8(tag, length, in)));
            case Tlv.MessageStateTlv.TAG -> new Tlv.MessageStateTlv(MessageState.of(u8(tag, length, in)));
            case Tlv.NetworkErrorCode.TAG -> {
                requireLength(tag, length, 3, 3);
                yield new Tlv.NetworkErrorCode(in.readUnsignedByte(), in.readUnsignedShort());
            }
            case Tlv.BroadcastContentType.TAG -> {
                requireLength(tag, length, 3, 3);
                yield new Tlv.BroadcastContentType(in.readUnsignedByte(), in.readUnsignedShort());
            }
            case Tlv.BroadcastFrequencyInterval.TAG -> {
                requireLength(tag, length, 3, 3);
                yield new Tlv.BroadcastFrequencyInterval(in.readUnsignedByte(), in.readUnsignedShort());
            }
            case Tlv.BroadcastAreaIdentifier.TAG -> {
                requireLength(tag, length, 1, Tlv.BroadcastAreaIdentifier.MAX_AREA_LENGTH + 1);
                int format = in.readUnsignedByte();
                yield new Tlv.BroadcastAreaIdentifier(format, copy(in, length - 1));
            }
            case Tlv.BroadcastErrorStatus.TAG -> {
                requireLength(tag, length, 4, 4);
                yield new Tlv.BroadcastErrorStatus(CommandStatus.of(in.readInt()));
            }
            case Tlv.BroadcastEndTime.TAG -> {
                String time = cString(tag, length, FieldLimits.TIME, in);
                if (!FieldLimits.isTime(time)) {
                    throw new PduDecodeException(CommandStatus.ESME_RINVOPTPARAMVAL,
                            "broadcast_end_time: \"" + time + "\" (expected: empty or YYMMDDhhmmsstnnp)");
                }
                yield new Tlv.BroadcastEndTime(time);
            }
            default -> new Tlv.Unknown(tag, copy(in, length));
        };
    }

    /** Octets {@code tlvs} take on the wire. */
    static int encodedLength(Tlvs tlvs) {
        List<Tlv> list = tlvs.list();
        int length = 0;
        for (int i = 0, n = list.size(); i < n; i++) {
            length += 4 + valueLength(list.get(i));
        }
        return length;
    }

    static void encode(Tlvs tlvs, ByteBuf out) {
        List<Tlv> list = tlvs.list();
        for (int i = 0, n = list.size(); i < n; i++) {
            Tlv tlv = list.get(i);
            out.writeShort(tlv.tag());
            out.writeShort(valueLength(tlv));
            writeValue(tlv, out);
        }
    }

    private static int valueLength(Tlv tlv) {
        return switch (tlv.tag()) {
            case Tlv.DestAddrSubunit.TAG, Tlv.SourceAddrSubunit.TAG, Tlv.PayloadType.TAG,
                 Tlv.LanguageIndicator.TAG, Tlv.MsAvailabilityStatus.TAG, Tlv.DeliveryFailureReason.TAG,
                 Tlv.MoreMessagesToSend.TAG, Tlv.CongestionState.TAG, Tlv.UssdServiceOp.TAG,
                 Tlv.BroadcastChannelIndicator.TAG, Tlv.BroadcastMessageClass.TAG, Tlv.BroadcastAreaSuccess.TAG,
                 Tlv.DestAddrNpResolution.TAG, Tlv.SarTotalSegments.TAG, Tlv.SarSegmentSeqnum.TAG,
                 Tlv.ScInterfaceVersion.TAG, Tlv.MessageStateTlv.TAG -> 1;
            case Tlv.UserMessageReference.TAG, Tlv.SourcePort.TAG, Tlv.DestinationPort.TAG,
                 Tlv.SarMsgRefNum.TAG, Tlv.BroadcastRepNum.TAG -> 2;
            case Tlv.AdditionalStatusInfoText.TAG -> ((Tlv.AdditionalStatusInfoText) tlv).text().length() + 1;
            case Tlv.ReceiptedMessageId.TAG -> ((Tlv.ReceiptedMessageId) tlv).messageId().length() + 1;
            case Tlv.SourceNetworkId.TAG -> ((Tlv.SourceNetworkId) tlv).networkId().length() + 1;
            case Tlv.DestNetworkId.TAG -> ((Tlv.DestNetworkId) tlv).networkId().length() + 1;
            case Tlv.CallbackNum.TAG -> ((Tlv.CallbackNum) tlv).value().length();
            case Tlv.MessagePayload.TAG -> ((Tlv.MessagePayload) tlv).value().length();
            case Tlv.BroadcastContentTypeInfo.TAG -> ((Tlv.BroadcastContentTypeInfo) tlv).value().length();
            case Tlv.BroadcastServiceGroup.TAG -> ((Tlv.BroadcastServiceGroup) tlv).value().length();
            case Tlv.BillingIdentification.TAG -> ((Tlv.BillingIdentification) tlv).value().length();
            case Tlv.SourceNodeId.TAG -> ((Tlv.SourceNodeId) tlv).value().length();
            case Tlv.DestNodeId.TAG -> ((Tlv.DestNodeId) tlv).value().length();
            case Tlv.DestAddrNpInformation.TAG -> ((Tlv.DestAddrNpInformation) tlv).value().length();
            case Tlv.DestAddrNpCountry.TAG -> ((Tlv.DestAddrNpCountry) tlv).value().length();
            case Tlv.NetworkErrorCode.TAG, Tlv.BroadcastContentType.TAG, Tlv.BroadcastFrequencyInterval.TAG -> 3;
            case Tlv.BroadcastAreaIdentifier.TAG -> 1 + ((Tlv.BroadcastAreaIdentifier) tlv).area().length();
            case Tlv.BroadcastErrorStatus.TAG -> 4;
            case Tlv.BroadcastEndTime.TAG -> ((Tlv.BroadcastEndTime) tlv).time().length() + 1;
            default -> ((Tlv.Unknown) tlv).value().length();
        };
    }

    private static void writeValue(Tlv tlv, ByteBuf out) {
        switch (tlv.tag()) {
            case Tlv.DestAddrSubunit.TAG -> out.writeByte(((Tlv.DestAddrSubunit) tlv).value());
            case Tlv.SourceAddrSubunit.TAG -> out.writeByte(((Tlv.SourceAddrSubunit) tlv).value());
            case Tlv.PayloadType.TAG -> out.writeByte(((Tlv.PayloadType) tlv).value());
            case Tlv.LanguageIndicator.TAG -> out.writeByte(((Tlv.LanguageIndicator) tlv).value());
            case Tlv.MsAvailabilityStatus.TAG -> out.writeByte(((Tlv.MsAvailabilityStatus) tlv).value());
            case Tlv.DeliveryFailureReason.TAG -> out.writeByte(((Tlv.DeliveryFailureReason) tlv).value());
            case Tlv.MoreMessagesToSend.TAG -> out.writeByte(((Tlv.MoreMessagesToSend) tlv).value());
            case Tlv.CongestionState.TAG -> out.writeByte(((Tlv.CongestionState) tlv).value());
            case Tlv.UssdServiceOp.TAG -> out.writeByte(((Tlv.UssdServiceOp) tlv).value());
            case Tlv.BroadcastChannelIndicator.TAG -> out.writeByte(((Tlv.BroadcastChannelIndicator) tlv).value());
            case Tlv.BroadcastMessageClass.TAG -> out.writeByte(((Tlv.BroadcastMessageClass) tlv).value());
            case Tlv.BroadcastAreaSuccess.TAG -> out.writeByte(((Tlv.BroadcastAreaSuccess) tlv).value());
            case Tlv.DestAddrNpResolution.TAG -> out.writeByte(((Tlv.DestAddrNpResolution) tlv).value());
            case Tlv.SarTotalSegments.TAG -> out.writeByte(((Tlv.SarTotalSegments) tlv).value());
            case Tlv.SarSegmentSeqnum.TAG -> out.writeByte(((Tlv.SarSegmentSeqnum) tlv).value());
            case Tlv.UserMessageReference.TAG -> out.writeShort(((Tlv.UserMessageReference) tlv).value());
            case Tlv.SourcePort.TAG -> out.writeShort(((Tlv.SourcePort) tlv).value());
            case Tlv.DestinationPort.TAG -> out.writeShort(((Tlv.DestinationPort) tlv).value());
            case Tlv.SarMsgRefNum.TAG -> out.writeShort(((Tlv.SarMsgRefNum) tlv).value());
            case Tlv.BroadcastRepNum.TAG -> out.writeShort(((Tlv.BroadcastRepNum) tlv).value());
            case Tlv.AdditionalStatusInfoText.TAG -> PduCodec.writeCString(out, ((Tlv.AdditionalStatusInfoText) tlv).text());
            case Tlv.ReceiptedMessageId.TAG -> PduCodec.writeCString(out, ((Tlv.ReceiptedMessageId) tlv).messageId());
            case Tlv.SourceNetworkId.TAG -> PduCodec.writeCString(out, ((Tlv.SourceNetworkId) tlv).networkId());
            case Tlv.DestNetworkId.TAG -> PduCodec.writeCString(out, ((Tlv.DestNetworkId) tlv).networkId());
            case Tlv.CallbackNum.TAG -> PduCodec.writeOctets(out, ((Tlv.CallbackNum) tlv).value());
            case Tlv.MessagePayload.TAG -> PduCodec.writeOctets(out, ((Tlv.MessagePayload) tlv).value());
            case Tlv.BroadcastContentTypeInfo.TAG -> PduCodec.writeOctets(out, ((Tlv.BroadcastContentTypeInfo) tlv).value());
            case Tlv.BroadcastServiceGroup.TAG -> PduCodec.writeOctets(out, ((Tlv.BroadcastServiceGroup) tlv).value());
            case Tlv.BillingIdentification.TAG -> PduCodec.writeOctets(out, ((Tlv.BillingIdentification) tlv).value());
            case Tlv.SourceNodeId.TAG -> PduCodec.writeOctets(out, ((Tlv.SourceNodeId) tlv).value());
            case Tlv.DestNodeId.TAG -> PduCodec.writeOctets(out, ((Tlv.DestNodeId) tlv).value());
            case Tlv.DestAddrNpInformation.TAG -> PduCodec.writeOctets(out, ((Tlv.DestAddrNpInformation) tlv).value());
            case Tlv.DestAddrNpCountry.TAG -> PduCodec.writeOctets(out, ((Tlv.DestAddrNpCountry) tlv).value());
            case Tlv.ScInterfaceVersion.TAG -> out.writeByte(((Tlv.ScInterfaceVersion) tlv).version().code());
            case Tlv.MessageStateTlv.TAG -> out.writeByte(((Tlv.MessageStateTlv) tlv).state().code());
            case Tlv.NetworkErrorCode.TAG -> {
                Tlv.NetworkErrorCode code = (Tlv.NetworkErrorCode) tlv;
                out.writeByte(code.networkType());
                out.writeShort(code.errorCode());
            }
            case Tlv.BroadcastContentType.TAG -> {
                Tlv.BroadcastContentType type = (Tlv.BroadcastContentType) tlv;
                out.writeByte(type.networkType());
                out.writeShort(type.contentType());
            }
            case Tlv.BroadcastFrequencyInterval.TAG -> {
                Tlv.BroadcastFrequencyInterval interval = (Tlv.BroadcastFrequencyInterval) tlv;
                out.writeByte(interval.timeUnit());
                out.writeShort(interval.number());
            }
            case Tlv.BroadcastAreaIdentifier.TAG -> {
                Tlv.BroadcastAreaIdentifier area = (Tlv.BroadcastAreaIdentifier) tlv;
                out.writeByte(area.format());
                PduCodec.writeOctets(out, area.area());
            }
            case Tlv.BroadcastErrorStatus.TAG -> out.writeInt(((Tlv.BroadcastErrorStatus) tlv).status().code());
            case Tlv.BroadcastEndTime.TAG -> PduCodec.writeCString(out, ((Tlv.BroadcastEndTime) tlv).time());
            default -> PduCodec.writeOctets(out, ((Tlv.Unknown) tlv).value());
        }
    }

    private static void requireLength(int tag, int length, int min, int max) throws PduDecodeException {
        if (length < min || length > max) {
            String expected = min == max ? String.valueOf(min) : min + ".." + max;
            throw new PduDecodeException(CommandStatus.ESME_RINVPARLEN,
                    name(tag) + ": length " + length + " (expected: " + expected + ")");
        }
    }

    private static int u8(int tag, int length, ByteBuf in) throws PduDecodeException {
        requireLength(tag, length, 1, 1);
        return in.readUnsignedByte();
    }

    private static int nonZeroU8(int tag, int length, ByteBuf in) throws PduDecodeException {
        int value = u8(tag, length, in);
        if (value == 0) {
            throw new PduDecodeException(CommandStatus.ESME_RINVOPTPARAMVAL, name(tag) + ": 0 (expected: 1..255)");
        }
        return value;
    }

    private static int u16(int tag, int length, ByteBuf in) throws PduDecodeException {
        requireLength(tag, length, 2, 2);
        return in.readUnsignedShort();
    }

    private static OctetString octets(int tag, int length, int min, int max, ByteBuf in) throws PduDecodeException {
        requireLength(tag, length, min, max);
        return copy(in, length);
    }

    /** A C-octet string value: the length counts the NUL, which must be the last octet and the only one. */
    private static String cString(int tag, int length, int maxCharacters, ByteBuf in) throws PduDecodeException {
        requireLength(tag, length, 1, maxCharacters + 1);
        int start = in.readerIndex();
        int nul = in.indexOf(start, start + length, (byte) 0);
        if (nul != start + length - 1) {
            throw new PduDecodeException(CommandStatus.ESME_RINVOPTPARAMVAL, name(tag)
                    + ": NUL at " + (nul - start) + " (expected: only at the end, " + (length - 1) + ")");
        }
        String value = length == 1 ? "" : in.toString(start, length - 1, ISO_8859_1);
        in.skipBytes(length);
        return value;
    }

    private static OctetString copy(ByteBuf in, int length) {
        if (length == 0) {
            return OctetString.EMPTY;
        }
        byte[] value = new byte[length];
        in.readBytes(value);
        return OctetString.wrap(value);
    }

    private static String name(int tag) {
        return String.format("tlv 0x%04x", tag);
    }
}
