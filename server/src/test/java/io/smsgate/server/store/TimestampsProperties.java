package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** {@link Timestamps#iso} against the JDK's ISO-8601 parser over every instant of years 0000–9999. */
class TimestampsProperties {

    // 0000-01-01T00:00:00Z .. 9999-12-31T23:59:59Z
    private static final long MIN = -62_167_219_200L;
    private static final long MAX = 253_402_300_799L;

    @Property(tries = 20_000)
    void textParsesBackToTheInstantTruncatedToMicroseconds(@ForAll @LongRange(min = MIN, max = MAX) long second,
                                                           @ForAll @IntRange(min = 0, max = 999_999_999) int nano) {
        Instant instant = Instant.ofEpochSecond(second, nano);

        String text = Timestamps.iso(instant);

        assertThat(Instant.parse(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MICROS));
        assertThat(text).hasSizeLessThanOrEqualTo(Timestamps.MAX_LENGTH);
    }

    @Property(tries = 5_000)
    void microsecondInstantsOfTheseCenturiesReadAsTheJdkWritesThem(
            @ForAll @LongRange(min = 946_684_800L, max = 4_102_444_799L) long second, // 2000..2099
            @ForAll @IntRange(min = 0, max = 999_999) int micros) {
        Instant instant = Instant.ofEpochSecond(second, micros * 1_000L);

        String jdk = instant.toString();

        // The JDK prints 3, 6 or 9 fraction digits; ours prints 6 (or none): the same text once padded.
        String padded = micros == 0 ? jdk : jdk.substring(0, 20) + (jdk.substring(20, jdk.length() - 1) + "000000")
                .substring(0, 6) + "Z";
        assertThat(Timestamps.iso(instant)).isEqualTo(padded);
    }

    @Property(tries = 2_000)
    void appendAddsTheSameTextAfterWhatIsThere(@ForAll @LongRange(min = MIN, max = MAX) long second,
                                               @ForAll @IntRange(min = 0, max = 999_999_999) int nano) {
        Instant instant = Instant.ofEpochSecond(second, nano);

        StringBuilder out = Timestamps.append(new StringBuilder("x\t"), instant);

        assertThat(out.toString()).isEqualTo("x\t" + Timestamps.iso(instant));
    }
}
