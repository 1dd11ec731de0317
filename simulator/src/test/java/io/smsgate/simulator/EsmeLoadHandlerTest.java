package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EsmeLoadHandlerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "on the start,                  0,          0",
            "just after the start,          1,          999999",
            "mid-period,                    2500000,    500000",
            "on a later tick,               7000000,    0",
            "before the start,              -300,       300",
            "more than a period before it,  -1000300,   300",
    })
    void everyBindsPumpTicksOnOneMillisecondGridFromTheStart(String name, long sinceStartNanos, long expected) {
        assertThat(EsmeLoadHandler.untilNextTick(sinceStartNanos)).isEqualTo(expected);
    }
}
