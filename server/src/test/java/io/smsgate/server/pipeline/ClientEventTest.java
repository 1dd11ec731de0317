package io.smsgate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.dlr.NetworkErrorCode;
import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.OutboxKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientEventTest {

    private static final Instant SUBMITTED = Instant.parse("2026-03-01T12:00:00.123Z");

    @Test
    void aReceiptSurvivesTheOutboxPayloadUnchanged() {
        ClientEvent receipt = new ClientEvent.Receipt(new MessageId(0x0a1b2c3d4e5f6071L), ReceiptState.UNDELIV,
                Address.alphanumeric("ACME"), Address.international("447700900123"), 2, 0, SUBMITTED,
                SUBMITTED.plusSeconds(90), Optional.of("069"), Optional.of(new NetworkErrorCode(3, 69)),
                Optional.of("Grüße 😀"));

        assertThat(ClientEvent.decode(receipt.encode())).isEqualTo(receipt);
    }

    @Test
    void anMoSurvivesTheOutboxPayloadUnchanged() {
        ClientEvent mo = new ClientEvent.Mo(Address.international("447700900123"), new Address(0, 0, "5555"), 0x40, 0,
                8, OctetString.fromHex("050003010201d83dde00"));

        assertThat(ClientEvent.decode(mo.encode())).isEqualTo(mo);
    }

    @Test
    void itsOutboxWriteNamesTheKindTheMessageAndTheExpiry() {
        MessageId message = new MessageId(42);
        ClientEvent receipt = new ClientEvent.Receipt(message, ReceiptState.DELIVRD, Address.alphanumeric("ACME"),
                Address.international("447700900123"), 1, 1, SUBMITTED, SUBMITTED, Optional.empty(), Optional.empty(),
                Optional.empty());

        JournalWrite.EnqueueOutbox write = receipt.toOutbox(new MessageId(7), "acme", SUBMITTED, Duration.ofHours(2));

        assertThat(write.outboxKind()).isEqualTo(OutboxKind.RECEIPT);
        assertThat(write.messageId()).contains(message);
        assertThat(write.expiresAt()).isEqualTo(SUBMITTED.plus(Duration.ofHours(2)));
        assertThat(write.nextAttemptAt()).isEqualTo(SUBMITTED);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "02", "0152", "014d0101", "01580000"})
    void anUnreadablePayloadIsAnIllegalArgument(String hex) {
        assertThatThrownBy(() -> ClientEvent.decode(OctetString.fromHex(hex)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outbox payload");
    }
}
