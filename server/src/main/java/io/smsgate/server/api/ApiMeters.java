package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code smsgate.api.requests}: a timer per contract operation and HTTP status, from the request's arrival to its
 * response's end, on the admin {@code /metrics}; and one access log line per request at DEBUG. Requests that
 * reach no operation (unknown paths, failed authentication) are tagged {@code operation=none}.
 */
final class ApiMeters {

    static final String NAME = "smsgate.api.requests";
    private static final Logger access = LoggerFactory.getLogger("io.smsgate.server.api.access");
    private static final String OPERATION = "smsgate.operation";
    private static final String NONE = "none";
    private static final int STATUSES = 600;

    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    // Built at start, only read after: operationId -> its timers by status, registered on first use.
    private final Map<String, AtomicReferenceArray<Timer>> timers = new HashMap<>();

    ApiMeters(MeterRegistry registry, List<String> operations, LongSupplier nanoTime) {
        this.registry = requireNonNull(registry, "registry");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        operations.forEach(operation -> timers.put(operation, new AtomicReferenceArray<>(STATUSES)));
        timers.put(NONE, new AtomicReferenceArray<>(STATUSES));
    }

    /**
     * The first root handler: starts the clock and records the request when its response has ended. A platform
     * handler, so that Vert.x Web lets it run before the body handler.
     */
    PlatformHandler start() {
        return context -> {
            long start = nanoTime.getAsLong();
            context.addEndHandler(ended -> record(context, nanoTime.getAsLong() - start));
            context.next();
        };
    }

    /** The first handler of an operation's route: names the operation the request reached. */
    Handler<RoutingContext> operation(String operationId) {
        return context -> {
            context.put(OPERATION, operationId);
            context.next();
        };
    }

    private void record(RoutingContext context, long nanos) {
        String operation = context.get(OPERATION, NONE);
        int status = context.response().getStatusCode();
        timer(operation, status).record(nanos, TimeUnit.NANOSECONDS);
        if (access.isDebugEnabled()) {
            access.debug("api request method={} path={} operation={} status={} micros={} remote={}",
                    context.request().method(), context.request().path(), operation, status,
                    TimeUnit.NANOSECONDS.toMicros(nanos), context.request().remoteAddress());
        }
    }

    Timer timer(String operation, int status) {
        AtomicReferenceArray<Timer> byStatus = timers.getOrDefault(operation, timers.get(NONE));
        int slot = status >= 0 && status < STATUSES ? status : 0;
        Timer timer = byStatus.get(slot);
        if (timer == null) {
            // Two threads may both register: the registry returns the same meter for the same id.
            timer = Timer.builder(NAME)
                    .description("HTTP API requests, from arrival to the end of the response")
                    .tags("operation", timers.containsKey(operation) ? operation : NONE,
                            "status", Integer.toString(slot))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry);
            byStatus.lazySet(slot, timer);
        }
        return timer;
    }
}
