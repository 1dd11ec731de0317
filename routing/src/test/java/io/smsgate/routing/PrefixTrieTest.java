package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrefixTrieTest {
    private final List<String> prefixes = List.of("1", "44", "447", "4477", "447700900", "49");
    private final PrefixTrie trie = PrefixTrieProperties.trie(prefixes.stream().sorted().toList());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        country code only         | 4420 7946 0000 | 44
        mobile range              | 447911123456   | 447
        longer network prefix     | 447712345678   | 4477
        nine-digit prefix         | 447700900123   | 447700900
        exactly a prefix          | 447            | 447
        one-digit country code    | 12125550100    | 1
        no prefix                 | 33123456789    | <none>
        """)
    void findsTheLongestPrefix(String caseName, String number, String expected) {
        int value = trie.longestMatch(number.replace(" ", ""));
        List<String> sorted = prefixes.stream().sorted().toList();
        assertThat(value < 0 ? "<none>" : sorted.get(value)).isEqualTo(expected);
    }

    @Test
    void emptyTrieMatchesNothing() {
        assertThat(PrefixTrie.empty().longestMatch("44")).isEqualTo(PrefixTrie.NO_MATCH);
        assertThat(PrefixTrie.build(new long[0]).longestMatch("44")).isEqualTo(PrefixTrie.NO_MATCH);
    }

    @Test
    void emptyPrefixMatchesEveryNumber() {
        PrefixTrie all = PrefixTrie.build(new long[] {Digits.key("")});
        assertThat(all.longestMatch("33123")).isZero();
    }

    @Test
    void keysOrderLikeDigitStrings() {
        assertThat(Digits.key("4")).isLessThan(Digits.key("44")).isLessThan(Digits.key("440")).isLessThan(Digits.key("45"));
        assertThat(Digits.key("0")).isLessThan(Digits.key("00")).isLessThan(Digits.key("1"));
        assertThat(Digits.keyToString(Digits.key("0044"))).isEqualTo("0044");
    }

    @Test
    void refusesUnsortedKeys() {
        assertThatThrownBy(() -> PrefixTrie.build(new long[] {Digits.key("45"), Digits.key("44")}))
                .hasMessageContaining("not strictly ascending");
    }
}
