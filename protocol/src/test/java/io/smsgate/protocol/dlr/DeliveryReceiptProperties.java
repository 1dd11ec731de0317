package io.smsgate.protocol.dlr;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class DeliveryReceiptProperties {

    /** Everything a parse may add to the scanner's bounded problems when no TLVs are given. */
    private static final int MAX_PROBLEMS_WITHOUT_TLVS = ReceiptText.MAX_PROBLEMS + 1 + 3;

    @Property
    void parseReadsBackWhatFormatWrote(@ForAll("formatsAndReceipts") FormatAndReceipt example) {
        String text = example.format().format(example.receipt());

        ReceiptParseResult result = ReceiptParser.parse(text);

        assertThat(result).isEqualTo(new ReceiptParseResult.Parsed(example.receipt(), List.of()));
    }

    @Property
    void parseNeverThrowsOnArbitraryText(@ForAll @StringLength(max = 400) String text) {
        ReceiptParseResult result = ReceiptParser.parse(text);

        assertThat(result.problems()).hasSizeLessThanOrEqualTo(MAX_PROBLEMS_WITHOUT_TLVS);
    }

    @Property
    void parseNeverThrowsOnReceiptLikeText(@ForAll("receiptLikeText") String text) {
        ReceiptParseResult result = ReceiptParser.parse(text);

        assertThat(result.problems()).hasSizeLessThanOrEqualTo(MAX_PROBLEMS_WITHOUT_TLVS);
    }

    @Property
    void parseNeverThrowsOnArbitraryOctetsAndTlvs(@ForAll byte[] shortMessage, @ForAll byte[] payload,
            @ForAll Optional<@StringLength(max = 80) String> receiptedMessageId,
            @ForAll @IntRange(min = -2, max = 300) int messageState) {
        ReceiptTlvs tlvs = new ReceiptTlvs(receiptedMessageId, OptionalInt.of(messageState), Optional.empty());

        ReceiptParseResult result = ReceiptParser.parse(tlvs, OctetString.of(shortMessage), OctetString.of(payload));

        assertThat(result).isNotNull();
    }

    @Property
    void hexAndDecimalOfTheSameNumberShareAKey(@ForAll("ids") BigInteger id, @ForAll @IntRange(max = 6) int zeros,
            @ForAll boolean upperCase) {
        String hex = "0".repeat(zeros) + id.toString(16);
        String decimal = "0".repeat(zeros) + id;

        CorrelationKey fromHex = MessageIdFormat.HEX.canonical(upperCase ? hex.toUpperCase(Locale.ROOT) : hex);

        assertThat(fromHex).isEqualTo(MessageIdFormat.DECIMAL.canonical(decimal))
                .isEqualTo(new CorrelationKey.Canonical(id.toString()));
    }

    /** Up to 55 decimal digits: with 6 leading zeros still within the 64 characters of an id. */
    @Provide
    Arbitrary<BigInteger> ids() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(55).map(BigInteger::new);
    }

    @Provide
    Arbitrary<FormatAndReceipt> formatsAndReceipts() {
        Arbitrary<ReceiptFormat> formats = Combinators.combine(
                Arbitraries.of(ReceiptDate.Layout.class),
                Arbitraries.integers().between(1, ReceiptText.MAX_TEXT_LENGTH),
                Arbitraries.of("text", "Text")).as(ReceiptFormat::new);
        StringArbitrary words = Arbitraries.strings().withCharRange('!', '~').withChars('é', 'ß', '€');
        Arbitrary<String> id = words.ofMinLength(1).ofMaxLength(DeliveryReceipt.MAX_ID_LENGTH);
        Arbitrary<Optional<Integer>> count = Arbitraries.integers().between(0, 999_999_999).optional(0.8);
        Arbitrary<Optional<LocalDateTime>> date = Combinators.combine(
                Arbitraries.integers().between(0, 36_524),
                Arbitraries.integers().between(0, 24 * 3600 - 1))
                .as((day, second) -> LocalDateTime.of(2000, 1, 1, 0, 0).plusDays(day).plusSeconds(second))
                .optional(0.8);
        Arbitrary<Optional<String>> err = words.ofMinLength(1).ofMaxLength(ReceiptText.MAX_ERR_LENGTH).optional(0.8);
        Arbitrary<Optional<String>> text = Arbitraries.strings().alpha().numeric().withChars(" .,!?-'()é€")
                .ofMinLength(1).ofMaxLength(40)
                .filter(t -> !t.isBlank() && t.strip().equals(t) && !t.equalsIgnoreCase("none"))
                .optional(0.8);
        Arbitrary<ReceiptField> field = Combinators.combine(
                Arbitraries.strings().alpha().withChars('-', '_').ofMinLength(1).ofMaxLength(ReceiptText.MAX_KEY_LENGTH)
                        .filter(key -> ReceiptText.Key.of(key, 0, key.length()).isEmpty()),
                words.ofMaxLength(ReceiptText.MAX_VALUE_LENGTH)).as(ReceiptField::new);
        return Combinators.combine(formats, id, count.list().ofSize(2), date.list().ofSize(2),
                Arbitraries.of(ReceiptState.class), err, text, field.list().ofMaxSize(4))
                .as((format, i, counts, dates, state, e, t, extras) -> {
                    ReceiptFormat fitting = t.isPresent() && t.get().length() > format.textLength()
                            ? new ReceiptFormat(format.dateLayout(), t.get().length(), format.textKey())
                            : format;
                    DeliveryReceipt receipt = new DeliveryReceipt(i, optionalInt(counts.get(0)),
                            optionalInt(counts.get(1)), dates.get(0).map(d -> date(d, format.dateLayout())),
                            dates.get(1).map(d -> date(d, format.dateLayout())), state, e, Optional.empty(), t,
                            extras);
                    return new FormatAndReceipt(fitting, receipt);
                });
    }

    private static OptionalInt optionalInt(Optional<Integer> value) {
        return value.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** {@code dateTime} as a date in {@code layout}, which keeps no seconds in the specification's layout. */
    private static ReceiptDate date(LocalDateTime dateTime, ReceiptDate.Layout layout) {
        return new ReceiptDate(layout == ReceiptDate.Layout.YYMMDDHHMM ? dateTime.withSecond(0) : dateTime, layout);
    }

    @Provide
    Arbitrary<String> receiptLikeText() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("id:", "sub:", "dlvrd:", "submit", "date:", "done", "submit date:", "done date:",
                        "stat:", "err:", "text:", "Text:", "TEXT :", ":", "none", "DELIVRD", "ACKED", "\0", "\r\n",
                        "  ", "000000000000", "2401021504", "20110303100008", "\uD83D", "\uDE00"),
                Arbitraries.strings().numeric().ofMaxLength(16),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12));
        return token.list().ofMaxSize(40).map(tokens -> String.join(" ", tokens));
    }

    record FormatAndReceipt(ReceiptFormat format, DeliveryReceipt receipt) {
    }
}
