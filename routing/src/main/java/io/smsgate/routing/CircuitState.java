package io.smsgate.routing;

/** State of a carrier's circuit breaker. */
public enum CircuitState {
    /** Traffic flows. */
    CLOSED,
    /** Failures burst: no traffic until the open period ends. */
    OPEN,
    /** The open period ended: a share of traffic probes the carrier; a failure reopens, successes close. */
    HALF_OPEN
}
