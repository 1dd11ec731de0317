package io.smsgate.server.upstream;

/** A bounded upstream pool (password checks, staged parts) refused work at once: back-pressure, not a bug. */
final class UpstreamOverloadedException extends RuntimeException {

    UpstreamOverloadedException(String message) {
        super(message, null, false, false);
    }
}
