package io.smsgate.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every carrier's rate cards compiled into flat arrays: a prefix trie whose terminal values are groups of
 * entries (one group per distinct prefix, then one per carrier and network), each entry a carrier's price with
 * its effective period. Lookups allocate nothing.
 *
 * <p>Within a group the entries are ordered by carrier, then effective-from, and a version's end is cut at the
 * next version's start, so at any instant at most one entry per carrier and group is in force.
 */
final class RateTable {
    static final long OPEN_END = Long.MAX_VALUE;

    private final PrefixTrie trie;
    private final long[] prefixKeys;
    private final int[] groupStart;
    private final short[] carrier;
    private final long[] costMicros;
    private final long[] priceMicros;
    private final byte[] currency;
    private final long[] fromMillis;
    private final long[] toMillis;
    private final byte[] tier;
    private final int[] country;
    private final int[] networkName;
    private final String[] currencies;
    private final String[] names;
    private final long[] networkKeys;
    private final int[] networkGroups;
    private final long[] carriersWithNetworkRates;

    private RateTable(PrefixTrie trie, long[] prefixKeys, int[] groupStart, Entries e, String[] currencies,
                      String[] names, long[] networkKeys, int[] networkGroups, long[] carriersWithNetworkRates) {
        this.trie = trie;
        this.prefixKeys = prefixKeys;
        this.groupStart = groupStart;
        this.carrier = e.carrier;
        this.costMicros = e.cost;
        this.priceMicros = e.price;
        this.currency = e.currency;
        this.fromMillis = e.from;
        this.toMillis = e.to;
        this.tier = e.tier;
        this.country = e.country;
        this.networkName = e.networkName;
        this.currencies = currencies;
        this.names = names;
        this.networkKeys = networkKeys;
        this.networkGroups = networkGroups;
        this.carriersWithNetworkRates = carriersWithNetworkRates;
    }

    // ---- lookups (no allocation) ----

    /** Groups of every prefix of {@code number} with rates, shortest first; {@code out} needs 16 places. */
    int prefixGroups(CharSequence number, int[] out) {
        return trie.matches(number, out);
    }

    /** The group of a carrier's rates for a network, or -1. */
    int networkGroup(int carrierIndex, int networkCode) {
        if (networkKeys.length == 0) {
            return -1;
        }
        long key = (long) carrierIndex << 32 | (networkCode & 0xFFFFFFFFL);
        int mask = networkKeys.length - 1;
        for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
            long k = networkKeys[slot];
            if (k == key) {
                return networkGroups[slot];
            }
            if (k == -1) {
                return -1;
            }
        }
    }

    boolean hasNetworkRates(int carrierIndex) {
        return (carriersWithNetworkRates[carrierIndex >>> 6] & (1L << carrierIndex)) != 0;
    }

    boolean anyNetworkRates() {
        return networkKeys.length > 0;
    }

    int groupStart(int group) {
        return groupStart[group];
    }

    int groupEnd(int group) {
        return groupStart[group + 1];
    }

    int carrier(int entry) {
        return carrier[entry];
    }

    boolean inForce(int entry, long nowMillis) {
        return fromMillis[entry] <= nowMillis && nowMillis < toMillis[entry];
    }

    long costMicros(int entry) {
        return costMicros[entry];
    }

    long priceMicros(int entry) {
        return priceMicros[entry];
    }

    String currency(int entry) {
        return currencies[currency[entry]];
    }

    /** Tier of the entry, or -1 when the card gives none. */
    int tier(int entry) {
        return tier[entry];
    }

    int countryIndex(int entry) {
        return country[entry];
    }

    String country(int entry) {
        return names[country[entry]];
    }

    String networkName(int entry) {
        return names[networkName[entry]];
    }

    /** The prefix of a prefix group, or empty for a network group. */
    String prefixOf(int group) {
        return group < prefixKeys.length ? Digits.keyToString(prefixKeys[group]) : "";
    }

    Instant effectiveFrom(int entry) {
        return Instant.ofEpochMilli(fromMillis[entry]);
    }

    int prefixCount() {
        return prefixKeys.length;
    }

    int entryCount() {
        return carrier.length;
    }

    /** Interned country and network names; country indexes of entries point here. */
    String name(int index) {
        return names[index];
    }

    int nameCount() {
        return names.length;
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    // ---- compilation ----

    private static final class Entries {
        final short[] carrier;
        final long[] cost;
        final long[] price;
        final byte[] currency;
        final long[] from;
        final long[] to;
        final byte[] tier;
        final int[] country;
        final int[] networkName;
        final int[] group;

        Entries(int n) {
            carrier = new short[n];
            cost = new long[n];
            price = new long[n];
            currency = new byte[n];
            from = new long[n];
            to = new long[n];
            tier = new byte[n];
            country = new int[n];
            networkName = new int[n];
            group = new int[n];
        }

        void copy(int src, Entries into, int dst) {
            into.carrier[dst] = carrier[src];
            into.cost[dst] = cost[src];
            into.price[dst] = price[src];
            into.currency[dst] = currency[src];
            into.from[dst] = from[src];
            into.to[dst] = to[src];
            into.tier[dst] = tier[src];
            into.country[dst] = country[src];
            into.networkName[dst] = networkName[src];
            into.group[dst] = group[src];
        }
    }

    /** Compiles cards of the given carriers (index by id); throws naming the card and line on bad input. */
    static RateTable compile(List<RateCard> cards, Map<String, Integer> carrierIndex, ExchangeRates rates) {
        Map<String, List<RateCard>> byCarrier = new HashMap<>();
        int total = 0;
        for (RateCard card : cards) {
            if (!carrierIndex.containsKey(card.carrierId())) {
                throw new IllegalArgumentException("rate card carrier: " + card.carrierId() + " (expected: one of "
                        + carrierIndex.keySet() + ")");
            }
            byCarrier.computeIfAbsent(card.carrierId(), k -> new ArrayList<>()).add(card);
            total += card.lines().size();
        }
        List<String> currencyList = new ArrayList<>();
        Map<String, Integer> nameIndex = new HashMap<>();
        List<String> nameList = new ArrayList<>();
        Entries raw = new Entries(total);
        long[] keys = new long[total];
        boolean[] isNetwork = new boolean[total];
        int n = 0;
        for (List<RateCard> versions : byCarrier.values()) {
            versions.sort(Comparator.comparing(RateCard::effectiveFrom));
            for (int v = 0; v < versions.size(); v++) {
                RateCard card = versions.get(v);
                long cardFrom = card.effectiveFrom().toEpochMilli();
                long cardTo = card.effectiveTo().map(Instant::toEpochMilli).orElse(OPEN_END);
                if (v + 1 < versions.size()) {
                    cardTo = Math.min(cardTo, versions.get(v + 1).effectiveFrom().toEpochMilli());
                }
                int carrierIdx = carrierIndex.get(card.carrierId());
                int currencyIdx = currencyList.indexOf(card.currency());
                if (currencyIdx < 0) {
                    currencyList.add(card.currency());
                    currencyIdx = currencyList.size() - 1;
                }
                if (!card.currency().equals(rates.base()) && !rates.perUnit().containsKey(card.currency())) {
                    throw new IllegalArgumentException("rate card " + card.carrierId() + " from " + card.effectiveFrom()
                            + " currency: " + card.currency() + " (expected: " + rates.base()
                            + " or one with an exchange rate)");
                }
                for (RateLine line : card.lines()) {
                    long from = Math.max(cardFrom, line.effectiveFrom().map(Instant::toEpochMilli).orElse(cardFrom));
                    long to = Math.min(cardTo, line.effectiveTo().map(Instant::toEpochMilli).orElse(OPEN_END));
                    if (from >= to) {
                        continue; // never in force: superseded before it starts
                    }
                    raw.carrier[n] = (short) carrierIdx;
                    raw.price[n] = line.priceMicros();
                    raw.cost[n] = rates.toBaseMicros(line.priceMicros(), card.currency());
                    raw.currency[n] = (byte) currencyIdx;
                    raw.from[n] = from;
                    raw.to[n] = to;
                    raw.tier[n] = (byte) line.tier().orElse(-1);
                    raw.country[n] = intern(line.country(), nameIndex, nameList);
                    raw.networkName[n] = intern(line.networkName(), nameIndex, nameList);
                    if (line.network().isPresent()) {
                        isNetwork[n] = true;
                        keys[n] = (long) carrierIdx << 32 | (line.network().get().code() & 0xFFFFFFFFL);
                    } else {
                        keys[n] = Digits.key(line.prefix());
                    }
                    n++;
                }
            }
        }
        if (currencyList.size() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("currencies: " + currencyList.size() + " (expected: <= 127)");
        }
        // Distinct prefixes, sorted: group i is prefixKeys[i].
        long[] prefixKeys = new long[n];
        int prefixLines = 0;
        for (int i = 0; i < n; i++) {
            if (!isNetwork[i]) {
                prefixKeys[prefixLines++] = keys[i];
            }
        }
        Arrays.sort(prefixKeys, 0, prefixLines);
        int distinct = 0;
        for (int i = 0; i < prefixLines; i++) {
            if (distinct == 0 || prefixKeys[distinct - 1] != prefixKeys[i]) {
                prefixKeys[distinct++] = prefixKeys[i];
            }
        }
        prefixKeys = Arrays.copyOf(prefixKeys, distinct);
        int prefixGroups = distinct;
        Map<Long, Integer> networkGroupOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            raw.group[i] = isNetwork[i]
                    ? networkGroupOf.computeIfAbsent(keys[i], k -> prefixGroups + networkGroupOf.size())
                    : Arrays.binarySearch(prefixKeys, keys[i]);
        }
        int groups = distinct + networkGroupOf.size();
        // Counting sort of entries by group, then by carrier and effective-from inside each (small) group.
        int[] groupStart = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            groupStart[raw.group[i] + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            groupStart[g + 1] += groupStart[g];
        }
        int[] fill = Arrays.copyOf(groupStart, groups);
        Entries sorted = new Entries(n);
        for (int i = 0; i < n; i++) {
            raw.copy(i, sorted, fill[raw.group[i]]++);
        }
        raw = null;
        for (int g = 0; g < groups; g++) {
            sortGroup(sorted, groupStart[g], groupStart[g + 1]);
        }
        long[] networkKeys = new long[networkGroupOf.isEmpty() ? 0 : Integer.highestOneBit(networkGroupOf.size() * 2) * 2];
        Arrays.fill(networkKeys, -1);
        int[] networkGroups = new int[networkKeys.length];
        long[] withNetwork = new long[(carrierIndex.size() + 63) / 64 + 1];
        for (Map.Entry<Long, Integer> e : networkGroupOf.entrySet()) {
            long key = e.getKey();
            int mask = networkKeys.length - 1;
            int slot = mix(key) & mask;
            while (networkKeys[slot] != -1) {
                slot = (slot + 1) & mask;
            }
            networkKeys[slot] = key;
            networkGroups[slot] = e.getValue();
            int c = (int) (key >>> 32);
            withNetwork[c >>> 6] |= 1L << c;
        }
        return new RateTable(PrefixTrie.build(prefixKeys), prefixKeys, groupStart, sorted,
                currencyList.toArray(String[]::new), nameList.toArray(String[]::new), networkKeys, networkGroups,
                withNetwork);
    }

    private static int intern(String name, Map<String, Integer> index, List<String> list) {
        Integer i = index.get(name);
        if (i == null) {
            i = list.size();
            index.put(name, i);
            list.add(name);
        }
        return i;
    }

    /** Insertion sort of one group by (carrier, from), then cuts each version at the next one's start. */
    private static void sortGroup(Entries e, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            for (int j = i; j > start && before(e, j, j - 1); j--) {
                swap(e, j, j - 1);
            }
        }
        for (int i = start; i + 1 < end; i++) {
            if (e.carrier[i] == e.carrier[i + 1]) {
                e.to[i] = Math.min(e.to[i], e.from[i + 1]);
            }
        }
    }

    private static boolean before(Entries e, int a, int b) {
        return e.carrier[a] != e.carrier[b] ? e.carrier[a] < e.carrier[b] : e.from[a] < e.from[b];
    }

    private static void swap(Entries e, int a, int b) {
        short c = e.carrier[a]; e.carrier[a] = e.carrier[b]; e.carrier[b] = c;
        long l = e.cost[a]; e.cost[a] = e.cost[b]; e.cost[b] = l;
        l = e.price[a]; e.price[a] = e.price[b]; e.price[b] = l;
        byte y = e.currency[a]; e.currency[a] = e.currency[b]; e.currency[b] = y;
        l = e.from[a]; e.from[a] = e.from[b]; e.from[b] = l;
        l = e.to[a]; e.to[a] = e.to[b]; e.to[b] = l;
        y = e.tier[a]; e.tier[a] = e.tier[b]; e.tier[b] = y;
        int x = e.country[a]; e.country[a] = e.country[b]; e.country[b] = x;
        x = e.networkName[a]; e.networkName[a] = e.networkName[b]; e.networkName[b] = x;
    }
}
