package io.smsgate.protocol.smpp.codec;

import static io.smsgate.protocol.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
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
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DataSm;
import io.smsgate.protocol.smpp.pdu.DataSmResp;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.DestinationAddress;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.GenericNack;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.Pdu;
import io.smsgate.protocol.smpp.pdu.QueryBroadcastSm;
import io.smsgate.protocol.smpp.pdu.QueryBroadcastSmResp;
import io.smsgate.protocol.smpp.pdu.QuerySm;
import io.smsgate.protocol.smpp.pdu.QuerySmResp;
import io.smsgate.protocol.smpp.pdu.ReplaceSm;
import io.smsgate.protocol.smpp.pdu.ReplaceSmResp;
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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PDU against bytes written by hand from the field tables of SMPP 3.4 §4 and SMPP 5.0 §4, one field per
 * hex group: header (command_length, command_id, command_status, sequence_number), then the body in table order.
 */
class PduCodecGoldenTest {

    private static final Address A4477 = new Address(1, 1, "4477");
    private static final Address A4478 = new Address(1, 1, "4478");

    static Stream<Arguments> golden() {
        return Stream.of(
            arguments("bind_transmitter",
                "00000021 00000002 00000000 00000001 61636d6500 73656372657400 00 34 01 01 00",
                new Bind(1, BindType.TX, "acme", "secret", "", InterfaceVersion.V34, new Address(1, 1, ""))),
            arguments("bind_receiver",
                "00000021 00000001 00000000 00000001 61636d6500 73656372657400 00 34 01 01 00",
                new Bind(1, BindType.RX, "acme", "secret", "", InterfaceVersion.V34, new Address(1, 1, ""))),
            arguments("bind_transceiver, system_type SMPP, SMPP 5.0",
                "00000025 00000009 00000000 00000001 61636d6500 73656372657400 534d505000 50 00 00 00",
                new Bind(1, BindType.TRX, "acme", "secret", "SMPP", InterfaceVersion.V50, Address.EMPTY)),
            arguments("bind_transceiver_resp with sc_interface_version",
                "0000001a 80000009 00000000 00000001 736d736300 0210 0001 34",
                BindResp.ok(BindType.TRX, 1, "smsc", InterfaceVersion.V34)),
            arguments("bind_receiver_resp without TLV",
                "00000015 80000001 00000000 00000003 736d736300",
                new BindResp(3, BindType.RX, CommandStatus.ESME_ROK, "smsc", Tlvs.EMPTY)),
            arguments("bind_transmitter_resp ESME_RINVPASWD, no body",
                "00000010 80000002 0000000e 00000002",
                BindResp.error(BindType.TX, 2, CommandStatus.ESME_RINVPASWD)),
            arguments("outbind",
                "00000018 0000000b 00000000 00000004 736d736300 707700",
                new Outbind(4, "smsc", "pw")),
            arguments("unbind",
                "00000010 00000006 00000000 00000005",
                new Unbind(5)),
            arguments("unbind_resp",
                "00000010 80000006 00000000 00000005",
                new UnbindResp(5)),
            arguments("generic_nack ESME_RINVCMDID",
                "00000010 80000000 00000003 00000006",
                new GenericNack(6, CommandStatus.ESME_RINVCMDID)),
            arguments("submit_sm",
                "0000003e 00000004 00000000 00000007 00 01 01 34343737303039303030303100"
                    + " 01 01 34343737303039303030303200 00 00 00 00 00 01 00 00 00 05 68656c6c6f",
                new SubmitSm(7, new ShortMessage("", Address.international("447700900001"),
                    Address.international("447700900002"), 0, 0, 0, "", "", 1, 0, 0, 0, OctetString.ascii("hello")))),
            arguments("submit_sm with message_payload, sm_length 0",
                "00000042 00000004 00000000 00000007 00 01 01 34343737303039303030303100"
                    + " 01 01 34343737303039303030303200 00 00 00 00 00 01 00 00 00 00 0424 0005 68656c6c6f",
                new SubmitSm(7, new ShortMessage("", Address.international("447700900001"),
                    Address.international("447700900002"), 0, 0, 0, "", "", 1, 0, 0, 0, OctetString.EMPTY),
                    Tlvs.of(new Tlv.MessagePayload(OctetString.ascii("hello"))))),
            arguments("submit_sm with vendor TLV 0x1401",
                "00000031 00000004 00000000 00000009 00 05 00 41434d4500 01 01 3434373700"
                    + " 00 00 00 00 00 00 00 00 00 02 6869 1401 0002 abcd",
                new SubmitSm(9, ShortMessage.of(Address.alphanumeric("ACME"), A4477, 0, OctetString.ascii("hi")),
                    Tlvs.of(new Tlv.Unknown(0x1401, OctetString.fromHex("abcd"))))),
            arguments("submit_sm_resp",
                "00000017 80000004 00000000 00000007 61626331323300",
                SubmitSmResp.ok(7, "abc123")),
            arguments("submit_sm_resp ESME_RTHROTTLED, no body",
                "00000010 80000004 00000058 00000007",
                SubmitSmResp.error(7, CommandStatus.ESME_RTHROTTLED)),
            arguments("submit_sm_resp vendor status 0x400",
                "00000010 80000004 00000400 00000015",
                SubmitSmResp.error(0x15, CommandStatus.of(0x400))),
            arguments("deliver_sm delivery receipt with receipted_message_id and message_state",
                "00000049 00000005 00000000 00000008 00 01 01 34343737303039303030303200"
                    + " 01 01 34343737303039303030303100 04 00 00 00 00 00 00 00 00 00"
                    + " 001e 0007 61626331323300 0427 0001 02",
                new DeliverSm(8, new ShortMessage("", Address.international("447700900002"),
                    Address.international("447700900001"), 4, 0, 0, "", "", 0, 0, 0, 0, OctetString.EMPTY),
                    Tlvs.of(new Tlv.ReceiptedMessageId("abc123"), new Tlv.MessageStateTlv(MessageState.DELIVERED)))),
            arguments("deliver_sm_resp",
                "00000011 80000005 00000000 00000008 00",
                DeliverSmResp.ok(8, "")),
            arguments("deliver_sm_resp with SMPP 5.0 congestion_state",
                "00000016 80000005 00000000 00000016 00 0428 0001 50",
                new DeliverSmResp(0x16, CommandStatus.ESME_ROK, "", Tlvs.of(new Tlv.CongestionState(80)))),
            arguments("submit_multi to an SME and a distribution list",
                "00000036 00000021 00000000 00000009 00 05 00 41434d4500 02 01 01 01 3434373700"
                    + " 02 667269656e647300 00 00 00 00 00 00 00 00 00 02 6869",
                new SubmitMulti(9, "", Address.alphanumeric("ACME"),
                    List.of(new DestinationAddress.Sme(A4477), new DestinationAddress.DistributionList("friends")),
                    0, 0, 0, "", "", 0, 0, 0, 0, OctetString.ascii("hi"), Tlvs.EMPTY)),
            arguments("submit_multi_resp with one unsuccess_sme",
                "0000001f 80000021 00000000 00000009 6d3100 01 01 01 3434373700 0000000b",
                new SubmitMultiResp(9, CommandStatus.ESME_ROK, "m1",
                    List.of(new UnsuccessfulSme(A4477, CommandStatus.ESME_RINVDSTADR)), Tlvs.EMPTY)),
            arguments("data_sm with destination_port",
                "0000002b 00000103 00000000 0000000a 57415000 01 01 3434373700 01 01 3434373800 00 00 04"
                    + " 020b 0002 0b84",
                new DataSm(10, "WAP", A4477, A4478, 0, 0, 4, Tlvs.of(new Tlv.DestinationPort(0x0b84)))),
            arguments("data_sm_resp with additional_status_info_text",
                "0000001a 80000103 00000000 0000000a 643100 001d 0003 6f6b00",
                new DataSmResp(10, CommandStatus.ESME_ROK, "d1", Tlvs.of(new Tlv.AdditionalStatusInfoText("ok")))),
            arguments("query_sm",
                "0000001b 00000003 00000000 0000000b 61626300 01 01 3434373700",
                new QuerySm(11, "abc", A4477)),
            arguments("query_sm_resp",
                "00000027 80000003 00000000 0000000b 61626300 3235303130323033303430353030302b00 02 00",
                new QuerySmResp(11, CommandStatus.ESME_ROK, "abc", "250102030405000+", MessageState.DELIVERED, 0)),
            arguments("cancel_sm",
                "00000023 00000008 00000000 0000000c 00 61626300 01 01 3434373700 01 01 3434373800",
                new CancelSm(12, "", "abc", A4477, A4478)),
            arguments("cancel_sm_resp",
                "00000010 80000008 00000000 0000000c",
                new CancelSmResp(12)),
            arguments("replace_sm with relative validity_period",
                "00000032 00000007 00000000 0000000d 61626300 01 01 3434373700 00"
                    + " 3030303030373030303030303030305200 01 00 02 6869",
                new ReplaceSm(13, "abc", A4477, "", "000007000000000R", 1, 0, OctetString.ascii("hi"), Tlvs.EMPTY)),
            arguments("replace_sm_resp",
                "00000010 80000007 00000000 0000000d",
                new ReplaceSmResp(13)),
            arguments("enquire_link",
                "00000010 00000015 00000000 0000000e",
                new EnquireLink(14)),
            arguments("enquire_link with sequence_number 0 (AT&T)",
                "00000010 00000015 00000000 00000000",
                new EnquireLink(0)),
            arguments("enquire_link_resp",
                "00000010 80000015 00000000 0000000e",
                new EnquireLinkResp(14)),
            arguments("alert_notification with ms_availability_status",
                "00000023 00000102 00000000 0000000f 01 01 3434373700 01 01 3434373800 0422 0001 00",
                new AlertNotification(15, A4477, A4478, Tlvs.of(new Tlv.MsAvailabilityStatus(0)))),
            arguments("broadcast_sm with area, content type, repetitions and frequency",
                "0000003a 00000111 00000000 00000010 00 01 01 3434373700 00 00 00 00 00 00 00"
                    + " 0606 0003 00 1234 0601 0003 01 0002 0604 0002 0001 0605 0003 08 0005",
                new BroadcastSm(16, "", A4477, "", 0, "", "", 0, 0, 0, Tlvs.of(
                    new Tlv.BroadcastAreaIdentifier(0, OctetString.fromHex("1234")),
                    new Tlv.BroadcastContentType(1, 2), new Tlv.BroadcastRepNum(1),
                    new Tlv.BroadcastFrequencyInterval(8, 5)))),
            arguments("broadcast_sm_resp",
                "00000013 80000111 00000000 00000010 623100",
                BroadcastSmResp.ok(16, "b1")),
            arguments("query_broadcast_sm with user_message_reference",
                "00000020 00000112 00000000 00000011 623100 01 01 3434373700 0204 0002 0007",
                new QueryBroadcastSm(17, "b1", A4477, Tlvs.of(new Tlv.UserMessageReference(7)))),
            arguments("query_broadcast_sm_resp",
                "00000024 80000112 00000000 00000011 623100 0427 0001 01 0606 0003 00 1234 0608 0001 64",
                new QueryBroadcastSmResp(17, CommandStatus.ESME_ROK, "b1", Tlvs.of(
                    new Tlv.MessageStateTlv(MessageState.ENROUTE),
                    new Tlv.BroadcastAreaIdentifier(0, OctetString.fromHex("1234")),
                    new Tlv.BroadcastAreaSuccess(100)))),
            arguments("cancel_broadcast_sm",
                "0000001b 00000113 00000000 00000012 00 623100 01 01 3434373700",
                new CancelBroadcastSm(18, "", "b1", A4477, Tlvs.EMPTY)),
            arguments("cancel_broadcast_sm_resp",
                "00000010 80000113 00000000 00000012",
                new CancelBroadcastSmResp(18)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenBytes(String caseName, String wire, Pdu expected) {
        byte[] golden = hex(wire);
        ByteBuf frame = Unpooled.wrappedBuffer(golden);
        try {
            assertThat(frame.getInt(0)).as("command_length of the fixture").isEqualTo(golden.length);
            assertThat(PduCodec.decode(frame)).isEqualTo(expected);
            assertThat(frame.isReadable()).isFalse();
        } finally {
            frame.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesGoldenBytes(String caseName, String wire, Pdu pdu) {
        // The transports' allocators prefer direct buffers: the body goes in through the scratch array.
        encodesGoldenBytesWith(new UnpooledByteBufAllocator(true), wire, pdu, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesGoldenBytesIntoAHeapBuffer(String caseName, String wire, Pdu pdu) {
        encodesGoldenBytesWith(new UnpooledByteBufAllocator(false), wire, pdu, false);
    }

    private static void encodesGoldenBytesWith(UnpooledByteBufAllocator alloc, String wire, Pdu pdu, boolean direct) {
        ByteBuf encoded = PduCodec.encode(alloc, pdu);
        try {
            assertThat(encoded.isDirect()).as("direct buffer").isEqualTo(direct);
            assertThat(ByteBufUtil.hexDump(encoded)).isEqualTo(ByteBufUtil.hexDump(hex(wire)));
            assertThat(encoded.capacity()).as("buffer sized exactly").isEqualTo(encoded.readableBytes());
        } finally {
            encoded.release();
        }
    }
}
