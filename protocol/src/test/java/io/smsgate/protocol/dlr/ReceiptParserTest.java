package io.smsgate.protocol.dlr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptParserTest {

    // Columns: case | receipt text | id | sub | dlvrd | submit date | done date | stat | err | text | extra fields
    // | a problem the parser must report. An empty column means "absent".
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        EcomNet UNDELIV err:075            | id:0911897980 sub:001 dlvrd:000 submit date:1201121551 done date:1201121551 stat:UNDELIV err:075 text:-PROFILE | 0911897980 | 1 | 0 | 2012-01-12T15:51 | 2012-01-12T15:51 | UNDELIV | 075 | -PROFILE | |
        SMPPCenter 12-digit dates, long id | id:64567564356765435676 sub:001 dlvrd:001 submit date:190608165232 done date:190608165237 stat:DELIVRD err:000 text:Hello World | 64567564356765435676 | 1 | 1 | 2019-06-08T16:52:32 | 2019-06-08T16:52:37 | DELIVRD | 000 | Hello World | |
        Nexmo leading zeros, text:none     | id:0000000012345678 sub:001 dlvrd:001 submit date:1601010100 done date:1601010101 stat:DELIVRD err:000 text:none | 0000000012345678 | 1 | 1 | 2016-01-01T01:00 | 2016-01-01T01:01 | DELIVRD | 000 | | |
        Cardboardfish Text: capitalised    | id:1234567890 sub:001 dlvrd:001 submit date:1103031000 done date:1103031001 stat:DELIVRD err:000 Text:Hello there friend | 1234567890 | 1 | 1 | 2011-03-03T10:00 | 2011-03-03T10:01 | DELIVRD | 000 | Hello there friend | |
        cloudhopper 14-digit dates         | id:0123456789 sub:001 dlvrd:001 submit date:20110303100008 done date:20110303100010 stat:DELIVRD err:000 text: | 0123456789 | 1 | 1 | 2011-03-03T10:00:08 | 2011-03-03T10:00:10 | DELIVRD | 000 | | |
        upper-case keys, lower-case stat   | ID:abc123 SUB:002 DLVRD:001 SUBMIT DATE:2401021504 DONE DATE:2401021505 STAT:delivrd ERR:000 TEXT:hi | abc123 | 2 | 1 | 2024-01-02T15:04 | 2024-01-02T15:05 | DELIVRD | 000 | hi | |
        text missing                       | id:12345 sub:001 dlvrd:000 submit date:2401021504 done date:2401031504 stat:EXPIRED err:000 | 12345 | 1 | 0 | 2024-01-02T15:04 | 2024-01-03T15:04 | EXPIRED | 000 | | |
        extra fields kept in order         | id:12345 sub:001 dlvrd:000 submit date:2401021504 done date:2401021505 stat:UNDELIV err:001 mccmnc:23415 network:vodafone-uk text:Test | 12345 | 1 | 0 | 2024-01-02T15:04 | 2024-01-02T15:05 | UNDELIV | 001 | Test | mccmnc=23415;network=vodafone-uk |
        fields reordered                   | stat:DELIVRD id:987 err:000 done date:2401021505 submit date:2401021504 dlvrd:001 sub:001 text:x | 987 | 1 | 1 | 2024-01-02T15:04 | 2024-01-02T15:05 | DELIVRD | 000 | x | |
        text before stat and err           | id:55 sub:001 dlvrd:001 text:Hello there stat:DELIVRD err:000 | 55 | 1 | 1 | | | DELIVRD | 000 | Hello there | |
        text quoting a field already seen  | id:56 sub:001 dlvrd:001 submit date:2401021504 done date:2401021505 stat:DELIVRD err:000 text:Your id: 1234 ok | 56 | 1 | 1 | 2024-01-02T15:04 | 2024-01-02T15:05 | DELIVRD | 000 | Your id: 1234 ok | |
        hex id, one-digit err              | id:1A2B3C4D sub:001 dlvrd:001 submit date:2401021504 done date:2401021505 stat:DELIVRD err:0 text:ok | 1A2B3C4D | 1 | 1 | 2024-01-02T15:04 | 2024-01-02T15:05 | DELIVRD | 0 | ok | |
        four-digit network err             | id:77 sub:001 dlvrd:000 submit date:2401021504 done date:2401021505 stat:UNDELIV err:1234 text:x | 77 | 1 | 0 | 2024-01-02T15:04 | 2024-01-02T15:05 | UNDELIV | 1234 | x | |
        OpenMarket keys without space      | id:0118Z-0122I-2309U-57DGB sub:000 dlvrd:000 submitdate:180122230957 donedate:000000000000 stat:REJECTD err:375 text: | 0118Z-0122I-2309U-57DGB | 0 | 0 | 2018-01-22T23:09:57 | | REJECTD | 375 | | | done date: '000000000000'
        space after colons                 | id: 4711 sub: 001 dlvrd: 001 stat: DELIVRD err: 000 text: Hi | 4711 | 1 | 1 | | | DELIVRD | 000 | Hi | |
        empty err before a two-word key    | id:8 err: submit date:2401021504 stat:DELIVRD | 8 | | | 2024-01-02T15:04 | | DELIVRD | | | | err: empty
        minimal id and stat                | id:1 stat:DELIVRD | 1 | | | | | DELIVRD | | | |
        sub and dlvrd without padding      | id:9 sub:3 dlvrd:2 stat:ENROUTE | 9 | 3 | 2 | | | ENROUTE | | | |
        unknown stat word taken as UNKNOWN | id:10 stat:FAILED err:034 | 10 | | | | | UNKNOWN | 034 | | | stat: 'FAILED'
        invalid date dropped, rest kept   | id:11 submit date:2413311504 stat:DELIVRD | 11 | | | | | DELIVRD | | | | submit date: '2413311504'
        stray word reported                | id:12 garbage stat:DELIVRD | 12 | | | | | DELIVRD | | | | not a key:value field: 'garbage'
        repeated field keeps the first     | id:13 stat:DELIVRD stat:UNDELIV | 13 | | | | | DELIVRD | | | | stat: repeated
        """)
    void readsCarrierVariant(String caseName, String text, String id, Integer sub, Integer dlvrd, String submitDate,
            String doneDate, String stat, String err, String receiptText, String extras, String problem) {
        ReceiptParseResult result = ReceiptParser.parse(text);

        assertThat(result).isInstanceOf(ReceiptParseResult.Parsed.class);
        DeliveryReceipt receipt = ((ReceiptParseResult.Parsed) result).receipt();
        assertThat(receipt.id()).isEqualTo(id);
        assertThat(receipt.submitted()).isEqualTo(optionalInt(sub));
        assertThat(receipt.delivered()).isEqualTo(optionalInt(dlvrd));
        assertThat(receipt.submitDate().map(ReceiptDate::dateTime)).isEqualTo(dateTime(submitDate));
        assertThat(receipt.doneDate().map(ReceiptDate::dateTime)).isEqualTo(dateTime(doneDate));
        assertThat(receipt.state()).isEqualTo(ReceiptState.valueOf(stat));
        assertThat(receipt.error()).isEqualTo(Optional.ofNullable(err));
        assertThat(receipt.text()).isEqualTo(Optional.ofNullable(receiptText));
        assertThat(receipt.extraFields()).isEqualTo(fields(extras));
        assertThat(receipt.networkErrorCode()).isEmpty();
        assertThat(result.problems()).hasSize(problem == null ? 0 : 1);
        assertThat(String.join("; ", result.problems())).contains(problem == null ? "" : problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        DELIVRD       | DELIVRD
        DELIVERED     | DELIVRD
        EXPIRED       | EXPIRED
        DELETED       | DELETED
        UNDELIV       | UNDELIV
        UNDELIVERABLE | UNDELIV
        ACCEPTD       | ACCEPTD
        ACCEPTED      | ACCEPTD
        UNKNOWN       | UNKNOWN
        REJECTD       | REJECTD
        REJECTED      | REJECTD
        ENROUTE       | ENROUTE
        ACKED         | ENROUTE
        BUFFRED       | ENROUTE
        BUFFERD       | ENROUTE
        SCHEDULED     | SCHEDULED
        SKIPPED       | SKIPPED
        delivrd       | DELIVRD
        """)
    void readsStatWord(String word, ReceiptState expected) {
        DeliveryReceipt receipt = parsed(ReceiptParser.parse("id:1 stat:" + word));

        assertThat(receipt.state()).isEqualTo(expected);
    }

    @Test
    void readsFieldsSplitOverLinesAndNulTerminated() {
        // Cardboardfish prints "done" and "date:" on two lines; C SMSCs leave the terminating NUL in place.
        String text = "id:1234567890 sub:001 dlvrd:001 submit date:1103031000 done\r\ndate:1103031001"
                + " stat:DELIVRD err:000 text:Hello\0";

        DeliveryReceipt receipt = parsed(ReceiptParser.parse(text));

        assertThat(receipt.doneDate()).contains(new ReceiptDate(LocalDateTime.of(2011, 3, 3, 10, 1),
                ReceiptDate.Layout.YYMMDDHHMM));
        assertThat(receipt.text()).contains("Hello");
    }

    @Test
    void keepsTheLayoutOfEachDate() {
        DeliveryReceipt receipt = parsed(ReceiptParser.parse(
                "id:1 submit date:1906081652 done date:190608165237 stat:DELIVRD"));

        assertThat(receipt.submitDate().map(ReceiptDate::layout)).contains(ReceiptDate.Layout.YYMMDDHHMM);
        assertThat(receipt.doneDate().map(ReceiptDate::layout)).contains(ReceiptDate.Layout.YYMMDDHHMMSS);
        assertThat(receipt.doneDate().map(ReceiptDate::digits)).contains("190608165237");
    }

    @Test
    void cutsLongTextAndSaysSo() {
        ReceiptParseResult result = ReceiptParser.parse("id:1 stat:DELIVRD text:" + "x".repeat(1000));

        assertThat(parsed(result).text()).contains("x".repeat(ReceiptText.MAX_TEXT_LENGTH));
        assertThat(result.problems()).containsExactly("text: 1000 characters (kept the first 255)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty                    | ''                                   | receipt text: empty
        blanks only              | '   '                                | no key:value fields
        prose                    | Your message was delivered           | no key:value fields
        no stat                  | id:123 sub:001 dlvrd:001             | stat: missing
        no id                    | sub:001 dlvrd:001 stat:DELIVRD       | id: missing
        empty id                 | id: sub:001 stat:DELIVRD             | id: empty
        id over 64 characters    | id:12345678901234567890123456789012345678901234567890123456789012345 stat:DELIVRD | id: 65 characters (expected: at most 64)
        empty stat               | id:5 stat: err:000                   | stat: empty
        colons only              | ':::::'                              | field without a key
        """)
    void reportsUnusableReceipt(String caseName, String text, String problem) {
        ReceiptParseResult result = ReceiptParser.parse(text);

        assertThat(result).isInstanceOf(ReceiptParseResult.Unparsed.class);
        assertThat(((ReceiptParseResult.Unparsed) result).reason()).contains(problem);
    }

    @Test
    void keepsTheIdOfAReceiptWithoutState() {
        ReceiptParseResult result = ReceiptParser.parse("id:123 sub:001");

        assertThat(result).isEqualTo(new ReceiptParseResult.Unparsed(Optional.of("123"),
                List.of("stat: missing (no message_state and no readable stat: field)")));
    }

    @Test
    void boundsTheProblemsOfHostileText() {
        ReceiptParseResult result = ReceiptParser.parse("junk ".repeat(100_000) + ":x ".repeat(100_000));

        assertThat(result).isInstanceOf(ReceiptParseResult.Unparsed.class);
        assertThat(result.problems()).hasSizeLessThanOrEqualTo(ReceiptText.MAX_PROBLEMS + 3);
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).matches("and \\d+ more problems"));
        assertThat(String.join("", result.problems()).length()).isLessThan(2_000);
    }

    @Test
    void boundsTheExtraFieldsKept() {
        StringBuilder text = new StringBuilder("id:1 stat:DELIVRD");
        for (int i = 0; i < 100; i++) {
            text.append(" f").append(i).append(":v");
        }

        ReceiptParseResult result = ReceiptParser.parse(text);

        assertThat(parsed(result).extraFields()).hasSize(ReceiptText.MAX_EXTRA_FIELDS);
        assertThat(result.problems()).isNotEmpty();
    }

    static DeliveryReceipt parsed(ReceiptParseResult result) {
        assertThat(result).isInstanceOf(ReceiptParseResult.Parsed.class);
        return ((ReceiptParseResult.Parsed) result).receipt();
    }

    private static OptionalInt optionalInt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static Optional<LocalDateTime> dateTime(String iso) {
        return Optional.ofNullable(iso).map(LocalDateTime::parse);
    }

    private static List<ReceiptField> fields(String pairs) {
        List<ReceiptField> fields = new ArrayList<>();
        for (String pair : pairs == null ? new String[0] : pairs.split(";")) {
            String[] keyValue = pair.split("=", 2);
            fields.add(new ReceiptField(keyValue[0], keyValue[1]));
        }
        return fields;
    }
}
