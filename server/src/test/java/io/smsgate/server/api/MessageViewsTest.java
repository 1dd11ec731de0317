package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.Price;
import io.smsgate.server.store.StoredMessage;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MessageViewsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(MessageStatus.class)
    void aStatusIsNamedInLowerCaseAndReadBack(MessageStatus status) {
        assertThat(MessageViews.status(status)).isEqualTo(status.name().toLowerCase(Locale.ROOT));
        assertThat(MessageViews.status(MessageViews.status(status))).isEqualTo(status);
    }

    private static final Price PRICE = new Price(new BigDecimal("0.0246"), "EUR");

    private static StoredMessage stored(Optional<Price> price, MessageStatus status, Optional<String> carrierRef) {
        NewMessage message = new NewMessage(new MessageId(1L << 22), "acme", Address.alphanumeric("ACME"),
                Address.international("447700900123"), 0, 0, 0, 0, 1, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(OctetString.ascii("hello")), OctetString.EMPTY, Optional.empty(), price);
        return new StoredMessage(message, status, carrierRef.map(ref -> "sim"), carrierRef, carrierRef.isPresent()
                ? 1 : 0, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        queued: what it will cost                  | QUEUED      | false | 0.0246
        submitted to a carrier                     | SUBMITTED   | true  | 0.0246
        delivered                                  | DELIVERED   | true  | 0.0246
        failed after a carrier took it             | FAILED      | true  | 0.0246
        undeliverable after a carrier took it      | UNDELIVERABLE | true | 0.0246
        rejected before a carrier (opted out)      | REJECTED    | false | 0
        failed without a route                     | FAILED      | false | 0
        expired waiting                            | EXPIRED     | false | 0
        cancelled before a carrier                 | CANCELLED   | false | 0
        """)
    void costIsTheStoredPriceUnlessItEndedBeforeACarrierTookIt(String caseName, MessageStatus status,
                                                              boolean reachedCarrier, String amount) {
        StoredMessage message = stored(Optional.of(PRICE), status,
                reachedCarrier ? Optional.of("c-1") : Optional.empty());

        assertThat(MessageViews.summary(message).getJsonObject("cost"))
                .isEqualTo(new JsonObject().put("amount", amount).put("currency", "EUR"));
    }

    @Test
    void anUnratedMessageHasNoCost() {
        StoredMessage message = stored(Optional.empty(), MessageStatus.DELIVERED, Optional.of("c-1"));

        assertThat(MessageViews.summary(message).containsKey("cost")).isFalse();
        assertThat(MessageViews.detail(message, List.of(), List.of()).containsKey("cost")).isFalse();
    }

    @Test
    void csvRowEndsWithCostAndCurrency() {
        StringBuilder rated = new StringBuilder();
        StringBuilder unrated = new StringBuilder();

        Csv.row(rated, stored(Optional.of(PRICE), MessageStatus.DELIVERED, Optional.of("c-1")));
        Csv.row(unrated, stored(Optional.empty(), MessageStatus.DELIVERED, Optional.of("c-1")));

        assertThat(rated.toString()).endsWith(",sim,c-1,0.0246,EUR\r\n");
        assertThat(unrated.toString()).endsWith(",sim,c-1,,\r\n");
        assertThat(Csv.HEADER).endsWith(",carrier_message_id,cost,currency\r\n");
    }
}
