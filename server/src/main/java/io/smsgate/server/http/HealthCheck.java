package io.smsgate.server.http;

import static java.util.Objects.requireNonNull;

/**
 * One condition for readiness ({@code GET /health/ready}): the database answers, the Journal runs, a listener is
 * bound. Runs on a worker thread, never an event loop, and should answer within a second; it may block briefly.
 */
@FunctionalInterface
public interface HealthCheck {

    Result check();

    /** The outcome of a check: up, or down with a reason an operator can act on. */
    record Result(boolean up, String detail) {

        public static final Result UP = new Result(true, "");

        public Result {
            requireNonNull(detail, "detail");
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
