package io.smsgate.server.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One origin's concurrency limit and circuit breaker: CLOSED admits up to the limit; after {@code failures}
 * consecutive failures it is OPEN (nothing sent) for {@code openFor}; then HALF_OPEN admits one probe, whose success
 * closes it and whose failure opens it again. Guarded by the dispatcher's lock.
 */
final class EndpointGate {

    private static final Logger log = LoggerFactory.getLogger(EndpointGate.class);

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final String origin;
    private final int limit;
    private final int failuresToOpen;
    private final Duration openFor;
    private final Consumer<State> changes;
    private State state = State.CLOSED;
    private int active;
    private int failures;
    private Instant openUntil = Instant.MIN;

    /** {@code changes} hears every breaker transition (the dispatcher's meters), under the dispatcher's lock. */
    EndpointGate(String origin, int limit, int failuresToOpen, Duration openFor, Consumer<State> changes) {
        this.origin = origin;
        this.limit = limit;
        this.failuresToOpen = failuresToOpen;
        this.openFor = openFor;
        this.changes = changes;
    }

    /** Takes a slot when the breaker and the limit allow a request now. */
    boolean tryAcquire(Instant now) {
        if (state == State.OPEN) {
            if (now.isBefore(openUntil)) {
                return false;
            }
            change(State.HALF_OPEN);
        }
        int allowed = state == State.HALF_OPEN ? 1 : limit;
        if (active >= allowed) {
            return false;
        }
        active++;
        return true;
    }

    /** Whether the breaker is open: nothing is sent to this origin before {@link #openUntil()}. */
    boolean open(Instant now) {
        return state == State.OPEN && now.isBefore(openUntil);
    }

    Instant openUntil() {
        return openUntil;
    }

    /** Releases a slot with the attempt's outcome: {@code healthy} is any answer but 5xx, 429, 408 or no answer. */
    void release(boolean healthy, Instant now) {
        active--;
        if (healthy) {
            failures = 0;
            if (state != State.CLOSED) {
                change(State.CLOSED);
            }
            return;
        }
        failures++;
        if (state == State.HALF_OPEN || state == State.CLOSED && failures >= failuresToOpen) {
            openUntil = now.plus(openFor);
            change(State.OPEN);
        }
    }

    private void change(State next) {
        log.info("webhook endpoint breaker endpoint={} state={} previous={} failures={}", origin, next, state,
                failures);
        state = next;
        changes.accept(next);
    }

    State state() {
        return state;
    }

    int active() {
        return active;
    }
}
