package io.smsgate.server.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What {@code GET /health/ready} asks: the server's own {@code accepting} state (set by the lifecycle once every
 * listener is bound, cleared first thing on stop) and every registered {@link HealthCheck}.
 */
public final class HealthChecks {

    /** The name of the lifecycle's own condition in the readiness report. */
    public static final String LIFECYCLE = "lifecycle";

    private final Map<String, HealthCheck> checks = new ConcurrentSkipListMap<>();
    private volatile boolean accepting;

    /** Adds a check; names are unique ({@code database}, {@code journal}, {@code smpp.upstream}). */
    public void register(String name, HealthCheck check) {
        requireNonNull(name, "name");
        requireNonNull(check, "check");
        if (name.equals(LIFECYCLE) || checks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("health check: " + name + " (expected: a name not yet registered)");
        }
    }

    public void unregister(String name) {
        checks.remove(name);
    }

    /** The lifecycle's switch: true once started, false as soon as stopping begins. */
    public void accepting(boolean value) {
        this.accepting = value;
    }

    public boolean accepting() {
        return accepting;
    }

    /** Runs every check (blocking; call off the event loop), the lifecycle first. */
    public List<Outcome> run() {
        List<Outcome> outcomes = new ArrayList<>(checks.size() + 1);
        outcomes.add(new Outcome(LIFECYCLE, accepting ? HealthCheck.Result.UP
                : HealthCheck.Result.down("not started, or stopping")));
        checks.forEach((name, check) -> outcomes.add(new Outcome(name, safely(check))));
        return outcomes;
    }

    private static HealthCheck.Result safely(HealthCheck check) {
        try {
            return requireNonNull(check.check(), "check result");
        } catch (RuntimeException e) {
            return HealthCheck.Result.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** One check's name and result. */
    public record Outcome(String name, HealthCheck.Result result) {
        public Outcome {
            requireNonNull(name, "name");
            requireNonNull(result, "result");
        }
    }
}
