package io.smsgate.server.routing;

import static java.util.Objects.requireNonNull;

import io.smsgate.routing.HealthBoard;
import io.smsgate.routing.Router;
import io.smsgate.routing.RoutingListener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's routing: the {@link Router} over the configured snapshot, the {@link HealthBoard} the carrier
 * connectors feed, a ticker that ages the health windows once per bucket, and {@link #reload}, which swaps in a
 * changed configuration's snapshot without pausing traffic (the admin API calls it).
 */
public final class RoutingRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutingRuntime.class);

    private final Router router;
    private final Map<String, List<String>> routes;
    private final Set<String> carriers;
    private final Path baseDirectory;
    private final AtomicLong versions = new AtomicLong();
    private final ScheduledExecutorService ticker;

    private RoutingRuntime(RoutingConfig config, Map<String, List<String>> routes, Set<String> carriers,
                           Path baseDirectory, RoutingListener listener, Clock clock) {
        this.routes = Map.copyOf(routes);
        this.carriers = Set.copyOf(carriers);
        this.baseDirectory = requireNonNull(baseDirectory, "baseDirectory");
        RoutingSnapshots.Built built = RoutingSnapshots.build(config, this.routes, this.carriers, baseDirectory,
                versions.incrementAndGet());
        report(built);
        HealthBoard health = new HealthBoard(config.health(), listener);
        this.router = new Router(built.snapshot(), health, listener);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smsgate-routing-health");
            thread.setDaemon(true);
            return thread;
        });
        // Without events a window keeps its last rates: age it once per bucket so that an idle carrier's old
        // failures fade and the router's view follows the clock.
        long bucketMillis = Math.max(1, config.health().window().toMillis() / config.health().buckets());
        ticker.scheduleAtFixedRate(() -> health.advance(clock.instant()), bucketMillis, bucketMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Builds the routing of {@code config} (or of the static {@code routes} without rate cards) over the configured
     * {@code carriers}; deck paths are relative to {@code baseDirectory}.
     *
     * @throws IllegalArgumentException naming the key of a bad reference or deck
     */
    public static RoutingRuntime start(RoutingConfig config, Map<String, List<String>> routes, Set<String> carriers,
                                       Path baseDirectory, RoutingListener listener, Clock clock) {
        return new RoutingRuntime(config, routes, carriers, baseDirectory, listener, clock);
    }

    public Router router() {
        return router;
    }

    /**
     * Builds the snapshot of a changed {@code routing:} section and swaps it in atomically: decisions under way
     * finish on the old one, later ones use the new one, carrier health is kept. {@code routing.health} applies at
     * start only. On a bad configuration nothing changes and the exception names the key.
     */
    public synchronized RoutingSnapshots.Built reload(RoutingConfig config) {
        RoutingSnapshots.Built built = RoutingSnapshots.build(config, routes, carriers, baseDirectory,
                versions.incrementAndGet());
        router.replace(built.snapshot());
        report(built);
        return built;
    }

    private static void report(RoutingSnapshots.Built built) {
        log.info("routing snapshot version={} carriers={} prefixes={} rates={}", built.snapshot().version(),
                built.snapshot().carriers().size(), built.snapshot().prefixCount(), built.snapshot().rateCount());
        for (RoutingSnapshots.DeckReport deck : built.decks()) {
            if (deck.rejected().isEmpty()) {
                log.info("routing rate deck carrier={} file={} lines={} imported={}", deck.carrier(), deck.deck(),
                        deck.dataLines(), deck.imported());
            } else {
                log.warn("routing rate deck carrier={} file={} lines={} imported={} rejected={} first_rejected={}",
                        deck.carrier(), deck.deck(), deck.dataLines(), deck.imported(), deck.rejected().size(),
                        deck.rejected().get(0));
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
