package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingSnapshotTest {
    private static final AccountPolicy CHEAPEST = AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST);

    @Test
    void refusesAPolicyNamingAnUndefinedCarrier() {
        assertThatThrownBy(() -> RoutingSnapshot.builder().carrier(Carrier.of("a"))
                .policy("p", AccountPolicy.of(new RoutePolicy.Priority(List.of("a", "b")))).build())
                .hasMessage("policy p carrier: b (expected: a defined carrier)");
    }

    @Test
    void refusesACardOfAnUndefinedCarrier() {
        assertThatThrownBy(() -> RoutingSnapshot.builder().carrier(Carrier.of("a"))
                .rateCard(RateCard.of("z", "EUR", RouterTest.T0, List.of())).build())
                .hasMessage("rate card carrier: z (expected: one of [a])");
    }

    @Test
    void refusesACardInACurrencyWithoutExchangeRate() {
        assertThatThrownBy(() -> RoutingSnapshot.builder().carrier(Carrier.of("a"))
                .rateCard(RateCard.of("a", "USD", RouterTest.T0, List.of(RateLine.prefix("1", 1)))).build())
                .hasMessageContaining("currency: USD (expected: EUR or one with an exchange rate)");
    }

    @Test
    void refusesAnAccountNamingAnUndefinedPolicy() {
        assertThatThrownBy(() -> RoutingSnapshot.builder().policy("p", CHEAPEST).account("acme", "q").build())
                .hasMessage("account acme policy: q (expected: one of [p])");
    }

    @Test
    void refusesACarrierDefinedTwice() {
        assertThatThrownBy(() -> RoutingSnapshot.builder().carrier(Carrier.of("a")).carrier(Carrier.of("a")))
                .hasMessage("carrier: a (expected: defined once)");
    }

    @Test
    void countsDistinctPrefixesAndRatesInForceAtSomeTime() {
        RoutingSnapshot snapshot = RoutingSnapshot.builder().carrier(Carrier.of("a")).carrier(Carrier.of("b"))
                .rateCard(RateCard.of("a", "EUR", RouterTest.T0, List.of(RateLine.prefix("44", 1), RateLine.prefix("33", 1))))
                .rateCard(RateCard.of("b", "EUR", RouterTest.T0, List.of(RateLine.prefix("44", 2))))
                .build();
        assertThat(snapshot.prefixCount()).isEqualTo(2);
        assertThat(snapshot.rateCount()).isEqualTo(3);
    }

    @Test
    void recordsNameTheFieldTheValueAndTheExpectation() {
        assertThatThrownBy(() -> RateLine.prefix("44x", 1)).hasMessage("prefix: '44x' (expected: 0 to 15 digits)");
        assertThatThrownBy(() -> new MccMnc("23", "15")).hasMessage("mcc: '23' (expected: 3 digits)");
        assertThatThrownBy(() -> RateCard.of("a", "eur", RouterTest.T0, List.of()))
                .hasMessage("currency: 'eur' (expected: ISO 4217 code like EUR)");
        assertThat(MccMnc.parse("310-410").code()).isNotEqualTo(MccMnc.parse("31041").code());
    }

    @Test
    void classifiesSenderIds() {
        assertThat(SenderType.of("ACME")).isEqualTo(SenderType.ALPHANUMERIC);
        assertThat(SenderType.of("12345")).isEqualTo(SenderType.SHORT_CODE);
        assertThat(SenderType.of("+447700900123")).isEqualTo(SenderType.LONG_NUMBER);
        assertThat(SenderType.of("")).isEqualTo(SenderType.ALPHANUMERIC);
    }
}
