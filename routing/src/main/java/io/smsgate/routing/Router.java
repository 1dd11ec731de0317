package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides, per message, the routes to try: the carriers that price the destination now, filtered by the
 * account's policy, sender ID, margin and live health, ranked by the policy; and, after an outcome, whether and
 * where the message moves on. Thread-safe; the routing snapshot is swapped atomically by {@link #replace}.
 *
 * <p>Plans are reused: a decision whose inputs (policy rule, deepest rated prefix, network, sender type, sell price,
 * health change count) match a recent one, within the span in which every rate and breaker it read keeps its
 * state, returns that plan (see {@link PlanCache}). Weighted splits and half-open probes depend on the message's
 * routing key and are decided afresh.
 *
 * <p>Allocation: a reused plan allocates nothing. A fresh decision allocates only the returned plan (the record,
 * its list, and candidates the first time an entry is planned; they are then shared) and its cache entry once
 * the calling thread's scratch arrays exist; a rejection allocates its detail text. {@link #explain} allocates
 * freely.
 */
public final class Router {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final AtomicReference<Bound> current;
    private final HealthBoard health;
    private final RoutingListener listener;
    private final boolean reusePlans;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** A snapshot with the health of its carriers (and carrier-and-country pairs) resolved by index. */
    private static final class Bound {
        final RoutingSnapshot snapshot;
        final CarrierHealth[] carrierHealth;
        /** [carrier * nameCount + country name index], null where the pair has no rates. */
        final CarrierHealth[] countryHealth;
        final int names;
        /**
         * Per rate entry, the candidate last built for it: a candidate is a value fixed by its entry and choice, so
         * plans share them instead of allocating. Written racily: records' final fields make that safe.
         */
        final RouteCandidate[] candidates;
        final PlanCache plans;

        Bound(RoutingSnapshot snapshot, HealthBoard board, boolean reusePlans) {
            this.snapshot = snapshot;
            int carriers = snapshot.carrierCount();
            RateTable rates = snapshot.rates();
            this.names = rates.nameCount();
            this.carrierHealth = new CarrierHealth[carriers];
            this.countryHealth = new CarrierHealth[carriers * names];
            this.candidates = new RouteCandidate[rates.entryCount()];
            this.plans = reusePlans ? new PlanCache(rates.prefixCount()) : null;
            for (int c = 0; c < carriers; c++) {
                carrierHealth[c] = board.carrier(snapshot.carrier(c).id());
            }
            for (int e = 0; e < rates.entryCount(); e++) {
                int slot = rates.carrier(e) * names + rates.countryIndex(e);
                if (countryHealth[slot] == null && !rates.country(e).isEmpty()) {
                    countryHealth[slot] = board.country(snapshot.carrier(rates.carrier(e)).id(), rates.country(e));
                }
            }
        }
    }

    /** Per-thread working arrays, indexed by carrier, so that a decision allocates nothing but its plan. */
    private static final class Scratch {
        final int[] path = new int[Digits.MAX_DIGITS + 1];
        /** The carrier's rate entry in force for the destination (deepest prefix, or network), or -1. */
        int[] entry = new int[0];
        boolean[] byNetwork = new boolean[0];
        /** Carriers with an entry, in the order found. */
        int[] touched = new int[0];
        /** The carrier's verdict, or null when not evaluated (skipped as unable to make the plan). */
        Explanation.Verdict[] verdict = new Explanation.Verdict[0];
        long[] score = new long[0];
        boolean[] probe = new boolean[0];
        /** The best eligible carriers so far, best first. */
        final int[] top = new int[16];
        int touchedCount;
        int topCount;
        /** What {@link RateTable#touchRuns} read, kept so that the compiler does not drop the reads. */
        long runWords;
        /** Whether the plan depends only on the plan cache's key (no weighted draw, no half-open probe). */
        boolean cacheable;
        /** The span of epoch millis in which every rate and open breaker the decision read keeps its state. */
        long validFrom;
        long validUntil;

        void startWindow(boolean cacheableRule) {
            cacheable = cacheableRule;
            validFrom = Long.MIN_VALUE;
            validUntil = Long.MAX_VALUE;
        }

        /** The entry is in force: the plan holds while it stays so. */
        void inForce(RateTable rates, int e) {
            validFrom = Math.max(validFrom, rates.from(e));
            validUntil = Math.min(validUntil, rates.to(e));
        }

        /** The entry is not in force: the plan holds until it starts, or since it ended. */
        void outOfForce(RateTable rates, int e, long nowMillis) {
            long from = rates.from(e);
            if (from > nowMillis) {
                validUntil = Math.min(validUntil, from);
            } else {
                validFrom = Math.max(validFrom, rates.to(e));
            }
        }

        void fit(int carriers) {
            if (entry.length < carriers) {
                entry = new int[carriers];
                Arrays.fill(entry, -1);
                byNetwork = new boolean[carriers];
                touched = new int[carriers];
                verdict = new Explanation.Verdict[carriers];
                score = new long[carriers];
                probe = new boolean[carriers];
            }
        }

        void reset() {
            for (int i = 0; i < touchedCount; i++) {
                int c = touched[i];
                entry[c] = -1;
                byNetwork[c] = false;
                verdict[c] = null;
                probe[c] = false;
            }
            touchedCount = 0;
            topCount = 0;
        }
    }

    public Router(RoutingSnapshot initial, HealthBoard health, RoutingListener listener) {
        this(initial, health, listener, true);
    }

    /** A router that decides every message afresh when {@code reusePlans} is false (benchmarks and tests). */
    Router(RoutingSnapshot initial, HealthBoard health, RoutingListener listener, boolean reusePlans) {
        this.health = requireNonNull(health, "health");
        this.listener = requireNonNull(listener, "listener");
        this.reusePlans = reusePlans;
        this.current = new AtomicReference<>(new Bound(requireNonNull(initial, "initial"), health, reusePlans));
    }

    public RoutingSnapshot snapshot() {
        return current.get().snapshot;
    }

    public HealthBoard health() {
        return health;
    }

    /** Makes {@code next} the snapshot of every later decision, without pausing the ones in progress. */
    public void replace(RoutingSnapshot next) {
        Bound bound = new Bound(requireNonNull(next, "next"), health, reusePlans);
        Bound previous = current.getAndSet(bound);
        listener.snapshotReplaced(previous.snapshot, next);
    }

    /** The routes to try for a message at {@code now} (wall-clock time: rate cards switch at their instants). */
    public RoutePlan decide(RouteRequest request, Instant now) {
        Bound bound = current.get();
        RoutePlan plan = decide(bound, request, now.toEpochMilli());
        listener.decided(request, plan);
        return plan;
    }

    private RoutePlan decide(Bound bound, RouteRequest request, long nowMillis) {
        String destination = request.destination();
        if (!Digits.isNumber(destination)) {
            return new RoutePlan.Rejected(RoutePlan.Reason.INVALID_DESTINATION,
                    "destination: '" + destination + "' (expected: 1 to 15 digits)");
        }
        CompiledPolicy policy = bound.snapshot.policyFor(request.accountId());
        if (policy == null) {
            return new RoutePlan.Rejected(RoutePlan.Reason.UNKNOWN_ACCOUNT,
                    "account: " + request.accountId() + " (expected: one with a routing policy)");
        }
        CompiledPolicy.Rule rule = policy.ruleFor(destination);
        if (rule.kind == CompiledPolicy.Kind.BLOCKED) {
            return new RoutePlan.Rejected(RoutePlan.Reason.BLOCKED, "destination blocked by policy " + policy.name);
        }
        Scratch s = scratch.get();
        s.fit(bound.snapshot.carrierCount());
        try {
            RateTable rates = bound.snapshot.rates();
            int matches = rates.prefixRuns(destination, s.path);
            MccMnc network = rates.anyNetworkRates() ? network(bound.snapshot, request) : null;
            int networkCode = network == null ? -1 : network.code();
            // The deepest rated prefix fixes every shorter one: with the rule, network, sender type, sell price and
            // health it determines the plan, until a rate or breaker the decision read changes state.
            int run = matches == 0 ? -1 : s.path[matches - 1];
            SenderType senderType = SenderType.of(request.sender());
            long sell = policy.sellCostMicros(destination);
            long epoch = health.epoch();
            PlanCache plans = bound.plans;
            RoutePlan cached = plans == null ? null
                    : plans.get(rule, run, networkCode, senderType.ordinal(), sell, epoch, nowMillis);
            if (cached != null) {
                return cached;
            }
            evaluate(bound, rule, request.routingKey(), network, matches, senderType, sell, policy.maxRoutes(),
                    nowMillis, false, s);
            RoutePlan plan = plan(bound, policy, rule, s);
            if (s.cacheable && plans != null) {
                plans.put(new PlanCache.Entry(rule, run, networkCode, senderType.ordinal(), sell, epoch,
                        s.validFrom, s.validUntil, plan));
            }
            return plan;
        } finally {
            s.reset();
        }
    }

    private static RoutePlan plan(Bound bound, CompiledPolicy policy, CompiledPolicy.Rule rule, Scratch s) {
        if (s.topCount == 0) {
            return rejection(s, policy);
        }
        RouteCandidate[] candidates = new RouteCandidate[s.topCount];
        RateTable rates = bound.snapshot.rates();
        for (int i = 0; i < s.topCount; i++) {
            int c = s.top[i];
            int e = s.entry[c];
            RouteCandidate.Choice choice = choice(rule, s.probe[c]);
            RouteCandidate candidate = bound.candidates[e];
            if (candidate == null || candidate.choice() != choice) {
                candidate = new RouteCandidate(bound.snapshot.carrier(c).id(), rates.priceMicros(e), rates.currency(e),
                        rates.costMicros(e), choice, rates.country(e), rates.tier(e));
                bound.candidates[e] = candidate;
            }
            candidates[i] = candidate;
        }
        List<RouteCandidate> list = switch (candidates.length) {
            case 1 -> List.of(candidates[0]);
            case 2 -> List.of(candidates[0], candidates[1]);
            default -> List.of(candidates);
        };
        return new RoutePlan.Routed(list, policy.source.failover());
    }

    /**
     * Every carrier that prices the request's destination at {@code now}, with its price, health and verdict,
     * and the plan {@link #decide} would return.
     */
    public Explanation explain(RouteRequest request, Instant now) {
        Bound bound = current.get();
        long nowMillis = now.toEpochMilli();
        RoutingSnapshot snapshot = bound.snapshot;
        String destination = request.destination();
        NetworkSource source = networkSource(snapshot, request);
        Optional<MccMnc> network = Optional.ofNullable(source.network);
        CompiledPolicy policy = Digits.isNumber(destination) ? snapshot.policyFor(request.accountId()) : null;
        CompiledPolicy.Rule rule = policy == null ? null : policy.ruleFor(destination);
        if (rule == null || rule.kind == CompiledPolicy.Kind.BLOCKED) {
            RoutePolicy shown = rule == null ? new RoutePolicy.Blocked() : rule.source;
            return new Explanation(request, network, source.kind, shown, List.of(), decide(bound, request, nowMillis));
        }
        Scratch s = new Scratch();
        s.fit(snapshot.carrierCount());
        // Every candidate is evaluated here (no early stop, no cache), so this plan also checks the one decide
        // returns.
        int matches = snapshot.rates().prefixRuns(destination, s.path);
        evaluate(bound, rule, request.routingKey(), snapshot.rates().anyNetworkRates() ? source.network : null,
                matches, SenderType.of(request.sender()), policy.sellCostMicros(destination), policy.maxRoutes(),
                nowMillis, true, s);
        RoutePlan plan = plan(bound, policy, rule, s);
        RateTable rates = snapshot.rates();
        int[] rankOf = new int[snapshot.carrierCount()];
        for (int i = 0; i < s.topCount; i++) {
            rankOf[s.top[i]] = i + 1;
        }
        Integer[] order = new Integer[s.touchedCount];
        for (int i = 0; i < order.length; i++) {
            order[i] = s.touched[i];
        }
        Arrays.sort(order, (a, b) -> rankOf[a] != 0 && rankOf[b] != 0 ? Integer.compare(rankOf[a], rankOf[b])
                : rankOf[a] != 0 ? -1 : rankOf[b] != 0 ? 1 : Integer.compare(a, b));
        List<Explanation.CandidateExplanation> out = new ArrayList<>();
        for (int c : order) {
            int e = s.entry[c];
            CarrierHealth country = bound.countryHealth[c * bound.names + rates.countryIndex(e)];
            Explanation.Verdict verdict = s.verdict[c] == Explanation.Verdict.RANKED_OUT && rankOf[c] > 0
                    ? Explanation.Verdict.CHOSEN : s.verdict[c];
            String matched = s.byNetwork[c] ? String.valueOf(source.network) : matchedPrefix(rates, e);
            out.add(new Explanation.CandidateExplanation(snapshot.carrier(c).id(), matched, rates.priceMicros(e),
                    rates.currency(e), rates.costMicros(e), rates.tier(e), bound.carrierHealth[c].status(),
                    Optional.ofNullable(country).map(CarrierHealth::status), verdict, s.score[c], rankOf[c]));
        }
        return new Explanation(request, network, source.kind, rule.source, out, plan);
    }

    /**
     * What to do after {@code outcome} on the message's current route: the next usable route of its plan (health
     * rechecked at {@code now}), the same route again (throttled), or failure with a reason.
     */
    public FailoverDecision failover(RouteAttempts attempts, Outcome outcome, Instant now) {
        FailoverDecision decision = decideFailover(attempts, outcome, now);
        listener.failedOver(attempts.route().carrierId(), outcome, decision);
        return decision;
    }

    private FailoverDecision decideFailover(RouteAttempts attempts, Outcome outcome, Instant now) {
        FailoverPolicy policy = attempts.plan().failover();
        String carrier = attempts.route().carrierId();
        boolean throttled = outcome instanceof Outcome.SubmitFailed failed && failed.throttled();
        if (!throttled && !outcome.movesOn(policy)) {
            return outcome instanceof Outcome.ResponseTimeout
                    ? new FailoverDecision.Fail(RoutePlan.Reason.RESPONSE_TIMEOUT, "no response from " + carrier)
                    : new FailoverDecision.Fail(RoutePlan.Reason.MESSAGE_REFUSED, outcome + " from " + carrier);
        }
        if (!policy.mayWait(attempts.firstRoutedAt(), now)) {
            return new FailoverDecision.Fail(RoutePlan.Reason.ROUTE_WAIT_EXPIRED, outcome + " from " + carrier
                    + " after max-route-wait " + policy.maxRouteWait());
        }
        if (throttled) {
            return new FailoverDecision.RetrySame(attempts);
        }
        List<RouteCandidate> routes = attempts.plan().candidates();
        long nowMillis = now.toEpochMilli();
        for (int i = attempts.current() + 1; i < routes.size(); i++) {
            if (usable(routes.get(i), nowMillis)) {
                return new FailoverDecision.TryNext(attempts.at(i));
            }
        }
        return new FailoverDecision.Fail(RoutePlan.Reason.ROUTES_EXHAUSTED,
                outcome + " from " + carrier + ", no usable route left of " + routes.size());
    }

    private boolean usable(RouteCandidate route, long nowMillis) {
        HealthStatus carrier = health.status(route.carrierId());
        if (!carrier.bindUp() || carrier.circuitAt(nowMillis) == CircuitState.OPEN) {
            return false;
        }
        return route.country().isEmpty()
                || health.status(route.carrierId(), route.country()).circuitAt(nowMillis) != CircuitState.OPEN;
    }

    // ---- evaluation shared by decide and explain ----

    /**
     * Finds each carrier's rate in force (its network rate, else its deepest prefix), then judges and ranks the
     * carriers into {@code s.top}, in one pass from the deepest prefix to the shortest. Groups are stored cheapest
     * first, so under least cost (where a score is never below the cost) a group's remaining entries cannot enter a
     * full top once one costs more than its worst: they are only marked as resolved (so a shorter prefix of the
     * same carrier is not used instead), and the shortest group is simply left. The plan is the one judging every
     * carrier would give, which {@code full} does for explanations.
     */
    private void evaluate(Bound bound, CompiledPolicy.Rule rule, long routingKey, MccMnc network, int matches,
                          SenderType senderType, long sell, int maxRoutes, long nowMillis, boolean full, Scratch s) {
        RoutingSnapshot snapshot = bound.snapshot;
        RateTable rates = snapshot.rates();
        int limit = Math.min(maxRoutes, s.top.length);
        boolean stopEarly = !full && rule.kind == CompiledPolicy.Kind.LEAST_COST;
        s.startWindow(rule.kind != CompiledPolicy.Kind.WEIGHTED);
        if (network != null) {
            networkRates(snapshot, rates, network.code(), nowMillis, s);
            for (int t = 0; t < s.touchedCount; t++) {
                int c = s.touched[t];
                judge(bound, rule, c, s.entry[c], senderType, sell, routingKey, nowMillis, limit, s);
            }
        }
        s.runWords += rates.touchRuns(s.path, matches);
        for (int m = matches - 1; m >= 0; m--) {
            boolean judging = true;
            int e = s.path[m] - 1;
            do {
                e++;
                int c = rates.carrier(e);
                if (s.entry[c] >= 0) {
                    continue; // resolved by a network or longer prefix
                }
                if (!rates.inForce(e, nowMillis)) {
                    s.outOfForce(rates, e, nowMillis);
                    continue;
                }
                if (judging && stopEarly && s.topCount == limit && rates.costMicros(e) > s.score[s.top[limit - 1]]) {
                    if (m == 0) {
                        break; // no shorter prefix left for the rest to fall back on
                    }
                    judging = false;
                }
                s.entry[c] = e;
                s.touched[s.touchedCount++] = c;
                s.inForce(rates, e);
                if (judging) {
                    judge(bound, rule, c, e, senderType, sell, routingKey, nowMillis, limit, s);
                }
            } while (!rates.lastOfRun(e));
        }
    }

    private static void networkRates(RoutingSnapshot snapshot, RateTable rates, int code, long nowMillis, Scratch s) {
        for (int c = 0; c < snapshot.carrierCount(); c++) {
            if (!rates.hasNetworkRates(c)) {
                continue;
            }
            int e = rates.networkRun(c, code);
            if (e < 0) {
                continue;
            }
            for (; ; e++) {
                if (rates.inForce(e, nowMillis)) {
                    // The network's rate beats a prefix rate: the prefix may have been ported away.
                    s.entry[c] = e;
                    s.touched[s.touchedCount++] = c;
                    s.byNetwork[c] = true;
                    s.inForce(rates, e);
                    break; // at most one version of a carrier's rate is in force
                }
                s.outOfForce(rates, e, nowMillis);
                if (rates.lastOfRun(e)) {
                    break;
                }
            }
        }
    }

    private void judge(Bound bound, CompiledPolicy.Rule rule, int c, int e, SenderType senderType, long sell,
                       long routingKey, long nowMillis, int limit, Scratch s) {
        Explanation.Verdict verdict = verdict(bound, rule, c, e, senderType, sell, routingKey, nowMillis, s);
        s.verdict[c] = verdict;
        if (verdict.eligible()) {
            s.score[c] = score(bound, rule, c, e, routingKey);
            insertTop(s, c, limit);
        }
    }

    private Explanation.Verdict verdict(Bound bound, CompiledPolicy.Rule rule, int c, int e, SenderType senderType,
                                        long sell, long routingKey, long nowMillis, Scratch s) {
        RateTable rates = bound.snapshot.rates();
        if (rule.position[c] < 0) {
            return Explanation.Verdict.NOT_IN_POLICY;
        }
        if (!bound.snapshot.allowsSender(c, senderType)) {
            return Explanation.Verdict.SENDER_NOT_ALLOWED;
        }
        if (rule.minTier >= 0 && rates.tier(e) < rule.minTier) {
            return Explanation.Verdict.BELOW_TIER;
        }
        if (sell >= 0 && rates.costMicros(e) > sell) {
            return Explanation.Verdict.ABOVE_SELL_PRICE;
        }
        CarrierHealth carrier = bound.carrierHealth[c];
        long gate = carrier.gate();
        if (gate == CarrierHealth.BIND_DOWN) {
            return Explanation.Verdict.BIND_DOWN;
        }
        CarrierHealth country = countryHealth(bound, carrier, c, e);
        long countryGate = country == null ? CarrierHealth.USABLE : country.gate();
        if (gate > nowMillis || countryGate > nowMillis) {
            s.validUntil = Math.min(s.validUntil, gate > nowMillis ? gate : countryGate); // it half-opens then
            return Explanation.Verdict.CIRCUIT_OPEN;
        }
        if (gate != CarrierHealth.USABLE || countryGate != CarrierHealth.USABLE) { // half-open
            s.cacheable = false; // whether this message probes depends on its routing key
            if (Math.floorMod(mix(routingKey + (c + 1) * GOLDEN), health.config().probeOneIn()) != 0) {
                return Explanation.Verdict.NOT_PROBING;
            }
            s.probe[c] = true;
        }
        if (rule.minDeliveredPpm >= 0) {
            int delivered = country != null && country.deliveredPpm() >= 0 ? country.deliveredPpm() : carrier.deliveredPpm();
            if (delivered >= 0 && delivered < rule.minDeliveredPpm) {
                return Explanation.Verdict.BELOW_QUALITY;
            }
        }
        return Explanation.Verdict.RANKED_OUT; // eligible; CHOSEN once it makes the top
    }

    /** The carrier-and-country health of an entry, or null: not read (one miss less) while the carrier has none. */
    private static CarrierHealth countryHealth(Bound bound, CarrierHealth carrier, int c, int e) {
        if (!carrier.countryReports()) {
            return null;
        }
        return bound.countryHealth[c * bound.names + bound.snapshot.rates().countryIndex(e)];
    }

    private long score(Bound bound, CompiledPolicy.Rule rule, int c, int e, long routingKey) {
        RateTable rates = bound.snapshot.rates();
        return switch (rule.kind) {
            case LEAST_COST -> {
                long cost = rates.costMicros(e);
                if (rule.failedDeliveryCostMicros == 0) {
                    yield cost;
                }
                CarrierHealth carrier = bound.carrierHealth[c];
                CarrierHealth country = countryHealth(bound, carrier, c, e);
                int failurePpm = country != null && country.hasSubmits() ? country.failurePpm() : carrier.failurePpm();
                yield cost + Math.round(failurePpm * (rule.failedDeliveryCostMicros / 1e6));
            }
            case PRIORITY, PINNED -> rule.position[c];
            case WEIGHTED -> {
                // Weighted rendezvous hashing: -ln(u)/w is exponential with rate w, so the smallest is carrier c
                // with probability w_c / sum(w), and the rest follow as a weighted order without replacement.
                double u = ((mix64(routingKey ^ (c + 1) * GOLDEN) >>> 11) + 1) * 0x1.0p-53;
                yield Double.doubleToLongBits(-Math.log(u) / rule.weight[c]);
            }
            case BLOCKED -> throw new IllegalStateException("blocked rule scored");
        };
    }

    /** Keeps the best {@code limit} eligible carriers in {@code s.top}, ordered by score then carrier index. */
    private static void insertTop(Scratch s, int c, int limit) {
        int at = s.topCount;
        while (at > 0 && better(s, c, s.top[at - 1])) {
            at--;
        }
        if (at >= limit) {
            return;
        }
        for (int i = Math.min(s.topCount, limit - 1); i > at; i--) { // a few places: cheaper than arraycopy
            s.top[i] = s.top[i - 1];
        }
        s.top[at] = c;
        s.topCount = Math.min(s.topCount + 1, limit);
    }

    private static boolean better(Scratch s, int c, int other) {
        long a = s.score[c];
        long b = s.score[other];
        return a != b ? a < b : c < other;
    }

    private static RouteCandidate.Choice choice(CompiledPolicy.Rule rule, boolean probe) {
        if (probe) {
            return RouteCandidate.Choice.PROBE;
        }
        return switch (rule.kind) {
            case LEAST_COST -> RouteCandidate.Choice.LEAST_COST;
            case PRIORITY -> RouteCandidate.Choice.PRIORITY;
            case WEIGHTED -> RouteCandidate.Choice.WEIGHTED;
            case PINNED -> RouteCandidate.Choice.PINNED;
            case BLOCKED -> throw new IllegalStateException("blocked rule chose a route");
        };
    }

    private static RoutePlan rejection(Scratch s, CompiledPolicy policy) {
        if (s.touchedCount == 0) {
            return new RoutePlan.Rejected(RoutePlan.Reason.NO_ROUTE, "no carrier prices the destination");
        }
        boolean recoverable = false;
        boolean abovePrice = false;
        boolean sender = false;
        for (int t = 0; t < s.touchedCount; t++) {
            Explanation.Verdict verdict = s.verdict[s.touched[t]];
            if (verdict == null) {
                continue; // not judged: only happens once a full top was found, so not here
            }
            recoverable |= verdict.recoverable();
            abovePrice |= verdict == Explanation.Verdict.ABOVE_SELL_PRICE;
            sender |= verdict == Explanation.Verdict.SENDER_NOT_ALLOWED;
        }
        if (recoverable) {
            return new RoutePlan.Rejected(RoutePlan.Reason.ROUTES_UNAVAILABLE,
                    "no usable route now (bind down, breaker open or below quality floor)");
        }
        if (abovePrice) {
            return new RoutePlan.Rejected(RoutePlan.Reason.ABOVE_PRICE, "every route costs more than the sell price");
        }
        if (sender) {
            return new RoutePlan.Rejected(RoutePlan.Reason.SENDER_NOT_ALLOWED, "no route accepts this sender ID");
        }
        return new RoutePlan.Rejected(RoutePlan.Reason.NO_ROUTE, "no carrier that policy " + policy.name
                + " allows prices the destination at its tier floor");
    }

    // ---- network ----

    private static MccMnc network(RoutingSnapshot snapshot, RouteRequest request) {
        if (request.portedNetwork().isPresent()) {
            return request.portedNetwork().get();
        }
        if (snapshot.hasPortability()) {
            Optional<MccMnc> ported = snapshot.portedNetwork(request.destination());
            if (ported.isPresent()) {
                return ported.get();
            }
        }
        return snapshot.planNetwork(request.destination());
    }

    private record NetworkSource(Explanation.NetworkSource kind, MccMnc network) {
    }

    private static NetworkSource networkSource(RoutingSnapshot snapshot, RouteRequest request) {
        if (request.portedNetwork().isPresent()) {
            return new NetworkSource(Explanation.NetworkSource.REQUEST, request.portedNetwork().get());
        }
        Optional<MccMnc> ported = snapshot.portedNetwork(request.destination());
        if (ported.isPresent()) {
            return new NetworkSource(Explanation.NetworkSource.PORTABILITY_TABLE, ported.get());
        }
        MccMnc plan = Digits.isNumber(request.destination()) ? snapshot.planNetwork(request.destination()) : null;
        return plan != null ? new NetworkSource(Explanation.NetworkSource.NUMBERING_PLAN, plan)
                : new NetworkSource(Explanation.NetworkSource.UNKNOWN, null);
    }

    private static String matchedPrefix(RateTable rates, int entry) {
        return rates.prefixOf(entry);
    }

    /** A 64-bit finaliser (SplitMix64) so that neighbouring routing keys spread over the whole range. */
    static long mix64(long key) {
        long h = key + GOLDEN;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    static int mix(long key) {
        return (int) (mix64(key) >>> 32);
    }
}
