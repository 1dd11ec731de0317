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

    private static final int STRIDE = 4;

    private final PrefixTrie trie;
    private final long[] prefixKeys;
    private final int[] groupStart;
    /**
     * Per entry, the four words a decision reads, side by side so that an entry costs one cache miss: carrier
     * (bits 0–14), last entry of its run (15), tier + 1 (16–23), currency (24–31), country name (32–62), price
     * differs from cost (63); cost in base micros; effective-from; effective-to (exclusive), both epoch millis.
     * The trie's values and the network index point at the first entry of a run, so no other array is read.
     */
    private final long[] hot;
    private final long[] priceMicros;
    private final int[] networkName;
    private final String[] currencies;
    private final String[] names;
    private final long[] networkKeys;
    private final int[] networkRuns;
    private final long[] carriersWithNetworkRates;

    private RateTable(PrefixTrie trie, long[] prefixKeys, int[] groupStart, Entries e, String[] currencies,
                      String[] names, long[] networkKeys, int[] networkRuns, long[] carriersWithNetworkRates) {
        this.trie = trie;
        this.prefixKeys = prefixKeys;
        this.groupStart = groupStart;
        int n = e.carrier.length;
        this.hot = new long[n * STRIDE];
        for (int i = 0; i < n; i++) {
            boolean last = i + 1 == n || e.group[i + 1] != e.group[i];
            hot[i * STRIDE] = (e.carrier[i] & 0x7FFFL) | (last ? 1L << 15 : 0) | ((e.tier[i] + 1L) & 0xFF) << 16
                    | (e.currency[i] & 0xFFL) << 24 | (long) e.country[i] << 32
                    | (e.price[i] != e.cost[i] ? 1L << 63 : 0);
            hot[i * STRIDE + 1] = e.cost[i];
            hot[i * STRIDE + 2] = e.from[i];
            hot[i * STRIDE + 3] = e.to[i];
        }
        this.priceMicros = e.price;
        this.networkName = e.networkName;
        this.currencies = currencies;
        this.names = names;
        this.networkKeys = networkKeys;
        this.networkRuns = networkRuns;
        this.carriersWithNetworkRates = carriersWithNetworkRates;
    }

    // ---- lookups (no allocation) ----

    /**
     * The first entries of the runs of every prefix of {@code number} with rates, shortest prefix first;
     * {@code out} needs 16 places.
     */
    int prefixRuns(CharSequence number, int[] out) {
        return trie.matches(number, out);
    }

    /**
     * Reads the first words of the given runs and returns a value that depends on all of them: the runs of one
     * destination lie far apart in a large table, and reading them in a tight loop before judging any lets their
     * cache misses overlap instead of following one another.
     */
    long touchRuns(int[] runs, int count) {
        long any = 0;
        for (int i = 0; i < count; i++) {
            any += hot[runs[i] * STRIDE];
        }
        return any;
    }

    /** The first entry of a carrier's run of rates for a network, or -1. */
    int networkRun(int carrierIndex, int networkCode) {
        if (networkKeys.length == 0) {
            return -1;
        }
        long key = (long) carrierIndex << 32 | (networkCode & 0xFFFFFFFFL);
        int mask = networkKeys.length - 1;
        for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
            long k = networkKeys[slot];
            if (k == key) {
                return networkRuns[slot];
            }
            if (k == -1) {
                return -1;
            }
        }
    }

    /** Whether the entry ends its run (prefix or carrier-and-network), cheapest first within a run. */
    boolean lastOfRun(int entry) {
        return (hot[entry * STRIDE] & 1L << 15) != 0;
    }

    boolean hasNetworkRates(int carrierIndex) {
        return (carriersWithNetworkRates[carrierIndex >>> 6] & (1L << carrierIndex)) != 0;
    }

    boolean anyNetworkRates() {
        return networkKeys.length > 0;
    }

    int carrier(int entry) {
        return (int) (hot[entry * STRIDE] & 0x7FFF);
    }

    boolean inForce(int entry, long nowMillis) {
        return hot[entry * STRIDE + 2] <= nowMillis && nowMillis < hot[entry * STRIDE + 3];
    }

    /** Effective-from of the entry, epoch millis. */
    long from(int entry) {
        return hot[entry * STRIDE + 2];
    }

    /** Effective-to of the entry (exclusive), epoch millis, or {@link #OPEN_END}. */
    long to(int entry) {
        return hot[entry * STRIDE + 3];
    }

    long costMicros(int entry) {
        return hot[entry * STRIDE + 1];
    }

    long priceMicros(int entry) {
        // The price array is read only for cards in another currency than the base: one miss less per route.
        return hot[entry * STRIDE] < 0 ? priceMicros[entry] : hot[entry * STRIDE + 1];
    }

    String currency(int entry) {
        return currencies[(int) (hot[entry * STRIDE] >>> 24 & 0xFF)];
    }

    /** Tier of the entry, or -1 when the card gives none. */
    int tier(int entry) {
        return (int) (hot[entry * STRIDE] >>> 16 & 0xFF) - 1;
    }

    int countryIndex(int entry) {
        return (int) (hot[entry * STRIDE] >>> 32 & 0x7FFFFFFF);
    }

    String country(int entry) {
        return names[countryIndex(entry)];
    }

    String networkName(int entry) {
        return names[networkName[entry]];
    }

    /** The prefix whose run holds {@code entry}, or empty for a network rate (for explanations). */
    String prefixOf(int entry) {
        int i = Arrays.binarySearch(groupStart, entry);
        int group = i >= 0 ? i : -i - 2;
        return group < prefixKeys.length ? Digits.keyToString(prefixKeys[group]) : "";
    }

    int prefixCount() {
        return prefixKeys.length;
    }

    int entryCount() {
        return priceMicros.length;
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
            networkGroups[slot] = groupStart[e.getValue()];
            int c = (int) (key >>> 32);
            withNetwork[c >>> 6] |= 1L << c;
        }
        if (n > PrefixTrie.MAX_KEYS || nameList.size() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("rate entries: " + n + " (expected: <= " + PrefixTrie.MAX_KEYS + ")");
        }
        return new RateTable(PrefixTrie.build(prefixKeys, Arrays.copyOf(groupStart, prefixKeys.length)), prefixKeys,
                groupStart, sorted,
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

    /**
     * Sorts one group by (carrier, from) to cut each version at the next one's start, then by (cost, carrier,
     * from): decisions walk a group cheapest first and stop once nothing cheaper can follow.
     */
    private static void sortGroup(Entries e, int start, int end) {
        insertionSort(e, start, end, false);
        for (int i = start; i + 1 < end; i++) {
            if (e.carrier[i] == e.carrier[i + 1]) {
                e.to[i] = Math.min(e.to[i], e.from[i + 1]);
            }
        }
        insertionSort(e, start, end, true);
    }

    private static void insertionSort(Entries e, int start, int end, boolean byCost) {
        for (int i = start + 1; i < end; i++) {
            for (int j = i; j > start && before(e, j, j - 1, byCost); j--) {
                swap(e, j, j - 1);
            }
        }
    }

    private static boolean before(Entries e, int a, int b, boolean byCost) {
        if (byCost && e.cost[a] != e.cost[b]) {
            return e.cost[a] < e.cost[b];
        }
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
