package io.smsgate.routing;

/**
 * Plans of recent decisions, reused while nothing they were made from has changed: the policy rule, the deepest
 * rated prefix of the destination (which fixes every shorter one), the network, the sender type, the sell price,
 * the health board's change count, and the span of time in which every rate and breaker the decision read keeps
 * its state. A two-way set-associative table of immutable entries: a new plan goes first in its pair of slots and
 * moves the other key's plan second, so two keys hashed alike still both hit; racy reads and writes are safe
 * because entries publish only final fields, and a lost write only costs a later miss.
 */
final class PlanCache {
    private static final int MIN_SLOTS = 64;
    private static final int MAX_SLOTS = 1 << 20;

    /** One cached plan with everything it was made from. */
    static final class Entry {
        final CompiledPolicy.Rule rule;
        final int run;
        final int network;
        final int sender;
        final long sell;
        final long epoch;
        final long validFrom;
        final long validUntil;
        final RoutePlan plan;

        Entry(CompiledPolicy.Rule rule, int run, int network, int sender, long sell, long epoch, long validFrom,
              long validUntil, RoutePlan plan) {
            this.rule = rule;
            this.run = run;
            this.network = network;
            this.sender = sender;
            this.sell = sell;
            this.epoch = epoch;
            this.validFrom = validFrom;
            this.validUntil = validUntil;
            this.plan = plan;
        }

        boolean is(CompiledPolicy.Rule rule, int run, int network, int sender, long sell) {
            return this.rule == rule && this.run == run && this.network == network && this.sender == sender
                    && this.sell == sell;
        }
    }

    private final Entry[] slots;
    private final int mask;

    /** A cache sized for a table of {@code prefixes} rated prefixes: about two slots each, within bounds. */
    PlanCache(int prefixes) {
        int wanted = Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, Integer.highestOneBit(Math.max(1, prefixes)) * 2));
        this.slots = new Entry[wanted];
        this.mask = wanted - 1;
    }

    /** The cached plan for these inputs at {@code nowMillis} under health {@code epoch}, or null on a miss. */
    RoutePlan get(CompiledPolicy.Rule rule, int run, int network, int sender, long sell, long epoch,
                  long nowMillis) {
        int slot = slot(rule, run, network, sender, sell);
        Entry entry = slots[slot];
        if (entry == null || !entry.is(rule, run, network, sender, sell)) {
            entry = slots[slot ^ 1];
            if (entry == null || !entry.is(rule, run, network, sender, sell)) {
                return null;
            }
        }
        return entry.epoch == epoch && entry.validFrom <= nowMillis && nowMillis < entry.validUntil
                ? entry.plan : null;
    }

    void put(Entry entry) {
        int slot = slot(entry.rule, entry.run, entry.network, entry.sender, entry.sell);
        Entry first = slots[slot];
        if (first != null && !first.is(entry.rule, entry.run, entry.network, entry.sender, entry.sell)) {
            slots[slot ^ 1] = first;
        }
        slots[slot] = entry;
    }

    int capacity() {
        return slots.length;
    }

    private int slot(CompiledPolicy.Rule rule, int run, int network, int sender, long sell) {
        long key = ((long) run << 32 | (network & 0xFFFFFFFFL)) ^ (sell * 0x9E3779B97F4A7C15L)
                ^ ((long) rule.id << 8 | sender) * 0xC2B2AE3D27D4EB4FL;
        return Router.mix(key) & mask;
    }
}
