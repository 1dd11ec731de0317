package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmenterTest {

    private static final ReferenceGenerator REFERENCE_42 = width -> 0x2a;
    private static final SegmentOptions UDH8 = SegmentOptions.DEFAULTS;
    private static final SegmentOptions UDH16 = UDH8.withReferenceWidth(ReferenceWidth.BITS_16);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        GSM-7 160 fits one                | GSM7  | BITS_8  | 160 | 1 | 160
        GSM-7 161 takes two               | GSM7  | BITS_8  | 161 | 2 | 153
        GSM-7 153*2 takes two             | GSM7  | BITS_8  | 306 | 2 | 153
        GSM-7 153*2+1 takes three         | GSM7  | BITS_8  | 307 | 3 | 153
        GSM-7 16-bit ref 152*2            | GSM7  | BITS_16 | 304 | 2 | 152
        GSM-7 16-bit ref 152*2+1          | GSM7  | BITS_16 | 305 | 3 | 152
        UCS-2 70 fits one                 | UCS2  | BITS_8  | 70  | 1 | 70
        UCS-2 71 takes two                | UCS2  | BITS_8  | 71  | 2 | 67
        UCS-2 67*2 takes two              | UCS2  | BITS_8  | 134 | 2 | 67
        UCS-2 67*2+1 takes three          | UCS2  | BITS_8  | 135 | 3 | 67
        UCS-2 16-bit ref 66*2+1           | UCS2  | BITS_16 | 133 | 3 | 66
        Latin-1 140 fits one              | LATIN1| BITS_8  | 140 | 1 | 140
        Latin-1 141 takes two             | LATIN1| BITS_8  | 141 | 2 | 134
        """)
    void respectsSegmentLimitsExactly(String caseName, TextEncoding encoding, ReferenceWidth width, int length,
            int segments, int firstPartUnits) {
        SmsAlphabet alphabet = switch (encoding) {
            case GSM7 -> Gsm7.DEFAULT;
            case UCS2 -> Ucs2.INSTANCE;
            case LATIN1 -> Latin1.INSTANCE;
            case BINARY -> throw new IllegalArgumentException(caseName);
        };
        String text = "a".repeat(length);
        List<Segment> parts = segmented(text, alphabet, UDH8.withReferenceWidth(width)).segments();
        assertThat(parts).hasSize(segments);
        assertThat(parts.get(0).units()).isEqualTo(firstPartUnits);
        assertThat(Segmenter.segmentCount(text, alphabet, UDH8.withReferenceWidth(width))).isEqualTo(segments);
        for (Segment part : parts) {
            int octets = encoding == TextEncoding.UCS2 ? part.units() * 2 : part.units();
            assertThat(part.userData().length()).isEqualTo(part.udhLength() + octets);
        }
    }

    @Test
    void writesTheEightBitReferenceConcatenationIe() {
        List<Segment> parts = segmented("a".repeat(161), Gsm7.DEFAULT, UDH8).segments();
        // UDHL 05, IEI 00, IEDL 03, reference 2a, total 02, sequence 01/02; then unpacked septets
        assertThat(parts.get(0).userData().slice(0, 7)).isEqualTo(OctetString.fromHex("05 00 03 2a 02 01 61"));
        assertThat(parts.get(1).userData()).isEqualTo(OctetString.fromHex("05 00 03 2a 02 02 " + "61".repeat(8)));
        assertThat(parts.get(0).udhi()).isTrue();
        assertThat(parts.get(0).userData().length()).isEqualTo(6 + 153);
    }

    @Test
    void writesTheSixteenBitReferenceConcatenationIe() {
        List<Segment> parts = segmented("a".repeat(161), Gsm7.DEFAULT, UDH16, width -> 0x1234).segments();
        assertThat(parts.get(0).units()).isEqualTo(152);
        assertThat(parts.get(1).userData()).isEqualTo(OctetString.fromHex("06 08 04 12 34 02 02 " + "61".repeat(9)));
    }

    @Test
    void padsThePackedHeaderToASeptetBoundaryAndFillsExactly140Octets() {
        SegmentOptions packed = UDH8.withPacking(SegmentOptions.Gsm7Packing.PACKED);
        List<Segment> parts = segmented("hello".repeat(62), Gsm7.DEFAULT, packed).segments();
        assertThat(parts).hasSize(3);
        Segment first = parts.get(0);
        assertThat(first.units()).isEqualTo(153);
        assertThat(first.userData().length()).isEqualTo(140);
        // After the 6-octet UDH comes 1 fill bit, then 'h' (0x68) from bit 1: 0x68 << 1 = 0xd0.
        assertThat(first.userData().slice(0, 7)).isEqualTo(OctetString.fromHex("05 00 03 2a 03 01 d0"));
        UserDataHeader.Parsed udh = (UserDataHeader.Parsed) UserDataHeader.parse(first.userData());
        OctetString septets = Gsm7.unpack(first.userData(), udh.length(), UserDataHeader.fillBits(udh.length()), 153);
        assertThat(Gsm7.DEFAULT.decode(septets)).isEqualTo("hello".repeat(62).substring(0, 153));
    }

    @Test
    void keepsAnExtensionCharacterWholeAtThePartBoundary() {
        // 152 septets, then € (1B 65) would take septets 153 and 154: it moves to part two.
        String text = "a".repeat(152) + "€" + "b".repeat(10);
        List<Segment> parts = segmented(text, Gsm7.DEFAULT, UDH8).segments();
        assertThat(parts.get(0).units()).isEqualTo(152);
        assertThat(parts.get(1).userData().slice(6, 8)).isEqualTo(OctetString.fromHex("1b 65"));
        assertThat(parts.get(1).units()).isEqualTo(12);
    }

    @Test
    void countsExtensionCharactersTowardsTheSingleMessageLimit() {
        assertThat(Segmenter.segmentCount("a".repeat(158) + "€", Gsm7.DEFAULT, UDH8)).isEqualTo(1);
        assertThat(Segmenter.segmentCount("a".repeat(159) + "€", Gsm7.DEFAULT, UDH8)).isEqualTo(2);
    }

    @Test
    void unpackedSegmentsAreStillLimitedBySeptets() {
        Segment first = segmented("x".repeat(400), Gsm7.DEFAULT, UDH8).segments().get(0);
        assertThat(first.units()).isEqualTo(153);
        assertThat(first.userData().length()).isEqualTo(159);
    }

    @Test
    void neverSplitsAnEmojiAcrossParts() {
        // 66 units, then U+1F600 (two units) would straddle units 67 and 68.
        String text = "a".repeat(66) + "\uD83D\uDE00" + "b".repeat(10);
        List<Segment> parts = segmented(text, Ucs2.INSTANCE, UDH8).segments();
        assertThat(parts.get(0).units()).isEqualTo(66);
        assertThat(parts.get(1).userData().slice(6, 10)).isEqualTo(OctetString.fromHex("d83d de00"));
    }

    @Test
    void keepsAFlagAndASkinToneSequenceInOnePart() {
        String flag = "\uD83C\uDDEB\uD83C\uDDF7"; // regional indicators F, R
        String thumbs = "\uD83D\uDC4D\uD83C\uDFFD"; // thumbs up, medium skin tone
        List<Segment> flagParts = segmented("a".repeat(65) + flag + "b".repeat(10), Ucs2.INSTANCE, UDH8).segments();
        assertThat(flagParts.get(0).units()).isEqualTo(65);
        List<Segment> toneParts = segmented("a".repeat(64) + thumbs + "b".repeat(10), Ucs2.INSTANCE, UDH8)
                .segments();
        assertThat(toneParts.get(0).units()).isEqualTo(64);
    }

    @Test
    void splitsTwoFlagsBetweenThemNotInside() {
        String flags = "\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDE9\uD83C\uDDEA"; // FR DE
        List<Segment> parts = segmented("a".repeat(61) + flags + "b".repeat(10), Ucs2.INSTANCE, UDH8).segments();
        assertThat(parts.get(0).units()).isEqualTo(65);
    }

    @Test
    void cutsAClusterLongerThanAPartAtACodePoint() {
        String family = "\uD83D\uDC68\u200D".repeat(40); // one ZWJ run of 120 units, no cluster boundary
        List<Segment> parts = segmented(family, Ucs2.INSTANCE, UDH8).segments();
        // Unit 67 would end inside the 23rd surrogate pair, so the part ends one unit earlier.
        assertThat(parts.get(0).units()).isEqualTo(66);
        String first = Ucs2.INSTANCE.decode(parts.get(0).userData().slice(6, parts.get(0).userData().length()));
        assertThat(first).isEqualTo(family.substring(0, 66));
    }

    @Test
    void carriesSarParametersWithoutAUdh() {
        SegmentOptions sar = UDH8.withConcatenation(SegmentOptions.Concatenation.SAR);
        List<Segment> parts = segmented("a".repeat(200), Gsm7.DEFAULT, sar).segments();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).udhi()).isFalse();
        assertThat(parts.get(0).userData().length()).isEqualTo(153);
        assertThat(parts.get(0).sar()).contains(new SarParameters(0x2a, 2, 1));
        assertThat(parts.get(1).sar()).contains(new SarParameters(0x2a, 2, 2));
    }

    @Test
    void keepsOneMessagePayload() {
        SegmentOptions payload = UDH8.withConcatenation(SegmentOptions.Concatenation.MESSAGE_PAYLOAD);
        List<Segment> parts = segmented("a".repeat(1000), Gsm7.DEFAULT, payload).segments();
        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.userData().length()).isEqualTo(1000);
            assertThat(part.sar()).isEmpty();
        });
    }

    @Test
    void announcesNationalShiftTablesInEveryPart() {
        Gsm7 spanish = Gsm7.of(NationalLanguage.DEFAULT, NationalLanguage.SPANISH);
        // UDHL 03, IEI 24 IEDL 01 Spanish: 4 octets = 5 septets with the fill, 155 left.
        Segment single = segmented("Buenos días", spanish, UDH8).segments().get(0);
        assertThat(single.userData()).isEqualTo(OctetString.fromHex("03 24 01 02 42 75 65 6e 6f 73 20 64 1b69 61 73"));
        assertThat(Segmenter.segmentCount("a".repeat(155), spanish, UDH8)).isEqualTo(1);
        assertThat(Segmenter.segmentCount("a".repeat(156), spanish, UDH8)).isEqualTo(2);
        // With concatenation: UDHL 08 = 9 octets = 11 septets, 149 left.
        List<Segment> parts = segmented("a".repeat(298), spanish, UDH8).segments();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).units()).isEqualTo(149);
        assertThat(parts.get(0).userData().slice(0, 9)).isEqualTo(OctetString.fromHex("08 24 01 02 00 03 2a 02 01"));
    }

    @Test
    void refusesATextThatNeedsMoreThan255Parts() {
        Segmentation refused = Segmenter.segment("a".repeat(153 * 255 + 1), Gsm7.DEFAULT, UDH8, REFERENCE_42);
        assertThat(refused).isInstanceOf(Segmentation.Refused.class);
        assertThat(((Segmentation.Refused) refused).reason())
                .isEqualTo("text: 39016 septets need more than 255 segments of 153 (expected: <= 255 segments)");
        assertThat(Segmenter.segment("a".repeat(153 * 255), Gsm7.DEFAULT, UDH8, REFERENCE_42))
                .isInstanceOf(Segmentation.Segmented.class);
    }

    @Test
    void refusesTextTheAlphabetCannotWrite() {
        assertThat(Segmenter.segment("ok 😀", Gsm7.DEFAULT, UDH8, REFERENCE_42)).isEqualTo(new Segmentation.Refused(
                "text: U+1F600 at index 3 (expected: a character of Gsm7[lockingShift=DEFAULT, singleShift=DEFAULT])"));
    }

    @ParameterizedTest(name = "{0} octets -> {1} parts")
    @CsvSource({"140, 1", "141, 2", "268, 2", "269, 3"})
    void segmentsBinaryData(int length, int parts) {
        Segmentation.Segmented segmented = (Segmentation.Segmented) Segmenter.segmentBinary(
                OctetString.wrap(new byte[length]), UDH8, REFERENCE_42);
        assertThat(segmented.segments()).hasSize(parts);
        assertThat(segmented.segments()).allSatisfy(part -> assertThat(part.userData().length()).isLessThanOrEqualTo(140));
    }

    @Test
    void asksForAReferenceOnlyWhenThereAreSeveralParts() {
        int[] asked = new int[1];
        ReferenceGenerator counting = width -> ++asked[0];
        segmented("short", Gsm7.DEFAULT, UDH8, counting);
        assertThat(asked[0]).isZero();
        segmented("a".repeat(161), Gsm7.DEFAULT, UDH8, counting);
        assertThat(asked[0]).isEqualTo(1);
    }

    static Segmentation.Segmented segmented(String text, SmsAlphabet alphabet, SegmentOptions options) {
        return segmented(text, alphabet, options, REFERENCE_42);
    }

    static Segmentation.Segmented segmented(String text, SmsAlphabet alphabet, SegmentOptions options,
            ReferenceGenerator references) {
        Segmentation segmentation = Segmenter.segment(text, alphabet, options, references);
        assertThat(segmentation).isInstanceOf(Segmentation.Segmented.class);
        return (Segmentation.Segmented) segmentation;
    }
}
