package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.session.SessionConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The upstream SMPP server ({@code smpp.*} in smsgate.yaml): listeners, session timers, how binds are checked, what
 * submits are accepted, how concatenated parts are held and how the outbox is delivered.
 *
 * @param address plain listener (2775 by default)
 * @param tlsAddress TLS listener (3550 by default), opened only when {@code tls} is present
 * @param tls server certificate and key (TLS 1.2+ is enforced by the session pipeline)
 * @param systemId the system_id we name ourselves in bind_resp
 * @param bindFailureStatus the one status every failed credential check answers (ESME_RINVPASWD by default)
 * @param verifyThreads threads that verify password hashes (never an event loop)
 * @param verifyQueue binds that may wait for a verify thread; more are refused with ESME_RBINDFAIL at once
 * @param partTimeout how long the segments of a concatenated message wait for the rest
 * @param maxPartSets concatenated messages held at once
 * @param accounts accounts created or updated at start-up (demo, tests)
 */
public record UpstreamConfig(InetSocketAddress address, Optional<InetSocketAddress> tlsAddress,
                             Optional<SslContext> tls, String systemId, SessionConfig session, PduLimits limits,
                             CommandStatus bindFailureStatus, PasswordHasher hasher, int verifyThreads,
                             int verifyQueue, BruteForceConfig bruteForce, SubmitPolicy submit,
                             Duration partTimeout, int maxPartSets, NotifierConfig notifier,
                             List<AccountConfig> accounts) {

    public UpstreamConfig {
        requireNonNull(address, "address");
        requireNonNull(tlsAddress, "tlsAddress");
        requireNonNull(tls, "tls");
        requireNonNull(systemId, "systemId");
        requireNonNull(session, "session");
        requireNonNull(limits, "limits");
        requireNonNull(bindFailureStatus, "bindFailureStatus");
        if (bindFailureStatus.isOk()) {
            throw new IllegalArgumentException("smpp.bind-failure-status: ESME_ROK (expected: an error status)");
        }
        requireNonNull(hasher, "hasher");
        if (verifyThreads < 1 || verifyQueue < 1 || maxPartSets < 1) {
            throw new IllegalArgumentException("smpp: verify-threads " + verifyThreads + ", verify-queue "
                    + verifyQueue + ", max-part-sets " + maxPartSets + " (expected: >= 1 each)");
        }
        requireNonNull(bruteForce, "bruteForce");
        requireNonNull(submit, "submit");
        requireNonNull(partTimeout, "partTimeout");
        requireNonNull(notifier, "notifier");
        accounts = List.copyOf(accounts);
        if (tls.isPresent() != tlsAddress.isPresent()) {
            throw new IllegalArgumentException("smpp.tls: certificate " + tls.isPresent() + ", address "
                    + tlsAddress.isPresent() + " (expected: both or neither)");
        }
    }

    /** Plain listener on {@code address}, production defaults for everything else. */
    public static UpstreamConfig of(InetSocketAddress address) {
        return new UpstreamConfig(address, Optional.empty(), Optional.empty(), "smsgate", SessionConfig.DEFAULTS,
                PduLimits.DEFAULTS, CommandStatus.ESME_RINVPASWD, PasswordHasher.DEFAULTS, 2, 64,
                BruteForceConfig.DEFAULTS, SubmitPolicy.DEFAULTS, Duration.ofMinutes(5), 10_000,
                NotifierConfig.DEFAULTS, List.of());
    }

    public UpstreamConfig withTls(InetSocketAddress newTlsAddress, SslContext context) {
        return new UpstreamConfig(address, Optional.of(newTlsAddress), Optional.of(context), systemId, session,
                limits, bindFailureStatus, hasher, verifyThreads, verifyQueue, bruteForce, submit, partTimeout,
                maxPartSets, notifier, accounts);
    }

    public UpstreamConfig withSession(SessionConfig newSession) {
        return new UpstreamConfig(address, tlsAddress, tls, systemId, newSession, limits, bindFailureStatus, hasher,
                verifyThreads, verifyQueue, bruteForce, submit, partTimeout, maxPartSets, notifier, accounts);
    }

    public UpstreamConfig withHasher(PasswordHasher newHasher) {
        return new UpstreamConfig(address, tlsAddress, tls, systemId, session, limits, bindFailureStatus, newHasher,
                verifyThreads, verifyQueue, bruteForce, submit, partTimeout, maxPartSets, notifier, accounts);
    }

    public UpstreamConfig withBruteForce(BruteForceConfig newBruteForce) {
        return new UpstreamConfig(address, tlsAddress, tls, systemId, session, limits, bindFailureStatus, hasher,
                verifyThreads, verifyQueue, newBruteForce, submit, partTimeout, maxPartSets, notifier, accounts);
    }

    public UpstreamConfig withPartTimeout(Duration newPartTimeout) {
        return new UpstreamConfig(address, tlsAddress, tls, systemId, session, limits, bindFailureStatus, hasher,
                verifyThreads, verifyQueue, bruteForce, submit, newPartTimeout, maxPartSets, notifier, accounts);
    }

    public UpstreamConfig withNotifier(NotifierConfig newNotifier) {
        return new UpstreamConfig(address, tlsAddress, tls, systemId, session, limits, bindFailureStatus, hasher,
                verifyThreads, verifyQueue, bruteForce, submit, partTimeout, maxPartSets, newNotifier, accounts);
    }

    public UpstreamConfig withAccounts(List<AccountConfig> newAccounts) {
        return new UpstreamConfig(address, tlsAddress, tls, systemId, session, limits, bindFailureStatus, hasher,
                verifyThreads, verifyQueue, bruteForce, submit, partTimeout, maxPartSets, notifier, newAccounts);
    }
}
