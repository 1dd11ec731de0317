package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.dlr.DeliveryReceipt;
import io.smsgate.protocol.dlr.ReceiptDate;
import io.smsgate.protocol.dlr.ReceiptState;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptLatencyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        minute precision          | 2026-03-01T12:00    | 2026-03-01T12:03    | PT3M
        second precision          | 2026-03-01T12:00:42 | 2026-03-01T12:01:07 | PT25S
        across midnight and years | 2026-12-31T23:59:30 | 2027-01-01T00:00:10 | PT40S
        across a leap day         | 2028-02-28T12:00    | 2028-03-01T12:00    | PT48H
        same instant              | 2026-03-01T12:00:42 | 2026-03-01T12:00:42 | PT0S
        done before submit        | 2026-03-01T12:01    | 2026-03-01T12:00    | PT0S
        """)
    void latencyIsTheDistanceBetweenTheReceiptsDatesAndNeverNegative(String caseName, String submit, String done,
            String expected) {
        DeliveryReceipt dlr = DeliveryReceipt.of("a1", ReceiptState.DELIVRD).withDates(
                new ReceiptDate(LocalDateTime.parse(submit), ReceiptDate.Layout.YYMMDDHHMMSS),
                new ReceiptDate(LocalDateTime.parse(done), ReceiptDate.Layout.YYMMDDHHMMSS));

        assertThat(InboundHandler.receiptLatency(dlr)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void aReceiptWithoutDatesHasNoLatency() {
        assertThat(InboundHandler.receiptLatency(DeliveryReceipt.of("a1", ReceiptState.DELIVRD)))
                .isEqualTo(Duration.ZERO);
    }
}
