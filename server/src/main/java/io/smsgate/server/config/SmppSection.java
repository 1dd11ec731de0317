package io.smsgate.server.config;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.server.upstream.NotifierConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code smpp:} section: the upstream SMPP listener clients bind to ({@code smpp.bind-address},
 * {@code smpp.port}, SMPP 3.4 §2.2's usual 2775), its TLS twin ({@code smpp.tls-port}, 3550, opened only with
 * {@code smpp.tls}), the accounts created or updated at start-up ({@code smpp.accounts}), and how receipts and MOs
 * go out to the clients' receiver binds ({@code smpp.notifier}).
 */
public record SmppSection(String bindAddress, int port, int tlsPort, Optional<Tls> tls, List<AccountConfig> accounts,
                          NotifierConfig notifier) {

    public static final SmppSection DEFAULTS = new SmppSection("0.0.0.0", 2775, 3550, Optional.empty(), List.of(),
            NotifierConfig.DEFAULTS);

    public SmppSection {
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(tls, "tls");
        accounts = List.copyOf(accounts);
        requireNonNull(notifier, "notifier");
        if (bindAddress.isBlank() || bindAddress.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("smpp.bind-address: '" + bindAddress
                    + "' (expected: an IP address or host name, e.g. 0.0.0.0 or 127.0.0.1)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("smpp.port: " + port + " (expected: 0..65535, 0 picks a free port)");
        }
        if (tlsPort < 0 || tlsPort > 65535) {
            throw new IllegalArgumentException("smpp.tls-port: " + tlsPort
                    + " (expected: 0..65535, 0 picks a free port)");
        }
        if (port != 0 && port == tlsPort && tls.isPresent()) {
            throw new IllegalArgumentException("smpp.tls-port: " + tlsPort + " (expected: other than smpp.port)");
        }
        Set<String> seen = new HashSet<>();
        for (AccountConfig account : accounts) {
            if (!seen.add(account.systemId())) {
                throw new IllegalArgumentException("smpp.accounts: system-id '" + account.systemId()
                        + "' twice (expected: each once)");
            }
        }
    }

    /** The same section on another address and ports (tests and the demo bind 127.0.0.1, port 0). */
    public SmppSection withAddress(String address, int newPort) {
        return new SmppSection(address, newPort, tlsPort, tls, accounts, notifier);
    }

    public SmppSection withAccounts(List<AccountConfig> newAccounts) {
        return new SmppSection(bindAddress, port, tlsPort, tls, newAccounts, notifier);
    }

    /** TLS 1.2+ for {@code smpp.tls-port} from PEM files: {@code smpp.tls.cert-path} (chain) and {@code key-path}. */
    public record Tls(Path certPath, Path keyPath) {
        public Tls {
            requireNonNull(certPath, "certPath");
            requireNonNull(keyPath, "keyPath");
        }
    }
}
