package io.smsgate.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietHoursTest {

    // 21:00–08:00 in London for +44, 12:00–14:00 UTC for acme's +33 only.
    private final QuietHours quietHours = new QuietHours(List.of(
            new QuietHoursRule("acme", List.of("33"), "UTC", "12:00", "14:00"),
            new QuietHoursRule("*", List.of("44"), "Europe/London", "21:00", "08:00")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        winter evening, held till 08:00 GMT     | acme  | 447700900123 | 2026-01-15T22:30:00Z | 2026-01-16T08:00:00Z
        winter early morning, same day          | acme  | 447700900123 | 2026-01-15T03:00:00Z | 2026-01-15T08:00:00Z
        summer evening, 08:00 BST is 07:00 UTC  | acme  | 447700900123 | 2026-07-15T20:30:00Z | 2026-07-16T07:00:00Z
        window start is inside                  | other | 447700900123 | 2026-01-15T21:00:00Z | 2026-01-16T08:00:00Z
        same-day window                         | acme  | 33612345678  | 2026-01-15T12:59:00Z | 2026-01-15T14:00:00Z
        """)
    void holdsAMessageDueInsideAWindowUntilItEnds(String caseName, String account, String destination, Instant due,
                                                  Instant release) {
        assertThat(quietHours.releaseAt(account, destination, due)).contains(release);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        daytime                                 | acme  | 447700900123 | 2026-01-15T12:00:00Z
        window end is outside                   | acme  | 447700900123 | 2026-01-15T08:00:00Z
        just before the window                  | acme  | 447700900123 | 2026-01-15T20:59:59Z
        another country                         | acme  | 15551234567  | 2026-01-15T23:00:00Z
        account rule for another account        | other | 33612345678  | 2026-01-15T13:00:00Z
        after a same-day window                 | acme  | 33612345678  | 2026-01-15T14:00:00Z
        """)
    void letsAMessageDueOutsideEveryWindowGo(String caseName, String account, String destination, Instant due) {
        assertThat(quietHours.releaseAt(account, destination, due)).isEmpty();
    }

    @Test
    void aRuleWithoutPrefixesCoversEveryDestination() {
        QuietHours everywhere = new QuietHours(List.of(new QuietHoursRule("*", List.of(), "UTC", "22:00", "06:00")));
        assertThat(everywhere.releaseAt("acme", "15551234567", Instant.parse("2026-01-15T23:00:00Z")))
                .isEqualTo(Optional.of(Instant.parse("2026-01-16T06:00:00Z")));
    }

    @Test
    void aBadRuleFailsNamingItsKey() {
        assertThatThrownBy(() -> new QuietHoursRule("*", List.of("+44"), "UTC", "21:00", "08:00"))
                .hasMessage("compliance.quiet-hours.prefixes: '+44' (expected: digits, e.g. 44)");
        assertThatThrownBy(() -> new QuietHoursRule("*", List.of(), "Mars/Olympus", "21:00", "08:00"))
                .hasMessageStartingWith("compliance.quiet-hours.zone: 'Mars/Olympus'");
        assertThatThrownBy(() -> new QuietHoursRule("*", List.of(), "UTC", "9pm", "08:00"))
                .hasMessage("compliance.quiet-hours.start: '9pm' (expected: HH:mm)");
        assertThatThrownBy(() -> new QuietHoursRule("*", List.of(), "UTC", "08:00", "08:00"))
                .hasMessage("compliance.quiet-hours.end: 08:00 (expected: not the start)");
    }
}
