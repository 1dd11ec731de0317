package io.smsgate.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

class OpenLoopPacerProperties {

    @Property
    void dueByIsExactlyTheMessagesWhoseIntendedTimeHasCome(
            @ForAll @DoubleRange(min = 0.5, max = 2_000_000) double rate,
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long start,
            @ForAll @LongRange(min = 0, max = 3_600_000_000_000L) long elapsed) {
        OpenLoopPacer pacer = new OpenLoopPacer(rate, start);
        long now = start + elapsed;
        long due = pacer.dueBy(now);
        assertThat(due).isPositive();
        assertThat(pacer.intendedTime(due - 1)).isLessThanOrEqualTo(now);
        assertThat(pacer.intendedTime(due)).isGreaterThan(now);
    }
}
