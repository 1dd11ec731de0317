package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.routing.RouteCandidate;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.Price;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutePricingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        one segment                 | 12300   | 1 | 0.0123
        two segments                | 12300   | 2 | 0.0246
        whole units keep no decimal | 1000000 | 3 | 3
        free route                  | 0       | 4 | 0
        smallest rate unit          | 1       | 1 | 0.000001
        """)
    void pricesEverySegmentAtTheFirstRoutesRate(String caseName, long priceMicros, int segments, String amount) {
        RouteCandidate route = new RouteCandidate("sim", priceMicros, "GBP", priceMicros,
                RouteCandidate.Choice.LEAST_COST, "GB", -1);

        Price price = RoutePricing.price(route, segments);

        assertThat(price.amount().toPlainString()).isEqualTo(amount);
        assertThat(price.currency()).isEqualTo("GBP");
    }

    @Test
    void unratedRoutesChargeNothingWithoutAskingTheRouter() {
        RoutePricing pricing = new RoutePricing(() -> {
            throw new AssertionError("the router was asked");
        }, false, Clock.systemUTC());
        Submission submission = Submission.single("acme", Address.alphanumeric("ACME"),
                Address.international("447700900123"), 0, 1, OctetString.ascii("hello"));

        assertThat(pricing.charge(new MessageId(1L << 22), submission)).isEmpty();
    }
}
