package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateDeckCsvTest {

    private static RateDeckCsv.Result parse(String csv) throws IOException {
        return RateDeckCsv.parse(new StringReader(csv), "EUR", ZoneOffset.UTC);
    }

    @Test
    void readsTheCommonDeckShape() throws IOException {
        RateDeckCsv.Result result = parse("""
                Prefix,Country,Network,Rate,Effective Date
                44,United Kingdom,Fixed,0.0300,2026-03-01
                447,United Kingdom,"Mobile, all networks",0.0125,2026-03-01
                "4477","United Kingdom","Vodafone ""UK""\",0.011,2026-03-15 12:30
                """);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.dataLines()).isEqualTo(3);
        assertThat(result.lines()).containsExactly(
                new RateLine("44", Optional.empty(), 30_000, Optional.of(Instant.parse("2026-03-01T00:00:00Z")),
                        Optional.empty(), OptionalInt.empty(), "United Kingdom", "Fixed"),
                new RateLine("447", Optional.empty(), 12_500, Optional.of(Instant.parse("2026-03-01T00:00:00Z")),
                        Optional.empty(), OptionalInt.empty(), "United Kingdom", "Mobile, all networks"),
                new RateLine("4477", Optional.empty(), 11_000, Optional.of(Instant.parse("2026-03-15T12:30:00Z")),
                        Optional.empty(), OptionalInt.empty(), "United Kingdom", "Vodafone \"UK\""));
    }

    @Test
    void readsSemicolonDecksWithDecimalCommasMccMncTiersAndCrLf() throws IOException {
        RateDeckCsv.Result result = RateDeckCsv.parse(new StringReader(
                "MCC;MNC;Operator;Price;Tier;Currency;End Date\r\n"
                        + "234;15;Vodafone;0,0081;2;EUR;2026-12-31T00:00:00+01:00\r\n"
                        + "310;410;AT&T;0,0050;;;\r\n"), "EUR", ZoneId.of("Europe/Paris"));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.lines()).containsExactly(
                new RateLine("", Optional.of(new MccMnc("234", "15")), 8_100, Optional.empty(),
                        Optional.of(Instant.parse("2026-12-30T23:00:00Z")), OptionalInt.of(2), "", "Vodafone"),
                new RateLine("", Optional.of(new MccMnc("310", "410")), 5_000, Optional.empty(), Optional.empty(),
                        OptionalInt.empty(), "", "AT&T"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        letters in the prefix       | 44a7,UK,x,0.01,2026-03-01        | prefix: '44a7' (expected: 1 to 15 digits)
        prefix too long             | 4412345678901234,UK,x,0.01,      | prefix: '4412345678901234' (expected: 1 to 15 digits)
        no prefix                   | ,UK,x,0.01,2026-03-01            | prefix: '' (expected: digits, or an MCC and MNC)
        negative rate               | 44,UK,x,-0.01,2026-03-01         | rate: '-0.01' (expected: a non-negative decimal like 0.0125)
        too many decimals           | 44,UK,x,0.0000001,2026-03-01     | rate: '0.0000001' (expected: at most 6 decimals)
        two decimal points          | 44,UK,x,0.0.1,2026-03-01         | rate: '0.0.1' (expected: a non-negative decimal like 0.0125)
        empty rate                  | 44,UK,x,,2026-03-01              | rate: '' (expected: a non-negative decimal like 0.0125)
        bad date                    | 44,UK,x,0.01,01/03/2026          | effective date: '01/03/2026' (expected: yyyy-MM-dd, yyyy-MM-dd HH:mm[:ss] or ISO 8601 with offset)
        missing fields              | 44,UK                            | fields: 2 (expected: at least 4)
        """)
    void reportsRejectedLinesWithTheirNumberAndReason(String caseName, String line, String reason) throws IOException {
        RateDeckCsv.Result result = parse("prefix,country,network,rate,effective date\n44,UK,x,0.01,\n" + line + "\n");
        assertThat(result.lines()).hasSize(1);
        assertThat(result.rejected()).containsExactly(new RateDeckCsv.RejectedLine(3, reason));
    }

    @Test
    void countsPhysicalLinesAcrossQuotedLineBreaks() throws IOException {
        RateDeckCsv.Result result = parse("prefix,network,rate\n44,\"two\nlines\",0.01\n45,x,bad\n");
        assertThat(result.lines()).extracting(RateLine::networkName).containsExactly("two\nlines");
        assertThat(result.rejected()).extracting(RateDeckCsv.RejectedLine::lineNumber).containsExactly(4L);
    }

    @Test
    void refusesADeckWhoseHeaderHasNoPrefixOrRate() {
        assertThatThrownBy(() -> parse("country,rate\nUK,0.01\n")).hasMessageContaining("expected: a prefix column");
        assertThatThrownBy(() -> parse("prefix,country\n44,UK\n")).hasMessageContaining("expected: a rate column");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
    }

    @Test
    void refusesLinesInAnotherCurrency() throws IOException {
        RateDeckCsv.Result result = parse("prefix,rate,currency\n44,0.01,USD\n");
        assertThat(result.rejected()).containsExactly(new RateDeckCsv.RejectedLine(2, "currency: 'USD' (expected: EUR)"));
    }

    @Test
    void aParsedDeckBecomesACardTheRouterPrices() throws IOException {
        RateCard card = parse("prefix,rate\n+44 7,0.0125\n").toCard("c1", "EUR", RouterTest.T0);
        RoutingSnapshot snapshot = RoutingSnapshot.builder().carrier(Carrier.of("c1")).rateCard(card)
                .policy("p", AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)).defaultPolicy("p").build();
        RoutePlan plan = new Router(snapshot, new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP),
                RoutingListener.NOOP).decide(RouteRequest.of("any", "447700900123", "x", 1), RouterTest.NOW);
        assertThat(((RoutePlan.Routed) plan).candidates()).extracting(RouteCandidate::priceMicros).containsExactly(12_500L);
        assertThat(List.of(card.lines().get(0).prefix())).containsExactly("447");
    }
}
