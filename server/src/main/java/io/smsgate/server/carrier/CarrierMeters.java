package io.smsgate.server.carrier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The meters of one carrier, each described once (STYLE.md Metrics): window in use, binds up, queue depth and
 * age, carrier latency by status, errors by status, resubmissions after an unknown outcome (the duplicate risk),
 * ack-to-commit time, receipts and MOs by outcome. Tagged by {@code carrier}, a set bounded by configuration.
 */
final class CarrierMeters {

    private final MeterRegistry registry;
    private final String carrier;
    private final ConcurrentHashMap<Integer, Timer> latencyByStatus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> errorsByStatus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> receipts = new ConcurrentHashMap<>();
    final Timer timeouts;
    final Timer queueAge;
    final Timer ackToCommit;
    final Counter resubmissions;
    final Counter throttled;
    final Counter bindFailures;
    final Counter mo;

    CarrierMeters(MeterRegistry registry, String carrier) {
        this.registry = registry;
        this.carrier = carrier;
        this.timeouts = Timer.builder("smsgate.smpp.outbound.requests")
                .description("Our requests from send to response or expiry")
                .tags("side", "carrier", "command", "submit_sm", "status", "timeout", "carrier", carrier)
                .register(registry);
        this.queueAge = Timer.builder("smsgate.carrier.queue.age")
                .description("Time a message waited in its carrier queue before its submit_sm went out")
                .tag("carrier", carrier).register(registry);
        this.ackToCommit = Timer.builder("smsgate.carrier.ack.commit")
                .description("From the carrier's submit_sm_resp to our commit of it: the duplicate window")
                .tag("carrier", carrier).register(registry);
        this.resubmissions = Counter.builder("smsgate.carrier.resubmissions")
                .description("Parts submitted again after an unknown outcome (timeout, connection lost): duplicate risk")
                .tag("carrier", carrier).register(registry);
        this.throttled = Counter.builder("smsgate.carrier.throttled")
                .description("submit_sm answered ESME_RTHROTTLED or ESME_RMSGQFUL: the bind slowed down")
                .tag("carrier", carrier).register(registry);
        this.bindFailures = Counter.builder("smsgate.carrier.bind.failures")
                .description("Bind attempts that failed (connect, refused, timeout)")
                .tag("carrier", carrier).register(registry);
        this.mo = Counter.builder("smsgate.carrier.mo")
                .description("Whole MO messages received from the carrier")
                .tag("carrier", carrier).register(registry);
    }

    void gauges(Supplier<Number> windowInUse, Supplier<Number> bindsUp, Supplier<Number> queueDepth,
                Supplier<Number> rate) {
        Gauge.builder("smsgate.carrier.window.in.use", windowInUse).description("submit_sm awaiting a response")
                .tag("carrier", carrier).register(registry);
        Gauge.builder("smsgate.carrier.binds", bindsUp).description("Bound binds")
                .tag("carrier", carrier).register(registry);
        Gauge.builder("smsgate.carrier.queue.depth", queueDepth).description("Messages waiting for a bind")
                .tag("carrier", carrier).register(registry);
        Gauge.builder("smsgate.carrier.rate", rate).description("Sum of the binds' adaptive rates, submits/s")
                .tag("carrier", carrier).register(registry);
    }

    void answered(CommandStatus status, long elapsedNanos) {
        latencyByStatus.computeIfAbsent(status.code(), code -> Timer.builder("smsgate.smpp.outbound.requests")
                .description("Our requests from send to response or expiry")
                .tags("side", "carrier", "command", "submit_sm", "status", status.name(), "carrier", carrier)
                .register(registry)).record(elapsedNanos, TimeUnit.NANOSECONDS);
        if (!status.isOk()) {
            errorsByStatus.computeIfAbsent(status.code(), code -> Counter.builder("smsgate.carrier.errors")
                    .description("submit_sm answered with an error status")
                    .tags("carrier", carrier, "status", status.name()).register(registry)).increment();
        }
    }

    void timedOut(Duration elapsed) {
        timeouts.record(elapsed);
    }

    void receipt(String outcome) {
        receipts.computeIfAbsent(outcome, o -> Counter.builder("smsgate.carrier.receipts")
                .description("Receipts from the carrier by correlation outcome")
                .tags("carrier", carrier, "outcome", o).register(registry)).increment();
    }
}
