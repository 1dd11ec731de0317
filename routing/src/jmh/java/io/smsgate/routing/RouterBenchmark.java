package io.smsgate.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route decisions on a table of 1,000,000 distinct prefixes over 50 carriers (plus each carrier's 200 country
 * codes), for random destinations, under a least-cost policy that weighs a failed delivery at 0.05 EUR; with and
 * without live health reports for every carrier and country; with plan reuse (health is steady here, as between
 * the health board's per-bucket updates) and without. Run with {@code -prof gc} for the allocation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RouterBenchmark {

    @State(Scope.Benchmark)
    public static class World {
        static final int DESTINATIONS = 1 << 16;

        /** Whether every carrier and carrier-and-country pair has health reports (else all are unknown). */
        @Param({"false", "true"})
        boolean healthReports;

        Router router;
        /** The same table and health, deciding every message afresh: the cost of a plan that cannot be reused. */
        Router fresh;
        RateTable rates;
        RouteRequest[] requests;
        String[] destinations;
        final Instant now = SyntheticDeck.T0.plusSeconds(86_400);

        @Setup(Level.Trial)
        public void build() {
            SyntheticDeck deck = new SyntheticDeck(1_000_000, 50, 42);
            Random random = new Random(7);
            RoutingSnapshot snapshot = deck.snapshot(random);
            HealthBoard board = new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP);
            router = new Router(snapshot, board, RoutingListener.NOOP);
            fresh = new Router(snapshot, board, RoutingListener.NOOP, false);
            if (healthReports) {
                Instant at = now.minusSeconds(5);
                for (int c = 0; c < deck.carriers; c++) {
                    for (String country : deck.countryCodes) {
                        for (int i = 0; i < 60; i++) { // 5% errors, 90% delivered: every carrier stays usable
                            board.submitted(SyntheticDeck.carrierId(c), country,
                                    i % 20 == 0 ? SubmitResult.ERROR : SubmitResult.ACCEPTED, Duration.ofMillis(40), at);
                            board.receipt(SyntheticDeck.carrierId(c), country, i % 10 != 0, Duration.ofSeconds(4), at);
                        }
                    }
                }
            }
            rates = snapshot.rates();
            destinations = deck.destinations(DESTINATIONS, random);
            requests = new RouteRequest[DESTINATIONS];
            for (int i = 0; i < DESTINATIONS; i++) {
                requests[i] = RouteRequest.of("acme", destinations[i], "ACME", random.nextLong());
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
        final int[] path = new int[Digits.MAX_DIGITS + 1];
    }

    /** The whole decision: lookup, 50-carrier filtering and ranking, and the plan (3 routes) it returns. */
    @Benchmark
    public RoutePlan decide(World world, Cursor cursor) {
        return world.router.decide(world.requests[cursor.next++ & (World.DESTINATIONS - 1)], world.now);
    }

    /** The whole decision without plan reuse: what a first message to a prefix, or one after a health change, costs. */
    @Benchmark
    public RoutePlan decideFresh(World world, Cursor cursor) {
        return world.fresh.decide(world.requests[cursor.next++ & (World.DESTINATIONS - 1)], world.now);
    }

    /** The prefix lookup alone: every prefix of the destination that has rates. */
    @Benchmark
    public int lookup(World world, Cursor cursor) {
        return world.rates.prefixRuns(world.destinations[cursor.next++ & (World.DESTINATIONS - 1)], cursor.path);
    }
}
