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
 * <p>Allocation: {@link #decide} allocates only the returned plan (its list and candidates) once the calling
 * thread's scratch arrays exist; a rejection allocates its detail text. {@link #explain} allocates freely.
 */
public final class Router {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final AtomicReference<Bound> current;
    private final HealthBoard health;
    private final RoutingListener listener;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** A snapshot with the health of its carriers (and carrier-and-country pairs) resolved by index. */
    private static final class Bound {
        final RoutingSnapshot snapshot;
        final CarrierHealth[] carrierHealth;
        /** [carrier * nameCount + country name index], null where the pair has no rates. */
        final CarrierHealth[] countryHealth;
        final int names;

        Bound(RoutingSnapshot snapshot, HealthBoard board) {
            this.snapshot = snapshot;
            int carriers = snapshot.carrierCount();
            RateTable rates = snapshot.rates();
            this.names = rates.nameCount();
            this.carrierHealth = new CarrierHealth[carriers];
            this.countryHealth = new CarrierHealth[carriers * names];
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

    /** Per-thread working arrays, so that a decision allocates nothing but its plan. */
    private static final class Scratch {
        final int[] path = new int[Digits.MAX_DIGITS + 1];
        int[] entry = new int[0];
        boolean[] byNetwork = new boolean[0];
        int[] touched = new int[0];
        Explanation.Verdict[] verdict = new Explanation.Verdict[0];
        long[] score = new long[0];
        boolean[] probe = new boolean[0];
        final int[] top = new int[16];
        int touchedCount;
        int topCount;

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
                entry[touched[i]] = -1;
                byNetwork[touched[i]] = false;
            }
            touchedCount = 0;
            topCount = 0;
        }
    }

    public Router(RoutingSnapshot initial, HealthBoard health, RoutingListener listener) {
        this.health = requireNonNull(health, "health");
        this.listener = requireNonNull(listener, "listener");
        this.current = new AtomicReference<>(new Bound(requireNonNull(initial, "initial"), health));
    }

    public RoutingSnapshot snapshot() {
        return current.get().snapshot;
    }

    public HealthBoard health() {
        return health;
    }

    /** Makes {@code next} the snapshot of every later decision, without pausing the ones in progress. */
    public void replace(RoutingSnapshot next) {
        Bound bound = new Bound(requireNonNull(next, "next"), health);
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
            evaluate(bound, policy, rule, request, network(bound.snapshot, request), nowMillis, s);
            if (s.topCount == 0) {
                return rejection(s, policy);
            }
            RouteCandidate[] candidates = new RouteCandidate[s.topCount];
            RateTable rates = bound.snapshot.rates();
            for (int i = 0; i < s.topCount; i++) {
                int c = s.touched[s.top[i]];
                int e = s.entry[c];
                candidates[i] = new RouteCandidate(bound.snapshot.carrier(c).id(), rates.priceMicros(e),
                        rates.currency(e), rates.costMicros(e), choice(rule, s.probe[s.top[i]]), rates.country(e),
                        rates.tier(e));
            }
            return new RoutePlan.Routed(List.of(candidates), policy.source.failover());
        } finally {
            s.reset();
        }
    }

    /**
     * Every carrier that prices the request's destination at {@code now}, with its price, health and verdict,
     * and the plan {@link #decide} would return.
     */
    public Explanation explain(RouteRequest request, Instant now) {
        Bound bound = current.get();
        long nowMillis = now.toEpochMilli();
        RoutePlan plan = decide(bound, request, nowMillis);
        RoutingSnapshot snapshot = bound.snapshot;
        String destination = request.destination();
        CompiledPolicy policy = Digits.isNumber(destination) ? snapshot.policyFor(request.accountId()) : null;
        NetworkSource source = networkSource(snapshot, request);
        Optional<MccMnc> network = Optional.ofNullable(source.network);
        if (policy == null) {
            return new Explanation(request, network, source.kind, new RoutePolicy.Blocked(), List.of(), plan);
        }
        CompiledPolicy.Rule rule = policy.ruleFor(destination);
        if (rule.kind == CompiledPolicy.Kind.BLOCKED) {
            return new Explanation(request, network, source.kind, rule.source, List.of(), plan);
        }
        Scratch s = new Scratch();
        s.fit(snapshot.carrierCount());
        evaluate(bound, policy, rule, request, source.network, nowMillis, s);
        RateTable rates = snapshot.rates();
        List<Explanation.CandidateExplanation> out = new ArrayList<>();
        int[] rankOf = new int[s.touchedCount];
        for (int i = 0; i < s.topCount; i++) {
            rankOf[s.top[i]] = i + 1;
        }
        Integer[] order = new Integer[s.touchedCount];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> rankOf[a] != 0 && rankOf[b] != 0 ? Integer.compare(rankOf[a], rankOf[b])
                : rankOf[a] != 0 ? -1 : rankOf[b] != 0 ? 1 : Integer.compare(s.touched[a], s.touched[b]));
        for (int t : order) {
            int c = s.touched[t];
            int e = s.entry[c];
            CarrierHealth country = bound.countryHealth[c * bound.names + rates.countryIndex(e)];
            Explanation.Verdict verdict = s.verdict[t] == Explanation.Verdict.RANKED_OUT && rankOf[t] > 0
                    ? Explanation.Verdict.CHOSEN : s.verdict[t];
            String matched = s.byNetwork[c] ? String.valueOf(source.network) : matchedPrefix(rates, s, destination, e);
            out.add(new Explanation.CandidateExplanation(snapshot.carrier(c).id(), matched, rates.priceMicros(e),
                    rates.currency(e), rates.costMicros(e), rates.tier(e), bound.carrierHealth[c].status(),
                    Optional.ofNullable(country).map(CarrierHealth::status), verdict, s.score[t], rankOf[t]));
        }
        return new Explanation(request, network, source.kind, rule.source, out, plan);
    }

    /**
     * What to do after {@code outcome} on the message's current route: the next usable route of its plan (health
     * rechecked at {@code now}), the same route again (throttled), or failure with a reason.
     */
    public FailoverDecision failover(RouteAttempts attempts, Outcome outcome, Instant now) {
        FailoverDecision decision = decideFailover(current.get(), attempts, outcome, now);
        listener.failedOver(attempts.route().carrierId(), outcome, decision);
        return decision;
    }

    private FailoverDecision decideFailover(Bound bound, RouteAttempts attempts, Outcome outcome, Instant now) {
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
            if (usable(bound, routes.get(i), nowMillis)) {
                return new FailoverDecision.TryNext(attempts.at(i));
            }
        }
        return new FailoverDecision.Fail(RoutePlan.Reason.ROUTES_EXHAUSTED,
                outcome + " from " + carrier + ", no usable route left of " + routes.size());
    }

    private boolean usable(Bound bound, RouteCandidate route, long nowMillis) {
        HealthStatus carrier = health.status(route.carrierId());
        if (!carrier.bindUp() || carrier.circuitAt(nowMillis) == CircuitState.OPEN) {
            return false;
        }
        return route.country().isEmpty()
                || health.status(route.carrierId(), route.country()).circuitAt(nowMillis) != CircuitState.OPEN;
    }

    // ---- evaluation shared by decide and explain ----

    private void evaluate(Bound bound, CompiledPolicy policy, CompiledPolicy.Rule rule, RouteRequest request,
                          MccMnc network, long nowMillis, Scratch s) {
        RoutingSnapshot snapshot = bound.snapshot;
        RateTable rates = snapshot.rates();
        String destination = request.destination();
        int matches = rates.prefixGroups(destination, s.path);
        for (int m = 0; m < matches; m++) {
            int group = s.path[m];
            for (int e = rates.groupStart(group), end = rates.groupEnd(group); e < end; e++) {
                if (rates.inForce(e, nowMillis)) {
                    int c = rates.carrier(e);
                    if (s.entry[c] < 0) {
                        s.touched[s.touchedCount++] = c;
                    }
                    s.entry[c] = e; // deeper prefixes come later and override
                }
            }
        }
        if (network != null && rates.anyNetworkRates()) {
            int code = network.code();
            for (int c = 0; c < snapshot.carrierCount(); c++) {
                if (!rates.hasNetworkRates(c)) {
                    continue;
                }
                int group = rates.networkGroup(c, code);
                if (group < 0) {
                    continue;
                }
                for (int e = rates.groupStart(group), end = rates.groupEnd(group); e < end; e++) {
                    if (rates.inForce(e, nowMillis)) {
                        if (s.entry[c] < 0) {
                            s.touched[s.touchedCount++] = c;
                        }
                        s.entry[c] = e; // the network's rate beats a prefix rate: the prefix may be ported away
                        s.byNetwork[c] = true;
                    }
                }
            }
        }
        SenderType senderType = SenderType.of(request.sender());
        long sell = policy.sellCostMicros(destination);
        int limit = Math.min(policy.maxRoutes(), s.top.length);
        for (int t = 0; t < s.touchedCount; t++) {
            int c = s.touched[t];
            int e = s.entry[c];
            s.probe[t] = false;
            Explanation.Verdict verdict = verdict(bound, rule, c, e, senderType, sell, request.routingKey(), nowMillis, s, t);
            s.verdict[t] = verdict;
            if (verdict.eligible()) {
                s.score[t] = score(bound, rule, c, e, request.routingKey());
                insertTop(s, t, limit, rates);
            }
        }
    }

    private Explanation.Verdict verdict(Bound bound, CompiledPolicy.Rule rule, int c, int e, SenderType senderType,
                                        long sell, long routingKey, long nowMillis, Scratch s, int t) {
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
        HealthStatus carrier = bound.carrierHealth[c].status();
        if (!carrier.bindUp()) {
            return Explanation.Verdict.BIND_DOWN;
        }
        CarrierHealth countryHealth = bound.countryHealth[c * bound.names + rates.countryIndex(e)];
        HealthStatus country = countryHealth == null ? HealthStatus.UNKNOWN : countryHealth.status();
        CircuitState circuit = worse(carrier.circuitAt(nowMillis), country.circuitAt(nowMillis));
        if (circuit == CircuitState.OPEN) {
            return Explanation.Verdict.CIRCUIT_OPEN;
        }
        if (circuit == CircuitState.HALF_OPEN) {
            if (Math.floorMod(mix(routingKey + (c + 1) * GOLDEN), health.config().probeOneIn()) != 0) {
                return Explanation.Verdict.NOT_PROBING;
            }
            s.probe[t] = true;
        }
        if (rule.minDeliveredRatio >= 0) {
            HealthStatus measured = country.deliveredRatio().isPresent() ? country : carrier;
            if (measured.deliveredRatio().isPresent()
                    && measured.deliveredRatio().getAsDouble() < rule.minDeliveredRatio) {
                return Explanation.Verdict.BELOW_QUALITY;
            }
        }
        return Explanation.Verdict.RANKED_OUT; // eligible; CHOSEN once it makes the top
    }

    private static CircuitState worse(CircuitState a, CircuitState b) {
        if (a == CircuitState.OPEN || b == CircuitState.OPEN) {
            return CircuitState.OPEN;
        }
        return a == CircuitState.HALF_OPEN || b == CircuitState.HALF_OPEN ? CircuitState.HALF_OPEN : CircuitState.CLOSED;
    }

    private long score(Bound bound, CompiledPolicy.Rule rule, int c, int e, long routingKey) {
        RateTable rates = bound.snapshot.rates();
        return switch (rule.kind) {
            case LEAST_COST -> {
                long cost = rates.costMicros(e);
                if (rule.failedDeliveryCostMicros == 0) {
                    yield cost;
                }
                CarrierHealth countryHealth = bound.countryHealth[c * bound.names + rates.countryIndex(e)];
                HealthStatus measured = countryHealth != null && countryHealth.status().submits() > 0
                        ? countryHealth.status() : bound.carrierHealth[c].status();
                yield cost + Math.round(measured.failureProbability() * rule.failedDeliveryCostMicros);
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

    /** Keeps the best {@code limit} eligible touched positions in {@code s.top}, ordered by score then carrier. */
    private static void insertTop(Scratch s, int t, int limit, RateTable rates) {
        int c = s.touched[t];
        int at = s.topCount;
        while (at > 0 && better(s, t, c, s.top[at - 1])) {
            at--;
        }
        if (at >= limit) {
            return;
        }
        int last = Math.min(s.topCount, limit - 1);
        System.arraycopy(s.top, at, s.top, at + 1, last - at);
        s.top[at] = t;
        s.topCount = Math.min(s.topCount + 1, limit);
    }

    private static boolean better(Scratch s, int t, int c, int other) {
        long a = s.score[t];
        long b = s.score[other];
        return a != b ? a < b : c < s.touched[other];
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
            recoverable |= s.verdict[t].recoverable();
            abovePrice |= s.verdict[t] == Explanation.Verdict.ABOVE_SELL_PRICE;
            sender |= s.verdict[t] == Explanation.Verdict.SENDER_NOT_ALLOWED;
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
        return new RoutePlan.Rejected(RoutePlan.Reason.NO_ROUTE, "no carrier of policy " + policy.name
                + " prices the destination at the required tier");
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

    private static String matchedPrefix(RateTable rates, Scratch s, String destination, int entry) {
        int matches = rates.prefixGroups(destination, s.path);
        for (int m = matches - 1; m >= 0; m--) {
            int group = s.path[m];
            if (rates.groupStart(group) <= entry && entry < rates.groupEnd(group)) {
                return rates.prefixOf(group);
            }
        }
        return "";
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
