package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.store.MessageId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReceiptsTest {

    private static final ClientEvent.Receipt RECEIPT = new ClientEvent.Receipt(new MessageId(0x0a1b2c3d4e5f6071L),
            ReceiptState.DELIVRD, Address.alphanumeric("ACME"), Address.international("447700900123"), 1, 1,
            Instant.parse("2026-03-01T12:00:42Z"), Instant.parse("2026-03-01T12:01:07Z"), Optional.of("000"),
            Optional.empty(), Optional.of("Hello"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        SMPP34         | id:0a1b2c3d4e5f6071 sub:001 dlvrd:001 submit date:2603011200 done date:2603011201 stat:DELIVRD err:000 text:Hello
        SMPP34_SECONDS | id:0a1b2c3d4e5f6071 sub:001 dlvrd:001 submit date:260301120042 done date:260301120107 stat:DELIVRD err:000 text:Hello
        YYYY           | id:0a1b2c3d4e5f6071 sub:001 dlvrd:001 submit date:20260301120042 done date:20260301120107 stat:DELIVRD err:000 text:Hello
        """)
    void aReceiptCarriesOurIdInTheAccountsFormat(String format, String text) {
        DeliverSm deliverSm = Receipts.deliverSm(RECEIPT, Receipts.format(format));

        assertThat(deliverSm.message().shortMessage().decode(StandardCharsets.ISO_8859_1)).isEqualTo(text);
        assertThat(deliverSm.message().esmClass()).isEqualTo(0x04);
        assertThat(deliverSm.tlvs().receiptedMessageId()).contains("0a1b2c3d4e5f6071");
        assertThat(deliverSm.tlvs().messageState()).contains(MessageState.DELIVERED);
        // A receipt travels back: from the handset to the client's sender id.
        assertThat(deliverSm.message().source()).isEqualTo(Address.international("447700900123"));
        assertThat(deliverSm.message().destination()).isEqualTo(Address.alphanumeric("ACME"));
    }

    @Test
    void aLongMoTravelsInMessagePayload() {
        OctetString text = OctetString.of(new byte[300]);
        DeliverSm deliverSm = Receipts.deliverSm(new ClientEvent.Mo(Address.international("4477"),
                new Address(0, 0, "5555"), 0, 0, 4, text), Receipts.format("SMPP34"));

        assertThat(deliverSm.message().shortMessage()).isEqualTo(OctetString.EMPTY);
        assertThat(deliverSm.tlvs().messagePayload()).contains(text);
    }
}
