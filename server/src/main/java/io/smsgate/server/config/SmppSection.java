package io.smsgate.server.config;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.session.SessionConfig;
import io.smsgate.protocol.smpp.session.WindowConfig;
import io.smsgate.server.upstream.AccountConfig;
import io.smsgate.server.upstream.BruteForceConfig;
import io.smsgate.server.upstream.NotifierConfig;
import io.smsgate.server.upstream.PasswordHasher;
import io.smsgate.server.upstream.SubmitPolicy;
import io.smsgate.server.upstream.UpstreamConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code smpp:} section: the upstream SMPP listener clients bind to ({@code smpp.bind-address},
 * {@code smpp.port}, SMPP 3.4 §2.2's usual 2775), its TLS twin ({@code smpp.tls-port}, 3550, opened only with
 * {@code smpp.tls}), the session timers of SMPP 3.4 §7.2 ({@code smpp.session.*}), how binds are checked
 * ({@code smpp.bind-failure-status}, {@code smpp.password-hash.*}, {@code smpp.verify-*}, {@code smpp.brute-force.*}),
 * what submits are accepted and how their parts are held ({@code smpp.submit.*}, {@code smpp.part-timeout},
 * {@code smpp.max-part-sets}), the pool for the server's own store work ({@code smpp.store-threads},
 * {@code smpp.store-queue}), the accounts created or updated at start-up ({@code smpp.accounts}), and how receipts
 * and MOs go out to the clients' receiver binds ({@code smpp.notifier}). {@link #upstreamConfig} turns it into the
 * {@link UpstreamConfig} the server runs with.
 */
public record SmppSection(String bindAddress, int port, int tlsPort, Optional<Tls> tls, String systemId,
                          DataSize maxPduLength, Session session, CommandStatus bindFailureStatus,
                          PasswordHasher passwordHash, int verifyThreads, int verifyQueue, BruteForceConfig bruteForce,
                          SubmitPolicy submit, Duration partTimeout, int maxPartSets, int storeThreads,
                          int storeQueue, List<AccountConfig> accounts, NotifierConfig notifier) {

    /** The most {@code smpp.max-pdu-length} may be: a 64 KiB message_payload and every other field fit well below. */
    static final DataSize MAX_PDU_LENGTH_LIMIT = DataSize.ofMebibytes(1);

    /** The defaults of {@link UpstreamConfig#of} where the server's record has them, so the two cannot drift. */
    public static final SmppSection DEFAULTS = defaults();

    public SmppSection {
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(tls, "tls");
        requireNonNull(systemId, "systemId");
        requireNonNull(maxPduLength, "maxPduLength");
        requireNonNull(session, "session");
        requireNonNull(bindFailureStatus, "bindFailureStatus");
        requireNonNull(passwordHash, "passwordHash");
        requireNonNull(bruteForce, "bruteForce");
        requireNonNull(submit, "submit");
        requireNonNull(partTimeout, "partTimeout");
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
        // SMPP 3.4 §4.1.2: bind_resp system_id is a C-Octet String of at most 16 octets with its NUL.
        if (systemId.isEmpty() || systemId.length() > 15 || !systemId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("smpp.system-id: '" + systemId
                    + "' (expected: 1..15 printable ASCII characters without spaces)");
        }
        if (maxPduLength.bytes() < PduLimits.HEADER_LENGTH || maxPduLength.bytes() > MAX_PDU_LENGTH_LIMIT.bytes()) {
            throw new IllegalArgumentException("smpp.max-pdu-length: " + maxPduLength.bytes() + "B (expected: "
                    + PduLimits.HEADER_LENGTH + "B..1MiB)");
        }
        if (bindFailureStatus.isOk()) {
            throw new IllegalArgumentException("smpp.bind-failure-status: ESME_ROK (expected: an error status)");
        }
        range("smpp.verify-threads", verifyThreads, 1, 64);
        range("smpp.verify-queue", verifyQueue, 1, 1_000_000);
        if (partTimeout.compareTo(Duration.ofSeconds(1)) < 0 || partTimeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("smpp.part-timeout: " + partTimeout + " (expected: 1s..1d)");
        }
        range("smpp.max-part-sets", maxPartSets, 1, 1_000_000);
        range("smpp.store-threads", storeThreads, 1, 64);
        range("smpp.store-queue", storeQueue, 1, 1_000_000);
        Set<String> seen = new HashSet<>();
        for (AccountConfig account : accounts) {
            if (!seen.add(account.systemId())) {
                throw new IllegalArgumentException("smpp.accounts: system-id '" + account.systemId()
                        + "' twice (expected: each once)");
            }
        }
    }

    private static SmppSection defaults() {
        UpstreamConfig server = UpstreamConfig.of(new InetSocketAddress("0.0.0.0", 2775));
        return new SmppSection("0.0.0.0", 2775, 3550, Optional.empty(), server.systemId(),
                DataSize.ofBytes(server.limits().maxPduLength()), Session.DEFAULTS, server.bindFailureStatus(),
                server.hasher(), server.verifyThreads(), server.verifyQueue(), server.bruteForce(), server.submit(),
                server.partTimeout(), server.maxPartSets(), 2, 10_000, server.accounts(), server.notifier());
    }

    static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }

    /**
     * The upstream server's settings on the plain listener, without TLS (the caller loads {@link #tls} into an
     * SSL context). The session's outbound window is the largest account {@code deliver-window}, so that no
     * account's deliver_sm is refused by a smaller session bound.
     */
    public UpstreamConfig upstreamConfig() {
        int deliverWindow = accounts.stream().mapToInt(AccountConfig::deliverWindow)
                .reduce(SessionConfig.DEFAULTS.window().maxOutstanding(), Math::max);
        SessionConfig sessionConfig = SessionConfig.DEFAULTS
                .withWindow(new WindowConfig(deliverWindow, session.responseTimeout()))
                .withMaxInboundPending(session.maxInboundPending())
                .withEnquireLinkInterval(session.enquireLinkInterval())
                .withInactivityTimeout(session.inactivityTimeout())
                .withSessionInitTimeout(session.sessionInitTimeout())
                .withUnbindTimeout(session.unbindTimeout());
        return new UpstreamConfig(new InetSocketAddress(bindAddress, port), Optional.empty(), Optional.empty(),
                systemId, sessionConfig, new PduLimits((int) maxPduLength.bytes()), bindFailureStatus, passwordHash,
                verifyThreads, verifyQueue, bruteForce, submit, partTimeout, maxPartSets, notifier, accounts);
    }

    /** The same section on another address and ports (tests and the demo bind 127.0.0.1, port 0). */
    public SmppSection withAddress(String address, int newPort) {
        return new SmppSection(address, newPort, tlsPort, tls, systemId, maxPduLength, session, bindFailureStatus,
                passwordHash, verifyThreads, verifyQueue, bruteForce, submit, partTimeout, maxPartSets, storeThreads,
                storeQueue, accounts, notifier);
    }

    public SmppSection withAccounts(List<AccountConfig> newAccounts) {
        return new SmppSection(bindAddress, port, tlsPort, tls, systemId, maxPduLength, session, bindFailureStatus,
                passwordHash, verifyThreads, verifyQueue, bruteForce, submit, partTimeout, maxPartSets, storeThreads,
                storeQueue, newAccounts, notifier);
    }

    /** TLS 1.2+ for {@code smpp.tls-port} from PEM files: {@code smpp.tls.cert-path} (chain) and {@code key-path}. */
    public record Tls(Path certPath, Path keyPath) {
        public Tls {
            requireNonNull(certPath, "certPath");
            requireNonNull(keyPath, "keyPath");
        }
    }

    /**
     * The timers and limits of each client session ({@code smpp.session.*}, SMPP 3.4 §7.2).
     *
     * @param maxInboundPending a client's requests being worked on at once; beyond it they get ESME_RTHROTTLED
     * @param enquireLinkInterval idle time after which we send enquire_link; 0 switches it off
     * @param inactivityTimeout no PDU read for this long closes the session; 0 switches it off
     * @param sessionInitTimeout a connection not bound within this time is closed
     * @param unbindTimeout how long a stop waits for a client's outstanding requests and responses to drain
     * @param responseTimeout how long a deliver_sm or enquire_link we sent waits for its response
     */
    public record Session(int maxInboundPending, Duration enquireLinkInterval, Duration inactivityTimeout,
                          Duration sessionInitTimeout, Duration unbindTimeout, Duration responseTimeout) {

        public static final Session DEFAULTS = new Session(SessionConfig.DEFAULTS.maxInboundPending(),
                SessionConfig.DEFAULTS.enquireLinkInterval(), SessionConfig.DEFAULTS.inactivityTimeout(),
                SessionConfig.DEFAULTS.sessionInitTimeout(), SessionConfig.DEFAULTS.unbindTimeout(),
                SessionConfig.DEFAULTS.window().responseTimeout());

        public Session {
            range("smpp.session.max-inbound-pending", maxInboundPending, 1, 65_536);
            atMostADay("smpp.session.enquire-link-interval", enquireLinkInterval, true);
            atMostADay("smpp.session.inactivity-timeout", inactivityTimeout, true);
            atMostADay("smpp.session.session-init-timeout", sessionInitTimeout, false);
            atMostADay("smpp.session.unbind-timeout", unbindTimeout, false);
            atMostADay("smpp.session.response-timeout", responseTimeout, false);
        }

        private static void atMostADay(String key, Duration value, boolean zeroIsOff) {
            requireNonNull(value, key);
            boolean tooSmall = zeroIsOff ? value.isNegative() : value.isNegative() || value.isZero();
            if (tooSmall || value.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(key + ": " + value + " (expected: "
                        + (zeroIsOff ? "0..1d, 0 = off)" : "> 0 and <= 1d)"));
            }
        }
    }
}
