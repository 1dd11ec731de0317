package io.smsgate.protocol.smpp.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.smsgate.protocol.OctetString;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PduModelTest {

    private static final Bind BIND = new Bind(1, BindType.TRX, "acme", "s3cret", "", InterfaceVersion.V34,
            Address.EMPTY);

    @Test
    void bindMasksPasswordInToString() {
        assertThat(BIND.toString()).contains("systemId=acme").contains("password=***").doesNotContain("s3cret");
    }

    @Test
    void outbindMasksPasswordInToString() {
        assertThat(new Outbind(1, "mc", "s3cret").toString()).contains("password=***").doesNotContain("s3cret");
    }

    @Test
    void rejectAnswersWithTheRequestsOwnResponseAndSequenceNumber() {
        var sm = new SubmitSm(42, ShortMessage.of(Address.international("447700900001"),
                Address.international("447700900002"), 0, OctetString.ascii("hi")));
        assertThat(sm.reject(CommandStatus.ESME_RTHROTTLED))
                .isEqualTo(new SubmitSmResp(42, CommandStatus.ESME_RTHROTTLED, "", Tlvs.EMPTY));
        assertThat(BIND.reject(CommandStatus.ESME_RINVPASWD).commandId()).isEqualTo(CommandId.BIND_TRANSCEIVER_RESP);
        assertThat(new Outbind(9, "mc", "").reject(CommandStatus.ESME_RINVBNDSTS))
                .isEqualTo(new GenericNack(9, CommandStatus.ESME_RINVBNDSTS));
    }

    @Test
    void withSequenceNumberStampsACopy() {
        assertThat(BIND.withSequenceNumber(7).sequenceNumber()).isEqualTo(7);
        assertThat(BIND.sequenceNumber()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommandId.class)
    void everyCommandIdRoundTripsThroughItsCode(CommandId id) {
        assertThat(CommandId.fromCode(id.code())).contains(id);
        assertThat(id.isResponse()).isEqualTo(id.code() < 0);
        id.response().ifPresent(response -> assertThat(response.code()).isEqualTo(id.code() | 0x80000000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        known 3.4 code      | 88   | ESME_RTHROTTLED
        5.0 RINVDCS         | 260  | ESME_RINVDCS
        vendor code         | 1024 | 0x00000400
        """)
    void commandStatusNamesKnownCodesAndPrintsOthersInHex(String caseName, int code, String name) {
        assertThat(CommandStatus.of(code).name()).isEqualTo(name);
        assertThat(CommandStatus.valueOf(name)).isEqualTo(CommandStatus.of(code));
    }

    @Test
    void commandStatusAcceptsSmpp50TlvErrorNames() {
        assertThat(CommandStatus.valueOf("ESME_RINVTLVSTREAM")).isEqualTo(CommandStatus.ESME_RINVOPTPARSTREAM);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown request command_id   | 0x000000ff | generic_nack
        known request submit_sm      | 0x00000004 | submit_sm_resp
        bind_receiver                | 0x00000001 | bind_receiver_resp
        outbind has no response      | 0x0000000b | generic_nack
        alert_notification           | 0x00000102 | generic_nack
        """)
    void malformedRequestIsAnsweredWithItsStatusAndSequenceNumber(String caseName, String commandId,
            String expected) {
        var malformed = new MalformedPdu(Integer.parseUnsignedInt(commandId.substring(2), 16), 77,
                CommandStatus.ESME_RINVCMDLEN, "test");
        Response reply = malformed.reply().orElseThrow();
        assertThat(reply.commandId().name().toLowerCase()).isEqualTo(expected);
        assertThat(reply.sequenceNumber()).isEqualTo(77);
        assertThat(reply.commandStatus()).isEqualTo(CommandStatus.ESME_RINVCMDLEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        generic_nack                 | 0x80000000
        submit_sm_resp               | 0x80000004
        unknown response             | 0x800000ff
        """)
    void malformedResponseIsNeverAnswered(String caseName, String commandId) {
        var malformed = new MalformedPdu(Integer.parseUnsignedInt(commandId.substring(2), 16), 77,
                CommandStatus.ESME_RINVCMDLEN, "test");
        assertThat(malformed.reply()).isEqualTo(Optional.empty());
    }

    @Test
    void recordsRefuseValuesThatCannotBeEncoded() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShortMessage.of(Address.EMPTY, Address.EMPTY, 0, OctetString.wrap(new byte[255])))
                .withMessageContaining("sm_length: 255");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Bind(1, BindType.TX, "acme", "123456789", "", InterfaceVersion.V34,
                        Address.EMPTY))
                .withMessageContaining("password: 9 characters (expected: <= 8)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SubmitSmResp(1, CommandStatus.ESME_RSYSERR, "abc", Tlvs.EMPTY));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Tlv.Unknown(Tlv.MessagePayload.TAG, OctetString.EMPTY));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Tlvs.of(new Tlv.SarTotalSegments(2), new Tlv.SarSegmentSeqnum(3)));
    }

    @Test
    void tlvsGettersFindTypedParameters() {
        var tlvs = Tlvs.of(new Tlv.ReceiptedMessageId("abc"), new Tlv.MessageStateTlv(MessageState.DELIVERED),
                new Tlv.SarMsgRefNum(513), new Tlv.SarTotalSegments(3), new Tlv.SarSegmentSeqnum(2),
                new Tlv.CongestionState(85));
        assertThat(tlvs.receiptedMessageId()).contains("abc");
        assertThat(tlvs.messageState()).contains(MessageState.DELIVERED);
        assertThat(tlvs.sar()).contains(new Sar(513, 3, 2));
        assertThat(tlvs.congestionState()).hasValue(85);
        assertThat(tlvs.with(new Tlv.CongestionState(10)).congestionState()).hasValue(10);
        assertThat(tlvs.without(Tlv.CongestionState.TAG).congestionState()).isEmpty();
    }
}
