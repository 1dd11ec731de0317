package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.http.Problem;

/**
 * A request the API refuses, carrying its problem to the one place that writes it. Control flow inside this
 * package, never a bug: no stack trace.
 */
final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = requireNonNull(problem, "problem");
    }

    Problem problem() {
        return problem;
    }
}
