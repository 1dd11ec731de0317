package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EncodingChooserTest {

    private static final SegmentOptions SEGMENTS = SegmentOptions.DEFAULTS;

    @Test
    void choosesTheGsmDefaultAlphabetWhenItCanWriteTheText() {
        EncodingChoice choice = EncodingChooser.choose("Hello {world} €5", EncodingOptions.DEFAULTS, SEGMENTS)
                .orElseThrow();
        assertThat(choice.alphabet()).isEqualTo(Gsm7.DEFAULT);
        assertThat(choice.segments()).isEqualTo(1);
    }

    @Test
    void fallsBackToUcs2ForAnEmoji() {
        EncodingChoice choice = EncodingChooser.choose("Hi 😀", EncodingOptions.DEFAULTS, SEGMENTS).orElseThrow();
        assertThat(choice.encoding()).isEqualTo(TextEncoding.UCS2);
    }

    @Test
    void usesTheSpanishSingleShiftWhenAllowed() {
        EncodingOptions spanish = EncodingOptions.DEFAULTS.withNationalLanguages(Set.of(), Set.of(NationalLanguage.SPANISH));
        EncodingChoice choice = EncodingChooser.choose("Buenos días", spanish, SEGMENTS).orElseThrow();
        assertThat(choice.alphabet()).isEqualTo(Gsm7.of(NationalLanguage.DEFAULT, NationalLanguage.SPANISH));
        assertThat(EncodingChooser.choose("Buenos días", EncodingOptions.DEFAULTS, SEGMENTS).orElseThrow().encoding())
                .isEqualTo(TextEncoding.UCS2);
    }

    @Test
    void picksTheTurkishLockingShiftWhenItSavesSegments() {
        String text = "ğüşıöç".repeat(25); // 150 characters, all in the Turkish locking table
        EncodingOptions turkish = EncodingOptions.DEFAULTS.withNationalLanguages(
                Set.of(NationalLanguage.TURKISH), Set.of(NationalLanguage.TURKISH));
        EncodingChoice choice = EncodingChooser.choose(text, turkish, SEGMENTS).orElseThrow();
        assertThat(choice.alphabet()).isEqualTo(Gsm7.of(NationalLanguage.TURKISH, NationalLanguage.DEFAULT));
        assertThat(choice.segments()).isEqualTo(1);
    }

    @Test
    void prefersLatin1OverUcs2WhenTheCarrierTakesIt() {
        EncodingChoice choice = EncodingChooser.choose("Grüße, ça va? " + "x".repeat(60),
                EncodingOptions.DEFAULTS.withLatin1(true), SEGMENTS).orElseThrow();
        assertThat(choice.encoding()).isEqualTo(TextEncoding.LATIN1);
        assertThat(choice.segments()).isEqualTo(1);
    }

    @Test
    void transliteratesOnlyWhenTheWholeTextBecomesGsm7() {
        EncodingOptions smart = EncodingOptions.DEFAULTS.withSmartEncoding(true);
        EncodingChoice choice = EncodingChooser.choose("“Hi” — it’s… ½ done", smart, SEGMENTS).orElseThrow();
        assertThat(choice.alphabet()).isEqualTo(Gsm7.DEFAULT);
        assertThat(choice.text()).isEqualTo("\"Hi\" - it's... 1/2 done");
        assertThat(choice.replacements()).containsExactly(
                new Replacement(0x201C, "\"", 1), new Replacement(0x201D, "\"", 1),
                new Replacement(0x2014, "-", 1), new Replacement(0x2019, "'", 1),
                new Replacement(0x2026, "...", 1), new Replacement(0x00BD, "1/2", 1));

        EncodingChoice withEmoji = EncodingChooser.choose("“Hi” 😀", smart, SEGMENTS).orElseThrow();
        assertThat(withEmoji.encoding()).isEqualTo(TextEncoding.UCS2);
        assertThat(withEmoji.text()).isEqualTo("“Hi” 😀");
        assertThat(withEmoji.replacements()).isEmpty();
    }

    @Test
    void answersNothingWhenNoAllowedAlphabetCanWriteTheText() {
        EncodingOptions gsmOnly = new EncodingOptions(Set.of(), Set.of(), false, false, true);
        assertThat(EncodingChooser.choose("日本", gsmOnly, SEGMENTS)).isEmpty();
    }

    @Test
    void previewsSegmentsAndRoomLeft() {
        SegmentPreview preview = SegmentPreview.of("a".repeat(200), EncodingOptions.DEFAULTS, SEGMENTS).orElseThrow();
        assertThat(preview).isEqualTo(new SegmentPreview(TextEncoding.GSM7, NationalLanguage.DEFAULT,
                NationalLanguage.DEFAULT, 2, 200, 153, 106, java.util.List.of()));
        SegmentPreview smart = SegmentPreview.of("it’s", EncodingOptions.DEFAULTS.withSmartEncoding(true), SEGMENTS)
                .orElseThrow();
        assertThat(smart.segments()).isEqualTo(1);
        assertThat(smart.unitsLeftInLastSegment()).isEqualTo(156);
        assertThat(smart.replacements()).containsExactly(new Replacement(0x2019, "'", 1));
    }
}
