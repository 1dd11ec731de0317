package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The SMPP server the load generator binds to: any host:port (smsgate, another gateway) or one of the
 * scenario's own simulated carriers (the simulator alone).
 *
 * @param carrier the simulated carrier to bind to instead of host:port (which are then ignored)
 * @param binds how many binds the load generator opens
 * @param window requests outstanding per bind
 */
public record SystemUnderTest(
        String host,
        int port,
        Optional<String> carrier,
        String systemId,
        String password,
        BindType bindType,
        int binds,
        int window,
        Duration responseTimeout) {

    /** The bind the load generator opens (SMPP 3.4 §4.1). */
    public enum BindType { TRANSMITTER, RECEIVER, TRANSCEIVER }

    public SystemUnderTest {
        requireNonNull(host, "host");
        requireNonNull(carrier, "carrier");
        requireNonNull(systemId, "systemId");
        requireNonNull(password, "password");
        requireNonNull(bindType, "bindType");
        requireNonNull(responseTimeout, "responseTimeout");
        if (carrier.isEmpty() && (port < 1 || port > 65_535)) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        if (binds < 1 || binds > 1000) {
            throw new IllegalArgumentException("binds: " + binds + " (expected: 1..1000)");
        }
        if (window < 1 || window > 100_000) {
            throw new IllegalArgumentException("window: " + window + " (expected: 1..100000)");
        }
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("response-timeout: " + responseTimeout + " (expected: > 0)");
        }
    }

    @Override
    public String toString() {
        return "SystemUnderTest[" + carrier.map(name -> "carrier=" + name).orElse(host + ":" + port)
                + ", systemId=" + systemId + ", password=***, bindType=" + bindType + ", binds=" + binds
                + ", window=" + window + ", responseTimeout=" + responseTimeout + "]";
    }
}
