package io.smsgate.protocol.smpp.codec;

import static io.smsgate.protocol.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.smsgate.protocol.smpp.pdu.BindResp;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.Inbound;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PduDecoderTest {

    private static final String ENQUIRE_LINK_42 = "00000010 00000015 00000000 0000002a";
    private static final String GENERIC_NACK_RINVCMDLEN_SEQ_0 = "00000010 80000000 00000002 00000000";

    private final EmbeddedChannel channel = newChannel();

    private static EmbeddedChannel newChannel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        SmppCodec.install(channel.pipeline(), PduLimits.DEFAULTS);
        channel.pipeline().addLast(ExceptionHandler.NAME, ExceptionHandler.INSTANCE);
        return channel;
    }

    @AfterEach
    void nothingLeftBehind() {
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decodesEnquireLinkWhole() {
        channel.writeInbound(Unpooled.wrappedBuffer(hex(ENQUIRE_LINK_42)));
        assertThat((Inbound) channel.readInbound()).isEqualTo(new EnquireLink(42));
    }

    @Test
    void decodesSubmitSmSplitAtEveryByte() {
        byte[] wire = hex("00000031 00000004 00000000 00000009 00 05 00 41434d4500 01 01 3434373700"
                + " 00 00 00 00 00 00 00 00 00 02 6869 1401 0002 abcd");
        for (byte b : wire) {
            assertThat((Object) channel.readInbound()).isNull();
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        Inbound decoded = channel.readInbound();
        assertThat(decoded).isInstanceOf(io.smsgate.protocol.smpp.pdu.SubmitSm.class);
        assertThat(((io.smsgate.protocol.smpp.pdu.SubmitSm) decoded).sequenceNumber()).isEqualTo(9);
    }

    @Test
    void decodesTwoPdusInOneBuffer() {
        channel.writeInbound(Unpooled.wrappedBuffer(hex(ENQUIRE_LINK_42 + "00000010 00000015 00000000 0000002b")));
        assertThat((Inbound) channel.readInbound()).isEqualTo(new EnquireLink(42));
        assertThat((Inbound) channel.readInbound()).isEqualTo(new EnquireLink(43));
    }

    @Test
    void decodesGoodPduAfterBadOne() {
        channel.writeInbound(Unpooled.wrappedBuffer(hex("00000014 00000015 00000000 00000007 deadbeef"
                + ENQUIRE_LINK_42)));
        MalformedPdu malformed = channel.readInbound();
        assertThat(malformed.status()).isEqualTo(CommandStatus.ESME_RINVCMDLEN);
        assertThat((Inbound) channel.readInbound()).isEqualTo(new EnquireLink(42));
        assertThat(channel.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown command_id                  | 00000010 000000ff 00000000 00000007 | ESME_RINVCMDID
        enquire_link with a body            | 00000014 00000015 00000000 00000007 deadbeef | ESME_RINVCMDLEN
        unbind with a trailing octet        | 00000011 00000006 00000000 00000007 00 | ESME_RINVCMDLEN
        query_sm with trailing garbage      | 0000001c 00000003 00000000 00000007 61626300 01 01 3434373700 ff | ESME_RINVCMDLEN
        system_id of 16 characters          | 00000027 00000002 00000000 00000007 6161616161616161616161616161616100 00 00 34 00 00 00 | ESME_RINVSYSID
        system_id without NUL               | 00000014 00000009 00000000 00000007 61636d65 | ESME_RINVSYSID
        password of 9 characters            | 00000021 00000002 00000000 00000007 6100 31323334353637383900 00 34 00 00 00 | ESME_RINVPASWD
        system_type of 13 characters        | 00000025 00000001 00000000 00000007 6100 00 7878787878787878787878787800 34 00 00 00 | ESME_RINVSYSTYP
        address_range of 41 characters      | 00000041 00000009 00000000 00000007 6100 00 00 34 00 00 3131313131313131313131313131313131313131313131313131313131313131313131313131313131 00 | ESME_RINVSRCADR
        bind body ends before addr_ton      | 00000014 00000002 00000000 00000007 6100 00 00 | ESME_RINVCMDLEN
        service_type of 6 characters        | 00000017 00000004 00000000 00000007 31323334353600 | ESME_RINVSERTYP
        source_addr of 21 digits            | 00000029 00000004 00000000 00000007 00 01 01 31313131313131313131313131313131313131313100 | ESME_RINVSRCADR
        destination_addr without NUL        | 00000019 00000004 00000000 00000007 00 01 01 3100 01 01 3232 | ESME_RINVDSTADR
        body ends before esm_class          | 00000017 00000004 00000000 00000007 00 000000 000000 | ESME_RINVCMDLEN
        sm_length past the end of the PDU   | 00000023 00000004 00000000 00000007 00 000000 000000 000000 00 00 00000000 05 6869 | ESME_RINVMSGLEN
        sm_length 255                       | 00000021 00000004 00000000 00000007 00 000000 000000 000000 00 00 00000000 ff | ESME_RINVMSGLEN
        short_message and message_payload   | 00000029 00000004 00000000 00000007 00 000000 000000 000000 00 00 00000000 02 6869 0424 0002 6869 | ESME_RINVMSGLEN
        TLV header cut short                | 00000024 00000004 00000000 00000007 00 000000 000000 000000 00 00 00000000 00 0424 00 | ESME_RINVOPTPARSTREAM
        TLV length past the end of the PDU  | 00000027 00000004 00000000 00000007 00 000000 000000 000000 00 00 00000000 00 0424 0005 6869 | ESME_RINVOPTPARSTREAM
        sar_total_segments of length 2      | 00000027 00000004 00000000 00000007 00 000000 000000 000000 00 00 00000000 00 020e 0002 0001 | ESME_RINVPARLEN
        sar_segment_seqnum 0                | 00000026 00000004 00000000 00000007 00 000000 000000 000000 00 00 00000000 00 020f 0001 00 | ESME_RINVOPTPARAMVAL
        sar_segment_seqnum above total      | 0000002b 00000004 00000000 00000007 00 000000 000000 000000 00 00 00000000 00 020e 0001 02 020f 0001 03 | ESME_RINVOPTPARAMVAL
        receipted_message_id without NUL    | 00000027 00000005 00000000 00000007 00 000000 000000 000000 00 00 00000000 00 001e 0002 6162 | ESME_RINVOPTPARAMVAL
        schedule_delivery_time of 4 chars   | 0000001f 00000004 00000000 00000007 00 000000 000000 000000 3235303100 | ESME_RINVSCHED
        validity_period ending in X         | 0000002c 00000004 00000000 00000007 00 000000 000000 000000 00 3030303030373030303030303030305800 | ESME_RINVEXPIRY
        submit_multi with no destination    | 00000015 00000021 00000000 00000007 00 000000 00 | ESME_RINVNUMDESTS
        submit_multi dest_flag 3            | 00000016 00000021 00000000 00000007 00 000000 01 03 | ESME_RINVDESTFLAG
        dl_name of 21 characters            | 0000002c 00000021 00000000 00000007 00 000000 01 02 616161616161616161616161616161616161616161 00 | ESME_RINVDLNAME
        broadcast_sm without rep_num        | 00000034 00000111 00000000 00000007 00 01 01 3434373700 00 00 00 00 00 00 00 0606 0003 00 1234 0601 0003 01 0002 0605 0003 08 0005 | ESME_RMISSINGOPTPARAM
        """)
    void reportsMalformedPduWithItsStatusAndSequenceNumber(String caseName, String frame, String status) {
        assertThat(hex(frame)).hasSize(Integer.parseInt(frame.substring(0, 8), 16));
        channel.writeInbound(Unpooled.wrappedBuffer(hex(frame)));
        MalformedPdu malformed = channel.readInbound();
        assertThat(malformed.sequenceNumber()).isEqualTo(7);
        assertThat(malformed.status()).isEqualTo(CommandStatus.valueOf(status));
        assertThat(channel.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        command_length 15            | 0000000f 00000015 00000000 00000007
        command_length 0             | 00000000 00000015 00000000 00000007
        command_length 2^31 (negative) | 80000000 00000015 00000000 00000007
        command_length above the max | 00010001 00000004 00000000 00000007
        """)
    void answersFramingErrorWithGenericNackThenCloses(String caseName, String frame) {
        channel.writeInbound(Unpooled.wrappedBuffer(hex(frame)));
        assertFramingLostAnswered();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTTP request    | 'GET / HTTP/1.1\r\nHost: smsc\r\n\r\n'
        HTTP response   | 'HTTP/1.1 400 Bad Request\r\n\r\n'
        AMQP greeting   | 'AMQP\u0000\u0000\u0009\u0001'
        """)
    void answersNonSmppBytesWithGenericNackThenCloses(String caseName, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        assertFramingLostAnswered();
    }

    @Test
    void dropsEverythingAfterFramingIsLost() {
        channel.writeInbound(Unpooled.wrappedBuffer(hex("0000000f 00000015 00000000 00000007" + ENQUIRE_LINK_42)));
        assertFramingLostAnswered();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        submit_sm_resp RINVSRCADR with message_id (Jasmin)  | 00000017 80000004 0000000a 00000007 61626331323300 | 0000000a
        submit_sm_resp RTHROTTLED with a lone NUL            | 00000011 80000004 00000058 00000007 00             | 00000058
        submit_sm_resp RSYSERR without body                 | 00000010 80000004 00000008 00000007                | 00000008
        """)
    void acceptsErrorResponsesWithOrWithoutBody(String caseName, String frame, String status) {
        channel.writeInbound(Unpooled.wrappedBuffer(hex(frame)));
        assertThat((Inbound) channel.readInbound())
                .isEqualTo(SubmitSmResp.error(7, CommandStatus.of(Integer.parseInt(status, 16))));
    }

    @Test
    void acceptsBindRespErrorWithOneOctetBody() {
        // Jasmin regression: bind_transceiver_resp ESME_RINVSYSTYP carrying a single NUL.
        channel.writeInbound(Unpooled.wrappedBuffer(hex("00000011 80000009 00000053 00000001 00")));
        assertThat((Inbound) channel.readInbound())
                .isEqualTo(BindResp.error(BindType.TRX, 1, CommandStatus.ESME_RINVSYSTYP));
    }

    @Test
    void encodesThroughThePipeline() {
        channel.writeOutbound(new EnquireLink(42));
        ByteBuf written = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.hexDump(written)).isEqualTo(ENQUIRE_LINK_42.replace(" ", ""));
        } finally {
            written.release();
        }
    }

    private void assertFramingLostAnswered() {
        ByteBuf nack = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.hexDump(nack)).isEqualTo(GENERIC_NACK_RINVCMDLEN_SEQ_0.replace(" ", ""));
        } finally {
            nack.release();
        }
        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
