package io.smsgate.protocol.dlr;

import static io.smsgate.protocol.dlr.ReceiptParserTest.parsed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.cloudhopper.smpp.util.DeliveryReceiptException;
import java.time.LocalDateTime;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptFormatTest {

    private static final ReceiptDate SUBMITTED =
            new ReceiptDate(LocalDateTime.of(2024, 1, 2, 15, 4, 0), ReceiptDate.Layout.YYMMDDHHMMSS);
    private static final ReceiptDate DONE =
            new ReceiptDate(LocalDateTime.of(2024, 1, 2, 15, 5, 30), ReceiptDate.Layout.YYMMDDHHMMSS);
    private static final DeliveryReceipt DELIVERED = DeliveryReceipt.of("7f3c2a9e-41d2", ReceiptState.DELIVRD)
            .withCounts(1, 1)
            .withDates(SUBMITTED, DONE)
            .withError("000")
            .withText("Hello World, this is a test");

    @Test
    void writesFieldsInSpecificationOrderWithTwentyCharactersOfText() {
        assertThat(ReceiptFormat.DEFAULTS.format(DELIVERED)).isEqualTo(
                "id:7f3c2a9e-41d2 sub:001 dlvrd:001 submit date:2401021504 done date:2401021505"
                        + " stat:DELIVRD err:000 text:Hello World, this is");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        12-digit dates  | YYMMDDHHMMSS   | 20 | text | id:7f3c2a9e-41d2 sub:001 dlvrd:001 submit date:240102150400 done date:240102150530 stat:DELIVRD err:000 text:Hello World, this is
        14-digit dates  | YYYYMMDDHHMMSS | 5  | text | id:7f3c2a9e-41d2 sub:001 dlvrd:001 submit date:20240102150400 done date:20240102150530 stat:DELIVRD err:000 text:Hello
        no text field   | YYMMDDHHMM     | 0  | text | id:7f3c2a9e-41d2 sub:001 dlvrd:001 submit date:2401021504 done date:2401021505 stat:DELIVRD err:000
        Text: as in 3.4 | YYMMDDHHMM     | 20 | Text | id:7f3c2a9e-41d2 sub:001 dlvrd:001 submit date:2401021504 done date:2401021505 stat:DELIVRD err:000 Text:Hello World, this is
        """)
    void writesConfiguredVariant(String caseName, ReceiptDate.Layout layout, int textLength, String textKey,
            String expected) {
        assertThat(new ReceiptFormat(layout, textLength, textKey).format(DELIVERED)).isEqualTo(expected);
    }

    @Test
    void leavesOutWhatTheReceiptLacksButKeepsTheTextKey() {
        DeliveryReceipt minimal = DeliveryReceipt.of("1", ReceiptState.ENROUTE);

        assertThat(ReceiptFormat.DEFAULTS.format(minimal)).isEqualTo("id:1 stat:ENROUTE text:");
        assertThat(parsed(ReceiptParser.parse(ReceiptFormat.DEFAULTS.format(minimal)))).isEqualTo(minimal);
    }

    @Test
    void writesLongIdsAndExtraFieldsBeforeTheText() {
        String id = "x".repeat(DeliveryReceipt.MAX_ID_LENGTH);
        DeliveryReceipt receipt = DeliveryReceipt.of(id, ReceiptState.UNDELIV).withCounts(1000, 0).withError("075")
                .withExtraField(new ReceiptField("mccmnc", "23415")).withText("Hi");

        String text = ReceiptFormat.DEFAULTS.format(receipt);

        assertThat(text).isEqualTo("id:" + id + " sub:1000 dlvrd:000 stat:UNDELIV err:075 mccmnc:23415 text:Hi");
        assertThat(parsed(ReceiptParser.parse(text))).isEqualTo(receipt);
    }

    @Test
    void neverSplitsASurrogatePair() {
        DeliveryReceipt receipt = DeliveryReceipt.of("1", ReceiptState.DELIVRD).withText("abc\uD83D\uDE00def");

        assertThat(new ReceiptFormat(ReceiptDate.Layout.YYMMDDHHMM, 4, "text").format(receipt))
                .isEqualTo("id:1 stat:DELIVRD text:abc");
    }

    @Test
    void refusesBadSettings() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReceiptFormat(ReceiptDate.Layout.YYMMDDHHMM, 256, "text"))
                .withMessage("receipt text length: 256 (expected: 0..255)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReceiptFormat(ReceiptDate.Layout.YYMMDDHHMM, 20, "TEXT"))
                .withMessage("receipt text key: 'TEXT' (expected: text or Text)");
    }

    @Test
    void cloudhopperReadsWhatWeWrite() throws DeliveryReceiptException {
        String text = ReceiptFormat.DEFAULTS.format(DELIVERED.withId("0123456789").withError("075"));

        com.cloudhopper.smpp.util.DeliveryReceipt theirs =
                com.cloudhopper.smpp.util.DeliveryReceipt.parseShortMessage(text, DateTimeZone.UTC);

        assertThat(theirs.getMessageId()).isEqualTo("0123456789");
        assertThat(theirs.getSubmitCount()).isEqualTo(1);
        assertThat(theirs.getDeliveredCount()).isEqualTo(1);
        assertThat(theirs.getSubmitDate()).isEqualTo(new DateTime(2024, 1, 2, 15, 4, DateTimeZone.UTC));
        assertThat(theirs.getDoneDate()).isEqualTo(new DateTime(2024, 1, 2, 15, 5, DateTimeZone.UTC));
        assertThat(theirs.getState()).isEqualTo((byte) ReceiptState.DELIVRD.messageState());
        assertThat(theirs.getErrorCode()).isEqualTo(75);
        assertThat(theirs.getText()).isEqualTo("Hello World, this is");
    }

    @Test
    void weReadWhatCloudhopperWrites() {
        com.cloudhopper.smpp.util.DeliveryReceipt theirs = new com.cloudhopper.smpp.util.DeliveryReceipt(
                "0123456789", 1, 0, new DateTime(2011, 3, 3, 10, 0, DateTimeZone.UTC),
                new DateTime(2011, 3, 3, 10, 5, DateTimeZone.UTC), (byte) 5, 34, "the first twenty chr");

        DeliveryReceipt ours = parsed(ReceiptParser.parse(theirs.toShortMessage()));

        assertThat(ours.id()).isEqualTo("0123456789");
        assertThat(ours.submitted()).hasValue(1);
        assertThat(ours.delivered()).hasValue(0);
        assertThat(ours.submitDate().map(ReceiptDate::dateTime)).contains(LocalDateTime.of(2011, 3, 3, 10, 0));
        assertThat(ours.doneDate().map(ReceiptDate::dateTime)).contains(LocalDateTime.of(2011, 3, 3, 10, 5));
        assertThat(ours.state()).isEqualTo(ReceiptState.UNDELIV);
        assertThat(ours.errorCode()).hasValue(34);
        assertThat(ours.text()).contains("the first twenty chr");
    }
}
