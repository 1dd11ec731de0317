package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

import io.smsgate.simulator.behaviour.CarrierBehaviour;
import java.util.List;
import java.util.Optional;

/**
 * One simulated carrier SMSC: where it listens, whom it lets bind, its RNG seed and its behaviour.
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param seed seeds every random draw of this carrier, so a run can be repeated
 * @param tls when present, the port speaks SMPP over TLS (1.2 or 1.3) only
 */
public record SimulatedCarrier(String name, String host, int port, List<Account> accounts, long seed,
        CarrierBehaviour behaviour, Optional<CarrierTls> tls) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 2776;

    public SimulatedCarrier {
        requireNonNull(name, "name");
        requireNonNull(host, "host");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: \"\" (expected: a carrier name)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("accounts: [] (expected: at least one system-id/password)");
        }
        requireNonNull(behaviour, "behaviour");
        requireNonNull(tls, "tls");
    }

    /** A carrier without TLS. */
    public SimulatedCarrier(String name, String host, int port, List<Account> accounts, long seed,
            CarrierBehaviour behaviour) {
        this(name, host, port, accounts, seed, behaviour, Optional.empty());
    }

    public SimulatedCarrier withTls(CarrierTls newTls) {
        return new SimulatedCarrier(name, host, port, accounts, seed, behaviour, Optional.of(newTls));
    }
}
