package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The timestamp text the Journal sends (PostgreSQL 17 §8.5.1.3), by example and read back by real PostgreSQL. */
class TimestampsTest {

    @RegisterExtension
    static final StoreFixture store = StoreFixture.perClass("timestamps_test");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            epoch                            | 0            | 0         | 1970-01-01T00:00:00Z
            one microsecond                  | 0            | 1000      | 1970-01-01T00:00:00.000001Z
            nanoseconds are truncated        | 0            | 999999999 | 1970-01-01T00:00:00.999999Z
            below one microsecond is nothing | 0            | 999       | 1970-01-01T00:00:00Z
            before the epoch                 | -1           | 500000000 | 1969-12-31T23:59:59.500000Z
            leap day of a leap century       | 951782400    | 0         | 2000-02-29T00:00:00Z
            day after a non-leap century     | 4107542400   | 0         | 2100-03-01T00:00:00Z
            leap day 2028                    | 1835481599   | 123456000 | 2028-02-29T23:59:59.123456Z
            last second of a year            | 1924991999   | 0         | 2030-12-31T23:59:59Z
            year one                         | -62135596800 | 0         | 0001-01-01T00:00:00Z
            year 9999                        | 253402300799 | 999999000 | 9999-12-31T23:59:59.999999Z
            """)
    void writesIsoUtcText(String name, long second, int nano, String expected) {
        assertThat(Timestamps.iso(Instant.ofEpochSecond(second, nano))).isEqualTo(expected);
    }

    @Test
    void yearsBeyondFourDigitsFallBackToTheJdkText() {
        Instant instant = Instant.ofEpochSecond(253_402_300_800L, 1_234_567);

        assertThat(Timestamps.iso(instant)).isEqualTo("+10000-01-01T00:00:00.001234Z");
    }

    @Test
    void postgresqlReadsTheTextAsTheInstantTruncatedToMicroseconds() throws SQLException {
        SplittableRandom random = new SplittableRandom(4);
        List<Instant> instants = new ArrayList<>(List.of(Instant.ofEpochSecond(951_782_400L),
                Instant.ofEpochSecond(-62_135_596_800L), Instant.ofEpochSecond(253_402_300_799L, 999_999_999),
                Instant.ofEpochSecond(-1, 1)));
        for (int i = 0; i < 5_000; i++) {
            // Years 0001..9999, any nanosecond.
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L),
                    random.nextInt(1_000_000_000)));
        }
        String[] texts = instants.stream().map(Timestamps::iso).toArray(String[]::new);
        try (Connection connection = store.database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT t.ord, t.at::timestamptz
                       FROM unnest(?::text[]) WITH ORDINALITY AS t(at, ord) ORDER BY t.ord""")) {
            // The session's time zone must not matter: the text names UTC.
            connection.createStatement().execute("SET TIME ZONE 'America/St_Johns'");
            Array array = connection.createArrayOf("text", texts);
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                int read = 0;
                while (rows.next()) {
                    Instant expected = instants.get((int) rows.getLong(1) - 1).truncatedTo(ChronoUnit.MICROS);
                    assertThat(rows.getObject(2, OffsetDateTime.class).toInstant()).as(texts[read])
                            .isEqualTo(expected);
                    read++;
                }
                assertThat(read).isEqualTo(instants.size());
            }
        }
    }
}
