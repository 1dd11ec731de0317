package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class UserDataHeaderProperties {

    @Property(tries = 5000)
    void parsingAnyOctetsAnswersAValueAndNeverThrows(@ForAll @Size(max = 300) byte[] userData) {
        UserDataHeader.Parse parse = UserDataHeader.parse(OctetString.of(userData));
        if (parse instanceof UserDataHeader.Parsed parsed) {
            assertThat(parsed.length()).isBetween(1, userData.length);
        } else {
            assertThat(((UserDataHeader.Malformed) parse).reason()).isNotBlank();
        }
    }

    @Property
    void parsingAnEncodedHeaderGivesItsElementsBack(@ForAll("elements") List<InformationElement> elements) {
        OctetString encoded = UserDataHeader.encode(elements);
        UserDataHeader.Parsed parsed = (UserDataHeader.Parsed) UserDataHeader.parse(encoded.concat(OctetString.ascii("body")));
        assertThat(parsed.header().elements()).isEqualTo(elements);
        assertThat(parsed.length()).isEqualTo(encoded.length());
    }

    @Property
    void decodingAnySeptetsNeverThrows(@ForAll @Size(max = 300) byte[] septets) {
        for (NationalLanguage language : List.of(NationalLanguage.DEFAULT, NationalLanguage.TURKISH,
                NationalLanguage.PORTUGUESE)) {
            Gsm7 alphabet = Gsm7.of(language, language);
            assertThat(alphabet.decode(OctetString.of(septets)).length()).isLessThanOrEqualTo(septets.length);
            assertThat(alphabet.decodePacked(OctetString.of(septets))).isNotNull();
        }
        assertThat(Ucs2.INSTANCE.decode(OctetString.of(septets)).length()).isEqualTo((septets.length + 1) / 2);
    }

    @Provide
    Arbitrary<List<InformationElement>> elements() {
        Arbitrary<InformationElement> element = Combinators.combine(
                Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(OctetString::of))
                .as(InformationElement::new);
        return element.list().ofMaxSize(10);
    }
}
