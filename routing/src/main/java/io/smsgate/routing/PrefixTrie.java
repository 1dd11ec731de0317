package io.smsgate.routing;

import java.util.Arrays;

/**
 * An immutable digit trie over E.164 prefixes, packed one {@code long} per node, that finds every prefix of a
 * number without allocating.
 *
 * <p>Nodes are stored level by level; the children of a node are contiguous, so a child is found from the
 * node's 10-bit child mask with a popcount. A node packs: bits 0–9 the child mask, bits 10–36 the index of its
 * first child, bits 37–63 the terminal value plus one (0 when no prefix ends here).
 */
final class PrefixTrie {
    static final int NO_MATCH = -1;

    private static final int MASK_BITS = 10;
    private static final int INDEX_BITS = 27;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    private static final int VALUE_SHIFT = MASK_BITS + INDEX_BITS;
    static final int MAX_KEYS = (1 << INDEX_BITS) - 2;

    private static final PrefixTrie EMPTY = new PrefixTrie(new long[] {0L}, 0);

    private final long[] nodes;
    private final int size;

    private PrefixTrie(long[] nodes, int size) {
        this.nodes = nodes;
        this.size = size;
    }

    static PrefixTrie empty() {
        return EMPTY;
    }

    /** Builds the trie of {@code keys} ({@link Digits#key} values, strictly ascending); key i gets value i. */
    static PrefixTrie build(long[] keys) {
        int[] values = new int[keys.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return build(keys, values);
    }

    /** Builds the trie of {@code keys} (strictly ascending); key i gets {@code values[i]}, 0 to {@link #MAX_KEYS}. */
    static PrefixTrie build(long[] keys, int[] values) {
        if (values.length != keys.length) {
            throw new IllegalArgumentException("values: " + values.length + " (expected: " + keys.length + ")");
        }
        if (keys.length > MAX_KEYS) {
            throw new IllegalArgumentException("prefixes: " + keys.length + " (expected: <= " + MAX_KEYS + ")");
        }
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] <= keys[i - 1]) {
                throw new IllegalArgumentException("keys: not strictly ascending at index " + i);
            }
        }
        int maxLength = 0;
        for (long key : keys) {
            maxLength = Math.max(maxLength, Digits.keyLength(key));
        }
        // Level d holds the distinct d-digit prefixes of the keys at least d long, in ascending order.
        long[][] levels = new long[maxLength + 1][];
        int[] terminals = new int[keys.length];
        int[] levelOffset = new int[maxLength + 2];
        long[] scratch = new long[Math.max(1, keys.length)];
        for (int d = 0; d <= maxLength; d++) {
            int count = 0;
            long last = -1;
            for (int i = 0; i < keys.length; i++) {
                long key = keys[i];
                int length = Digits.keyLength(key);
                if (length < d) {
                    continue;
                }
                long digits = Digits.keyDigits(key, d);
                if (count == 0 || digits != last) {
                    scratch[count++] = digits;
                    last = digits;
                }
                if (length == d) {
                    terminals[i] = count - 1;
                }
            }
            levels[d] = Arrays.copyOf(scratch, count);
            levelOffset[d + 1] = levelOffset[d] + count;
        }
        int total = levelOffset[maxLength + 1];
        if (total > INDEX_MASK) {
            throw new IllegalArgumentException("trie nodes: " + total + " (expected: <= " + INDEX_MASK + ")");
        }
        long[] nodes = new long[Math.max(1, total)];
        for (int i = 0; i < keys.length; i++) {
            int d = Digits.keyLength(keys[i]);
            if (values[i] < 0 || values[i] > MAX_KEYS) {
                throw new IllegalArgumentException("value: " + values[i] + " (expected: 0.." + MAX_KEYS + ")");
            }
            nodes[levelOffset[d] + terminals[i]] |= (long) (values[i] + 1) << VALUE_SHIFT;
        }
        for (int d = 0; d < maxLength; d++) {
            long[] parents = levels[d];
            long[] children = levels[d + 1];
            int parent = 0;
            for (int c = 0; c < children.length; c++) {
                long parentDigits = children[c] / 10;
                while (parents[parent] != parentDigits) {
                    parent++;
                }
                int node = levelOffset[d] + parent;
                if ((nodes[node] & ((1L << MASK_BITS) - 1)) == 0) {
                    nodes[node] |= (long) (levelOffset[d + 1] + c) << MASK_BITS;
                }
                nodes[node] |= 1L << (children[c] % 10);
            }
        }
        return new PrefixTrie(nodes, keys.length);
    }

    /** The value of the longest prefix of {@code number} in the trie, or {@link #NO_MATCH}. */
    int longestMatch(CharSequence number) {
        long node = nodes[0];
        int best = (int) (node >>> VALUE_SHIFT) - 1;
        int length = number.length();
        for (int i = 0; i < length; i++) {
            int digit = number.charAt(i) - '0';
            int mask = (int) node & ((1 << MASK_BITS) - 1);
            if (digit < 0 || digit > 9 || (mask & (1 << digit)) == 0) {
                break;
            }
            node = nodes[(int) ((node >>> MASK_BITS) & INDEX_MASK) + Integer.bitCount(mask & ((1 << digit) - 1))];
            int value = (int) (node >>> VALUE_SHIFT) - 1;
            if (value >= 0) {
                best = value;
            }
        }
        return best;
    }

    /**
     * Writes the values of every prefix of {@code number} in the trie into {@code out}, shortest first, and
     * returns how many; {@code out} needs {@code number.length() + 1} places.
     */
    int matches(CharSequence number, int[] out) {
        long node = nodes[0];
        int count = 0;
        int value = (int) (node >>> VALUE_SHIFT) - 1;
        if (value >= 0) {
            out[count++] = value;
        }
        int length = number.length();
        for (int i = 0; i < length; i++) {
            int digit = number.charAt(i) - '0';
            int mask = (int) node & ((1 << MASK_BITS) - 1);
            if (digit < 0 || digit > 9 || (mask & (1 << digit)) == 0) {
                break;
            }
            node = nodes[(int) ((node >>> MASK_BITS) & INDEX_MASK) + Integer.bitCount(mask & ((1 << digit) - 1))];
            value = (int) (node >>> VALUE_SHIFT) - 1;
            if (value >= 0) {
                out[count++] = value;
            }
        }
        return count;
    }

    /** How many prefixes the trie holds. */
    int size() {
        return size;
    }

    int nodeCount() {
        return nodes.length;
    }
}
