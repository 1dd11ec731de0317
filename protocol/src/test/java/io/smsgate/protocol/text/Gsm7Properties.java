package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Gsm7Properties {

    /** An alphabet and a text written only in its characters. */
    record Written(Gsm7 alphabet, String text) {
    }

    @Property
    void decodingTheUnpackedSeptetsGivesTheTextBack(@ForAll("texts") Written written) {
        assertThat(written.alphabet().decode(written.alphabet().encode(written.text()))).isEqualTo(written.text());
    }

    @Property
    void decodingThePackedSeptetsGivesTheTextBack(@ForAll("texts") Written written) {
        Gsm7 alphabet = written.alphabet();
        int septets = alphabet.unitCount(written.text());
        assertThat(alphabet.decodePacked(alphabet.encodePacked(written.text()), septets)).isEqualTo(written.text());
        assertThat(Gsm7.unpack(Gsm7.pack(alphabet.encode(written.text())), septets))
                .isEqualTo(alphabet.encode(written.text()));
    }

    @Property
    void packingTakesSevenEighthsOfTheSeptets(@ForAll("texts") Written written) {
        int septets = written.alphabet().unitCount(written.text());
        assertThat(written.alphabet().encodePacked(written.text()).length()).isEqualTo((septets * 7 + 7) / 8);
    }

    @Provide
    Arbitrary<Written> texts() {
        List<Gsm7> alphabets = new ArrayList<>();
        for (NationalLanguage locking : NationalLanguage.values()) {
            for (NationalLanguage single : NationalLanguage.values()) {
                if (locking.hasLockingShift()) {
                    alphabets.add(Gsm7.of(locking, single));
                }
            }
        }
        return Arbitraries.of(alphabets).flatMap(alphabet -> Combinators.combine(
                Arbitraries.just(alphabet),
                Arbitraries.strings().withChars(characters(alphabet)).ofMaxLength(400)).as(Written::new));
    }

    static char[] characters(Gsm7 alphabet) {
        StringBuilder characters = new StringBuilder();
        for (char c = 0; c < 0x2300; c++) {
            if (alphabet.canEncode(c)) {
                characters.append(c);
            }
        }
        return characters.toString().toCharArray();
    }
}
