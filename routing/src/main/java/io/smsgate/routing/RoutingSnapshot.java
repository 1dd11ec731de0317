package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything routing decides from, compiled and immutable: carriers, rate cards, numbering plan, portability
 * table and account policies. The server builds a new one on any change and hands it to
 * {@link Router#replace}, which swaps it atomically; decisions in progress finish on the old one.
 */
public final class RoutingSnapshot {
    private final long version;
    private final Carrier[] carriers;
    private final Map<String, Integer> carrierIndex;
    private final int[] senderMask;
    private final RateTable rates;
    private final ExchangeRates exchangeRates;
    private final PrefixTrie numberingPlan;
    private final MccMnc[] planNetworks;
    private final Map<String, MccMnc> portability;
    private final Map<String, CompiledPolicy> byAccount;
    private final Optional<CompiledPolicy> defaultPolicy;

    private RoutingSnapshot(Builder b) {
        this.version = b.version;
        this.carriers = b.carriers.values().toArray(Carrier[]::new);
        if (carriers.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("carriers: " + carriers.length + " (expected: <= " + Short.MAX_VALUE + ")");
        }
        Map<String, Integer> index = new HashMap<>();
        senderMask = new int[carriers.length];
        for (int i = 0; i < carriers.length; i++) {
            index.put(carriers[i].id(), i);
            for (SenderType type : carriers[i].senderTypes()) {
                senderMask[i] |= 1 << type.ordinal();
            }
        }
        this.carrierIndex = Map.copyOf(index);
        this.exchangeRates = b.exchangeRates;
        this.rates = RateTable.compile(b.cards, carrierIndex, b.exchangeRates);

        long[] planKeys = b.numberingPlan.keySet().stream().mapToLong(Digits::key).sorted().toArray();
        Map<Long, MccMnc> planByKey = new HashMap<>();
        b.numberingPlan.forEach((prefix, network) -> planByKey.put(Digits.key(prefix), network));
        this.numberingPlan = PrefixTrie.build(planKeys);
        this.planNetworks = Arrays.stream(planKeys).mapToObj(planByKey::get).toArray(MccMnc[]::new);
        this.portability = Map.copyOf(b.portability);

        Map<String, CompiledPolicy> policies = new HashMap<>();
        b.policies.forEach((name, policy) -> policies.put(name, new CompiledPolicy(name, policy, this)));
        Map<String, CompiledPolicy> accounts = new HashMap<>();
        b.accounts.forEach((account, policyName) -> accounts.put(account, policy(policies, policyName, "account " + account)));
        this.byAccount = Map.copyOf(accounts);
        this.defaultPolicy = b.defaultPolicy.map(name -> policy(policies, name, "default policy"));
    }

    private static CompiledPolicy policy(Map<String, CompiledPolicy> policies, String name, String user) {
        CompiledPolicy policy = policies.get(name);
        if (policy == null) {
            throw new IllegalArgumentException(user + " policy: " + name + " (expected: one of " + policies.keySet() + ")");
        }
        return policy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The number the builder was given, for logs and the admin API. */
    public long version() {
        return version;
    }

    public List<Carrier> carriers() {
        return List.of(carriers);
    }

    /** Distinct prefixes with rates, over all cards. */
    public int prefixCount() {
        return rates.prefixCount();
    }

    /** Rate entries compiled (lines in force at some time). */
    public int rateCount() {
        return rates.entryCount();
    }

    // ---- package-private views for the router ----

    int carrierCount() {
        return carriers.length;
    }

    Carrier carrier(int index) {
        return carriers[index];
    }

    int carrierIndex(String id) {
        Integer i = carrierIndex.get(id);
        return i == null ? -1 : i;
    }

    boolean allowsSender(int carrier, SenderType type) {
        return (senderMask[carrier] & (1 << type.ordinal())) != 0;
    }

    RateTable rates() {
        return rates;
    }

    ExchangeRates exchangeRates() {
        return exchangeRates;
    }

    Optional<MccMnc> portedNetwork(String number) {
        return Optional.ofNullable(portability.get(number));
    }

    /** The numbering plan's network for the number, or null: kept null-returning because it is on the hot path. */
    MccMnc planNetwork(String number) {
        int i = numberingPlan.longestMatch(number);
        return i < 0 ? null : planNetworks[i];
    }

    boolean hasPortability() {
        return !portability.isEmpty();
    }

    /** The account's compiled policy, or null (hot path). */
    CompiledPolicy policyFor(String accountId) {
        CompiledPolicy policy = byAccount.get(accountId);
        return policy != null ? policy : defaultPolicy.orElse(null);
    }

    /** Builds a snapshot; every reference (carrier, policy, currency) is checked when {@link #build} runs. */
    public static final class Builder {
        private long version;
        private final Map<String, Carrier> carriers = new LinkedHashMap<>();
        private final List<RateCard> cards = new ArrayList<>();
        private ExchangeRates exchangeRates = ExchangeRates.only("EUR");
        private final Map<String, MccMnc> numberingPlan = new HashMap<>();
        private final Map<String, MccMnc> portability = new HashMap<>();
        private final Map<String, AccountPolicy> policies = new HashMap<>();
        private final Map<String, String> accounts = new HashMap<>();
        private Optional<String> defaultPolicy = Optional.empty();

        private Builder() {
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder carrier(Carrier carrier) {
            if (carriers.putIfAbsent(carrier.id(), carrier) != null) {
                throw new IllegalArgumentException("carrier: " + carrier.id() + " (expected: defined once)");
            }
            return this;
        }

        public Builder rateCard(RateCard card) {
            cards.add(requireNonNull(card, "card"));
            return this;
        }

        public Builder exchangeRates(ExchangeRates rates) {
            this.exchangeRates = requireNonNull(rates, "rates");
            return this;
        }

        /** The network numbers under {@code prefix} belong to, unless ported. */
        public Builder numberRange(String prefix, MccMnc network) {
            numberingPlan.put(Digits.requirePrefix("numbering-plan.prefix", prefix), requireNonNull(network, "network"));
            return this;
        }

        /** A ported number: exact E.164 number to the network that now serves it. */
        public Builder ported(String number, MccMnc network) {
            portability.put(Digits.requireNumber("portability.number", number), requireNonNull(network, "network"));
            return this;
        }

        /** A named policy, used by the accounts (or account group) that name it. */
        public Builder policy(String name, AccountPolicy policy) {
            policies.put(requireNonNull(name, "name"), requireNonNull(policy, "policy"));
            return this;
        }

        public Builder account(String accountId, String policyName) {
            accounts.put(requireNonNull(accountId, "accountId"), requireNonNull(policyName, "policyName"));
            return this;
        }

        /** The policy of accounts that name none. */
        public Builder defaultPolicy(String policyName) {
            this.defaultPolicy = Optional.of(policyName);
            return this;
        }

        public RoutingSnapshot build() {
            return new RoutingSnapshot(this);
        }
    }
}
