package io.smsgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    private static final Instant FIRST_RUN = Instant.parse("2026-11-21T04:10:00Z");

    @Test
    void aLaterRunStartsItsCarrierIdsBeyondEveryIdAnEarlierRunIssuedAtAMillionPerSecond() {
        Duration firstRunLength = Duration.ofMinutes(5);
        long firstRunIds = firstRunLength.toSeconds() * 1_000_000;
        long lastIdOfFirstRun = DemoCommand.firstCarrierMessageId(FIRST_RUN) + firstRunIds - 1;

        long secondRunFirstId = DemoCommand.firstCarrierMessageId(FIRST_RUN.plus(firstRunLength));

        assertThat(secondRunFirstId).isGreaterThan(lastIdOfFirstRun);
    }

    @Test
    void carrierIdsOfARunNeverStartAtOne() {
        assertThat(DemoCommand.firstCarrierMessageId(FIRST_RUN)).isEqualTo(FIRST_RUN.toEpochMilli() * 1_000);
    }
}
