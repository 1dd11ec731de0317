package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class PrefixTrieProperties {

    @Property(tries = 300)
    void longestMatchEqualsNaiveScan(@ForAll("prefixSets") Set<String> prefixes,
                                     @ForAll @Size(max = 40) List<@net.jqwik.api.constraints.StringLength(min = 1, max = 15)
                                             @net.jqwik.api.constraints.NumericChars String> numbers) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(prefixes));
        PrefixTrie trie = trie(sorted);
        List<String> probes = new ArrayList<>(numbers);
        for (String prefix : sorted) { // also numbers that do start with a known prefix
            probes.add(prefix + "12");
            probes.add(prefix);
        }
        for (String number : probes) {
            assertThat(name(sorted, trie.longestMatch(number))).as(number).isEqualTo(naiveLongest(sorted, number));
            int[] out = new int[Digits.MAX_DIGITS + 3];
            int count = trie.matches(number, out);
            List<String> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                all.add(sorted.get(out[i]));
            }
            assertThat(all).as(number).isEqualTo(naiveAll(sorted, number));
        }
    }

    @Provide
    Arbitrary<Set<String>> prefixSets() {
        // Few distinct leading digits so that prefixes nest, as country and network codes do.
        return Arbitraries.strings().withCharRange('0', '3').ofMinLength(0).ofMaxLength(9).set().ofMaxSize(200);
    }

    static PrefixTrie trie(List<String> sortedDistinct) {
        long[] keys = sortedDistinct.stream().mapToLong(Digits::key).toArray();
        return PrefixTrie.build(keys);
    }

    private static String name(List<String> sorted, int value) {
        return value < 0 ? "<none>" : sorted.get(value);
    }

    private static String naiveLongest(List<String> prefixes, String number) {
        String best = "<none>";
        for (String p : prefixes) {
            if (number.startsWith(p) && (best.equals("<none>") || p.length() > best.length())) {
                best = p;
            }
        }
        return best;
    }

    private static List<String> naiveAll(List<String> prefixes, String number) {
        List<String> all = new ArrayList<>();
        for (String p : prefixes) {
            if (number.startsWith(p)) {
                all.add(p);
            }
        }
        all.sort((a, b) -> Integer.compare(a.length(), b.length()));
        return all;
    }
}
