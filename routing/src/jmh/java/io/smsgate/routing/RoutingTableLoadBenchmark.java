package io.smsgate.routing;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a 1,000,000-line CSV rate deck (parse, then compile into a snapshot), and the heap the compiled
 * 1,000,000-prefix, 50-carrier table retains (used heap after full GCs, with and without the snapshot reachable).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class RoutingTableLoadBenchmark {

    @State(Scope.Benchmark)
    public static class Deck {
        Path dir;
        Path csv;
        SyntheticDeck deck;

        @Setup(Level.Trial)
        public void write() throws IOException {
            deck = new SyntheticDeck(1_000_000, 50, 42);
            dir = Files.createTempDirectory("smsgate-deck");
            csv = dir.resolve("deck.csv");
            deck.writeCsv(csv, 1_000_000, new Random(3));
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(dir);
        }
    }

    /** Retained heap of the compiled table, reported as a secondary result in MiB. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        public double retainedMiB;
    }

    @Benchmark
    public RoutingSnapshot loadCsvDeck(Deck deck) throws IOException {
        RateDeckCsv.Result result;
        try (Reader reader = Files.newBufferedReader(deck.csv, StandardCharsets.UTF_8)) {
            result = RateDeckCsv.parse(reader, "EUR", ZoneOffset.UTC);
        }
        if (result.lines().size() != 1_000_000) {
            throw new IllegalStateException("lines: " + result.lines().size() + ", rejected: " + result.rejected().size());
        }
        return RoutingSnapshot.builder().carrier(Carrier.of("c"))
                .rateCard(result.toCard("c", "EUR", SyntheticDeck.T0))
                .policy("p", AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST)).defaultPolicy("p").build();
    }

    @Benchmark
    public int retainedHeapOfOneMillionPrefixTable(Deck deck, Heap heap) {
        RoutingSnapshot snapshot = deck.deck.snapshot(new Random(7));
        Router router = new Router(snapshot, new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP),
                RoutingListener.NOOP);
        long with = usedAfterGc();
        int prefixes = router.snapshot().prefixCount();
        router = null;
        snapshot = null;
        long without = usedAfterGc();
        heap.retainedMiB = (with - without) / (1024.0 * 1024.0);
        return prefixes;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) { // until it settles: finalisation and reference processing take rounds
            memory.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
