package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmartEncodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        left single quote            | 2018 | ''''
        right double quote           | 201D | '"'
        en dash                      | 2013 | -
        em dash                      | 2014 | -
        minus sign                   | 2212 | -
        horizontal ellipsis          | 2026 | ...
        no-break space               | 00A0 | ' '
        em space                     | 2003 | ' '
        bullet                       | 2022 | -
        one half                     | 00BD | 1/2
        three quarters               | 00BE | 3/4
        fullwidth A                  | FF21 | A
        fullwidth tilde              | FF5E | ~
        zero width space             | 200B | ''
        byte order mark              | FEFF | ''
        """)
    void replacesTypographicCharacters(String caseName, String codePoint, String replacement) {
        String character = String.valueOf((char) Integer.parseInt(codePoint, 16));
        SmartEncoding.Transliteration result = SmartEncoding.transliterate("x" + character + character + "y");
        assertThat(result.text()).isEqualTo("x" + replacement + replacement + "y");
        assertThat(result.replacements())
                .containsExactly(new Replacement(Integer.parseInt(codePoint, 16), replacement, 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        plain ascii         | Hello, world!
        gsm letters         | Ærø Øl à Ñ
        emoji are not typography | ok 😀
        """)
    void leavesOtherTextAlone(String caseName, String text) {
        SmartEncoding.Transliteration result = SmartEncoding.transliterate(text);
        assertThat(result.text()).isSameAs(text);
        assertThat(result.changed()).isFalse();
    }
}
