package io.smsgate.protocol.dlr;

import static io.smsgate.protocol.dlr.ReceiptParserTest.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReceiptTlvPrecedenceTest {

    private static final String TEXT =
            "id:2587 sub:001 dlvrd:001 submit date:2401021504 done date:2401021505 stat:DELIVRD err:000 text:Hi";

    @Test
    void takesIdAndStateFromTlvsOverText() {
        ReceiptParseResult result = ReceiptParser.parse(ReceiptTlvs.of("0A1B", 5), TEXT);

        DeliveryReceipt receipt = parsed(result);
        assertThat(receipt.id()).isEqualTo("0A1B");
        assertThat(receipt.state()).isEqualTo(ReceiptState.UNDELIV);
        assertThat(receipt.text()).contains("Hi");
        assertThat(result.problems()).containsExactly(
                "receipted_message_id: '0A1B' differs from id: '2587' (used receipted_message_id)",
                "message_state: UNDELIV differs from stat: DELIVRD (used message_state)");
    }

    @Test
    void agreeingTlvsAndTextRaiseNoProblem() {
        ReceiptParseResult result = ReceiptParser.parse(ReceiptTlvs.of("2587", 2), TEXT);

        assertThat(parsed(result).state()).isEqualTo(ReceiptState.DELIVRD);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void readsReceiptCarriedByTlvsAlone() {
        ReceiptTlvs tlvs = new ReceiptTlvs(Optional.of("abc"), OptionalInt.of(8),
                Optional.of(new NetworkErrorCode(NetworkErrorCode.GSM, 34)));

        ReceiptParseResult result = ReceiptParser.parse(tlvs, "");

        assertThat(result).isEqualTo(new ReceiptParseResult.Parsed(
                DeliveryReceipt.of("abc", ReceiptState.REJECTD).withNetworkErrorCode(new NetworkErrorCode(3, 34)),
                List.of()));
        assertThat(parsed(result).errorCode()).hasValue(34);
    }

    @Test
    void partialSmpp34TakesStateFromTextWhenMessageStateIsAbsent() {
        ReceiptTlvs tlvs = new ReceiptTlvs(Optional.of("2587"), OptionalInt.empty(), Optional.empty());

        DeliveryReceipt receipt = parsed(ReceiptParser.parse(tlvs, "id:2587 stat:EXPIRED err:027"));

        assertThat(receipt.state()).isEqualTo(ReceiptState.EXPIRED);
        assertThat(receipt.errorCode()).hasValue(27);
    }

    @Test
    void fallsBackToTextWhenMessageStateIsOutOfRange() {
        ReceiptTlvs tlvs = new ReceiptTlvs(Optional.empty(), OptionalInt.of(12), Optional.empty());

        ReceiptParseResult result = ReceiptParser.parse(tlvs, "id:1 stat:DELIVRD");

        assertThat(parsed(result).state()).isEqualTo(ReceiptState.DELIVRD);
        assertThat(result.problems()).containsExactly("message_state: 12 (expected: 0..9)");
    }

    @Test
    void fallsBackToTextIdWhenReceiptedMessageIdIsUnusable() {
        ReceiptTlvs tlvs = new ReceiptTlvs(Optional.of("a b"), OptionalInt.of(2), Optional.empty());

        ReceiptParseResult result = ReceiptParser.parse(tlvs, "id:99 stat:DELIVRD");

        assertThat(parsed(result).id()).isEqualTo("99");
        assertThat(result.problems()).singleElement().asString().startsWith("receipted_message_id: 'a b'");
    }

    @Test
    void tlvsRescueGarbledText() {
        ReceiptParseResult result = ReceiptParser.parse(ReceiptTlvs.of("77", 2), "\u0000\u00ff garbled");

        assertThat(parsed(result)).isEqualTo(DeliveryReceipt.of("77", ReceiptState.DELIVRD));
        assertThat(result.problems()).isNotEmpty();
    }

    @Test
    void networkErrorCodeTlvWinsOverErrText() {
        ReceiptTlvs tlvs = new ReceiptTlvs(Optional.empty(), OptionalInt.empty(),
                Optional.of(new NetworkErrorCode(NetworkErrorCode.GSM, 0x0B)));

        DeliveryReceipt receipt = parsed(ReceiptParser.parse(tlvs, "id:5 stat:UNDELIV err:075"));

        assertThat(receipt.error()).contains("075");
        assertThat(receipt.errorCode()).hasValue(11);
    }

    @Test
    void readsMessagePayloadWhenShortMessageIsEmpty() {
        OctetString payload = OctetString.ascii("id:300 sub:001 dlvrd:001 stat:DELIVRD err:000 text:long one");

        DeliveryReceipt receipt = parsed(ReceiptParser.parse(ReceiptTlvs.NONE, OctetString.EMPTY, payload));

        assertThat(receipt.id()).isEqualTo("300");
        assertThat(receipt.text()).contains("long one");
    }

    @Test
    void prefersShortMessageWhenBothAreSet() {
        DeliveryReceipt receipt = parsed(ReceiptParser.parse(ReceiptTlvs.NONE,
                OctetString.ascii("id:1 stat:DELIVRD"), OctetString.ascii("id:2 stat:UNDELIV")));

        assertThat(receipt.id()).isEqualTo("1");
    }

    @Test
    void readsAnyOctetsWithoutThrowing() {
        OctetString octets = OctetString.fromHex("69643a31 20 737461743a44454c49565244 20 74657874 3a ff fe 00");

        DeliveryReceipt receipt = parsed(ReceiptParser.parse(ReceiptTlvs.NONE, octets, OctetString.EMPTY));

        assertThat(receipt.text()).contains("\u00ff\u00fe");
    }

    @Test
    void readsNetworkErrorCodeTlvValue() {
        assertThat(NetworkErrorCode.fromTlvValue(OctetString.fromHex("03 0400")))
                .contains(new NetworkErrorCode(3, 0x0400));
        assertThat(NetworkErrorCode.fromTlvValue(OctetString.fromHex("03 04"))).isEmpty();
        assertThat(new NetworkErrorCode(8, 0xFFFF).toTlvValue()).isEqualTo(OctetString.fromHex("08 ffff"));
    }
}
