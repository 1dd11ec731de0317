package io.smsgate.protocol.dlr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptDateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        YYMMDDhhmm          | 1201121551     | 2012-01-12T15:51    | YYMMDDHHMM
        YYMMDDhhmmss        | 190608165232   | 2019-06-08T16:52:32 | YYMMDDHHMMSS
        yyyyMMddHHmmss      | 20110303100008 | 2011-03-03T10:00:08 | YYYYMMDDHHMMSS
        leap day            | 2402291200     | 2024-02-29T12:00    | YYMMDDHHMM
        end of the century  | 991231235959   | 2099-12-31T23:59:59 | YYMMDDHHMMSS
        """)
    void readsAndWritesEachLayout(String caseName, String digits, String dateTime, ReceiptDate.Layout layout) {
        Optional<ReceiptDate> date = ReceiptDate.parse(digits, 0, digits.length());

        assertThat(date).contains(new ReceiptDate(LocalDateTime.parse(dateTime), layout));
        assertThat(date.map(ReceiptDate::digits)).contains(digits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12011215", "12011215510", "120112155100000", "000000000000", "2413011200",
        "2302291200", "2401322400", "2401012400", "2401012360", "240101235960", "24O1021504", "+401021504"})
    void refusesWhatIsNotADate(String digits) {
        assertThat(ReceiptDate.parse(digits, 0, digits.length())).isEmpty();
    }

    @Test
    void writesInAnotherLayout() {
        ReceiptDate date = new ReceiptDate(LocalDateTime.of(2011, 3, 3, 10, 0, 8), ReceiptDate.Layout.YYYYMMDDHHMMSS);

        assertThat(date.digits(ReceiptDate.Layout.YYMMDDHHMM)).isEqualTo("1103031000");
        assertThat(date.digits(ReceiptDate.Layout.YYMMDDHHMMSS)).isEqualTo("110303100008");
    }

    @Test
    void refusesValuesItsLayoutCannotHold() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new ReceiptDate(LocalDateTime.of(1999, 1, 1, 0, 0), ReceiptDate.Layout.YYMMDDHHMM))
                .withMessage("receipt date year: 1999 (expected: 2000..2099 for YYMMDDHHMM)");
        assertThatIllegalArgumentException().isThrownBy(() ->
                new ReceiptDate(LocalDateTime.of(2024, 1, 1, 0, 0, 5), ReceiptDate.Layout.YYMMDDHHMM));
    }
}
