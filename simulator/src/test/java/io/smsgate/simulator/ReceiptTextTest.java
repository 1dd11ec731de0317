package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.behaviour.ReceiptStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptTextTest {
    private static final long SUBMIT = Instant.parse("2026-11-21T10:15:30.250Z").toEpochMilli();
    private static final long DONE = Instant.parse("2026-11-21T10:16:02.999Z").toEpochMilli();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        delivered, 10-digit dates | DELIVRD | TEN_DIGITS    | id:0042 sub:001 dlvrd:001 submit date:2611211015 done date:2611211016 stat:DELIVRD err:000 text:hello
        undelivered, 12 digits    | UNDELIV | TWELVE_DIGITS | id:0042 sub:001 dlvrd:000 submit date:261121101530 done date:261121101602 stat:UNDELIV err:001 text:hello
        enroute                   | ENROUTE | TEN_DIGITS    | id:0042 sub:001 dlvrd:000 submit date:2611211015 done date:2611211016 stat:ENROUTE err:000 text:hello
        """)
    void formatsTheAppendixBLayout(String caseName, ReceiptStatus status, ReceiptBehaviour.DateFormat dates,
            String expected) {
        assertThat(ReceiptText.format("0042", status, SUBMIT, DONE, dates, "hello")).isEqualTo(expected);
    }

    @Test
    void quotesAtMostTwentyPrintableCharacters() {
        String receipt = ReceiptText.format("1", ReceiptStatus.DELIVRD, SUBMIT, DONE,
                ReceiptBehaviour.DateFormat.TEN_DIGITS, "caf\u00e9\nline two is longer than twenty");
        assertThat(receipt).endsWith("text:caf??line two is lon");
    }

    @Test
    void theDateCacheFollowsTheClockAcrossSeconds() {
        ReceiptText.Dates dates = new ReceiptText.Dates();
        assertThat(dates.format(SUBMIT, ReceiptBehaviour.DateFormat.TWELVE_DIGITS)).isEqualTo("261121101530");
        assertThat(dates.format(SUBMIT + 700, ReceiptBehaviour.DateFormat.TWELVE_DIGITS)).isEqualTo("261121101530");
        assertThat(dates.format(SUBMIT + 750, ReceiptBehaviour.DateFormat.TWELVE_DIGITS)).isEqualTo("261121101531");
        assertThat(dates.format(DONE, ReceiptBehaviour.DateFormat.TEN_DIGITS)).isEqualTo("2611211016");
    }
}
