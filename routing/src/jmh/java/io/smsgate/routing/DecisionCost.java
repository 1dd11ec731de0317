package io.smsgate.routing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * The cost of one decision measured in ways a loaded machine distorts little: CPU time of the deciding thread and of
 * the whole process (which includes the collector's work for what the decisions allocate), and bytes allocated, over {@code rounds} rounds of {@code n} decisions after {@code warmup} decisions, on the world of
 * {@link RouterBenchmark}. With a last argument {@code callgrind}, run under {@code valgrind --tool=callgrind
 * --instr-atstart=no}, it switches instruction counting on for the measured rounds only, so that the total
 * divided by {@code rounds * n} is the instructions per decision.
 *
 * <p>Usage: {@code DecisionCost <healthReports> <warmup> <n> <rounds> [decide|fresh|lookup] [callgrind]}; {@code fresh}
 * decides without plan reuse.
 */
public final class DecisionCost {
    private static long sink;

    private DecisionCost() {
    }

    public static void main(String[] args) throws Exception {
        boolean healthReports = Boolean.parseBoolean(args[0]);
        long warmup = Long.parseLong(args[1]);
        long n = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String mode = args.length > 4 ? args[4] : "decide";
        boolean lookup = mode.equals("lookup");
        boolean callgrind = args.length > 5 && args[5].equals("callgrind");
        SyntheticDeck deck = new SyntheticDeck(1_000_000, 50, 42);
        Random random = new Random(7);
        RoutingSnapshot snapshot = deck.snapshot(random);
        HealthBoard board = new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP);
        Router router = new Router(snapshot, board, RoutingListener.NOOP, !mode.equals("fresh"));
        Instant now = SyntheticDeck.T0.plusSeconds(86_400);
        if (healthReports) {
            Instant at = now.minusSeconds(5);
            for (int c = 0; c < deck.carriers; c++) {
                for (String country : deck.countryCodes) {
                    for (int i = 0; i < 60; i++) { // as in RouterBenchmark: every carrier stays usable
                        board.submitted(SyntheticDeck.carrierId(c), country,
                                i % 20 == 0 ? SubmitResult.ERROR : SubmitResult.ACCEPTED, Duration.ofMillis(40), at);
                        board.receipt(SyntheticDeck.carrierId(c), country, i % 10 != 0, Duration.ofSeconds(4), at);
                    }
                }
            }
        }
        String[] destinations = deck.destinations(RouterBenchmark.World.DESTINATIONS, random);
        RouteRequest[] requests = new RouteRequest[destinations.length];
        for (int i = 0; i < destinations.length; i++) {
            requests[i] = RouteRequest.of("acme", destinations[i], "ACME", random.nextLong());
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        run(lookup, router, requests, destinations, now, warmup);
        if (callgrind) {
            callgrind("on");
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpu = new double[rounds];
        double[] process = new double[rounds];
        double[] allocated = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long nanos = threads.getCurrentThreadCpuTime();
            long processNanos = os.getProcessCpuTime();
            run(lookup, router, requests, destinations, now, n);
            cpu[r] = (threads.getCurrentThreadCpuTime() - nanos) / (double) n;
            process[r] = (os.getProcessCpuTime() - processNanos) / (double) n;
            allocated[r] = (threads.getCurrentThreadAllocatedBytes() - bytes) / (double) n;
        }
        if (callgrind) {
            callgrind("off");
        }
        Arrays.sort(cpu);
        Arrays.sort(process);
        Arrays.sort(allocated);
        System.out.printf("%s healthReports=%s n=%d rounds=%d: thread CPU ns/op min %.1f median %.1f, process CPU ns/op"
                        + " min %.1f median %.1f, B/op median %.2f (%d)%n", lookup ? "lookup" : "decide", healthReports, n,
                rounds, cpu[0], cpu[rounds / 2], process[0], process[rounds / 2], allocated[rounds / 2], sink);
        System.out.println("mode=" + mode);
    }

    private static void run(boolean lookup, Router router, RouteRequest[] requests, String[] destinations,
                            Instant now, long n) {
        int mask = requests.length - 1;
        long s = 0;
        if (lookup) {
            RateTable rates = router.snapshot().rates();
            int[] path = new int[Digits.MAX_DIGITS + 1];
            for (long i = 0; i < n; i++) {
                s += rates.prefixRuns(destinations[(int) i & mask], path);
            }
        } else {
            for (long i = 0; i < n; i++) {
                s += router.decide(requests[(int) i & mask], now) instanceof RoutePlan.Routed routed
                        ? routed.candidates().size() : 0;
            }
        }
        sink += s;
    }

    private static void callgrind(String instrumentation) throws Exception {
        new ProcessBuilder("callgrind_control", "-i", instrumentation, Long.toString(ProcessHandle.current().pid()))
                .inheritIO().start().waitFor();
    }
}
