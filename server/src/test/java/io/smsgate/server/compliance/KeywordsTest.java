package io.smsgate.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordsTest {

    private static final KeywordSet SPANISH = new KeywordSet(List.of("BAJA", "STOP"), List.of(), List.of("ALTA"),
            List.of("AYUDA"), "Baja confirmada.", "", "Responda BAJA para darse de baja.");

    private final Keywords keywords = new Keywords(languages());

    private static Map<String, KeywordSet> languages() {
        Map<String, KeywordSet> languages = new LinkedHashMap<>();
        languages.put("en", KeywordSet.ENGLISH);
        languages.put("es", SPANISH);
        return languages;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        plain                    | STOP              | STOP     | en
        lower case               | stop              | STOP     | en
        mixed case, padded       | "  Stop  "        | STOP     | en
        trailing full stop       | Stop.             | STOP     | en
        exclamation marks        | STOP!!            | STOP     | en
        quoted                   | «stop»            | STOP     | en
        full-width letters       | ＳＴＯＰ          | STOP     | en
        unsubscribe              | unsubscribe       | STOP     | en
        cancel                   | Cancel            | STOP     | en
        end                      | end               | STOP     | en
        quit                     | QUIT              | STOP     | en
        stopall                  | StopAll           | STOP_ALL | en
        start                    | start             | START    | en
        unstop                   | UNSTOP            | START    | en
        help                     | help?             | HELP     | en
        spanish stop             | baja              | STOP     | es
        spanish start            | Alta              | START    | es
        spanish help             | AYUDA             | HELP     | es
        shared word, first wins  | stop              | STOP     | en
        """)
    void recognisesAWholeMessageKeyword(String caseName, String text, Keywords.Action action, String language) {
        Optional<Keywords.Match> match = keywords.match(text);
        assertThat(match).map(Keywords.Match::action).contains(action);
        assertThat(match).map(Keywords.Match::language).contains(language);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        a sentence                | Please stop sending these
        keyword and more          | STOP 123
        two keywords              | STOP STOP
        keyword inside a word     | STOPPED
        empty                     | ""
        only punctuation          | "?!."
        joined without space      | STOPNOW
        """)
    void ignoresAnythingButAWholeKeyword(String caseName, String text) {
        assertThat(keywords.match(text)).isEmpty();
    }

    @Test
    void ignoresAVeryLongMessageWithoutNormalisingIt() {
        assertThat(keywords.match("STOP" + " ".repeat(10_000))).isEmpty();
    }

    @Test
    void repliesInTheKeywordsLanguageAndAnEmptyReplySendsNone() {
        assertThat(keywords.match("ayuda").flatMap(Keywords.Match::reply))
                .contains("Responda BAJA para darse de baja.");
        assertThat(keywords.match("stopall").flatMap(Keywords.Match::reply)).contains(KeywordSet.ENGLISH.stopReply());
        assertThat(keywords.match("alta").flatMap(Keywords.Match::reply)).isEmpty();
    }
}
