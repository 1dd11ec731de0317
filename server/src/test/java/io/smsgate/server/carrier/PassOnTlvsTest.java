package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassOnTlvsTest {

    private static final Tlvs FROM_CLIENT = Tlvs.of(
            new Tlv.UserMessageReference(0x1234),
            new Tlv.SourcePort(0x0B84),
            new Tlv.DestinationPort(0x23F0),
            new Tlv.LanguageIndicator(2),
            new Tlv.CallbackNum(OctetString.of(new byte[] {1, 1, '4', '4', '1'})),
            new Tlv.Unknown(0x0201, OctetString.of(new byte[] {2})),            // privacy_indicator: secret
            new Tlv.Unknown(0x1201, OctetString.of(new byte[] {0})),            // display_time: temporary
            new Tlv.Unknown(0x1204, OctetString.of(new byte[] {1})),            // ms_validity: store indefinitely
            new Tlv.Unknown(0x130C, OctetString.EMPTY),                         // alert_on_message_delivery
            new Tlv.SarMsgRefNum(7),
            new Tlv.SarTotalSegments(2),
            new Tlv.SarSegmentSeqnum(1),
            new Tlv.MoreMessagesToSend(1),
            new Tlv.MessagePayload(OctetString.ascii("segmentation is the carrier profile's")),
            new Tlv.Unknown(0x1401, OctetString.ascii("vendor")));

    @Test
    void keepsWhatTheHandsetOrCarrierUsesAsOnTheWire() {
        OctetString stored = PassOnTlvs.select(FROM_CLIENT);

        // tag, length, value per SMPP 3.4 §3.2.4.1, in the client's order
        assertThat(HexFormat.of().formatHex(stored.toByteArray())).isEqualTo(String.join("",
                "0204 0002 1234",
                "020a 0002 0b84",
                "020b 0002 23f0",
                "020d 0001 02",
                "0381 0005 0101343431",
                "0201 0001 02",
                "1201 0001 00",
                "1204 0001 01",
                "130c 0000").replace(" ", ""));
    }

    @Test
    void readsBackWhatItKeptAndNeverASegmentationOrVendorParameter() {
        Tlvs read = PassOnTlvs.read(PassOnTlvs.select(FROM_CLIENT));

        assertThat(read.list()).containsExactlyElementsOf(FROM_CLIENT.list().subList(0, 9));
    }

    @Test
    void nothingToPassOnIsEmpty() {
        assertThat(PassOnTlvs.select(Tlvs.of(new Tlv.SarMsgRefNum(1)))).isEqualTo(OctetString.EMPTY);
        assertThat(PassOnTlvs.read(OctetString.EMPTY)).isEqualTo(Tlvs.EMPTY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        truncated value          | 0204 0002 12        | 0
        wrong length for its type| 020a 0001 0b 0204 0002 1234 | 1
        header cut short         | 0204 00             | 0
        """)
    void aStoredEntryThatDoesNotReadIsDroppedAndTheRestKept(String caseName, String stored, int kept) {
        Tlvs read = PassOnTlvs.read(OctetString.of(HexFormat.of().parseHex(stored.replace(" ", ""))));

        assertThat(read.size()).isEqualTo(kept);
    }
}
