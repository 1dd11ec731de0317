package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.session.Authenticator;
import io.smsgate.protocol.smpp.session.BindDecision;
import io.smsgate.protocol.smpp.session.RequestHandler;
import io.smsgate.protocol.smpp.session.SmppSession;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides upstream binds (SMPP 3.4 §4.1, Checklist A16–A18, Security bar §5.1), in this order: a locked-out source
 * address or system_id is refused without any work; an unknown system_id costs a dummy hash like a known one and
 * gets the uniform failure status; an address outside the account's allowlist gets ESME_RBINDFAIL before its
 * password is looked at (no password oracle outside the allowlist); the Argon2id check runs on the bounded verify
 * pool unless the same password matched the same stored hash recently ({@link VerifiedCredentials}); then enabled,
 * bind type and max_binds. Every failed credential check feeds the brute-force limiter. The password is never logged.
 */
final class UpstreamAuthenticator implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(UpstreamAuthenticator.class);

    /** Why a bind ended as it did (the {@code outcome} tag of {@code smsgate.upstream.binds}). */
    enum Outcome { OK, BAD_CREDENTIALS, LOCKED_OUT, NOT_ALLOWED, DISABLED, BIND_TYPE, QUOTA, BUSY }

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final Executor verifyPool;
    private final BruteForceLimiter limiter;
    private final SessionRegistry registry;
    private final CommandStatus failure;
    private final Function<Account, RequestHandler> handlers;
    private final String dummyHash;
    private final VerifiedCredentials verifiedCredentials;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    UpstreamAuthenticator(AccountStore accounts, PasswordHasher hasher, Executor verifyPool,
            BruteForceLimiter limiter, SessionRegistry registry, CommandStatus failure,
            Function<Account, RequestHandler> handlers, MeterRegistry meters) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.hasher = requireNonNull(hasher, "hasher");
        this.verifyPool = requireNonNull(verifyPool, "verifyPool");
        this.limiter = requireNonNull(limiter, "limiter");
        this.registry = requireNonNull(registry, "registry");
        this.failure = requireNonNull(failure, "failure");
        this.handlers = requireNonNull(handlers, "handlers");
        this.dummyHash = hasher.hash("dummy-password");
        this.verifiedCredentials = new VerifiedCredentials(Duration.ofMinutes(10), 100_000, System::nanoTime);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("smsgate.upstream.binds")
                    .description("Upstream bind attempts by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    @Override
    public CompletionStage<BindDecision> authenticate(SmppSession session, Bind bind) {
        String remote = remoteAddress(session).map(InetAddress::getHostAddress).orElse("unknown");
        String ipKey = "ip:" + remote;
        String idKey = "id:" + bind.systemId();
        if (limiter.lockedForNanos(ipKey) > 0 || limiter.lockedForNanos(idKey) > 0) {
            return done(session, bind, Outcome.LOCKED_OUT, failure);
        }
        Optional<Account> found = accounts.find(bind.systemId());
        if (found.isPresent()) {
            Optional<InetAddress> address = remoteAddress(session);
            if (address.isEmpty() || !found.get().allowlist().allows(address.get())) {
                limiter.failed(ipKey);
                return done(session, bind, Outcome.NOT_ALLOWED, CommandStatus.ESME_RBINDFAIL);
            }
        }
        String hash = found.map(Account::passwordHash).orElse(dummyHash);
        if (found.isPresent() && verifiedCredentials.matches(bind.systemId(), hash, bind.password())) {
            return CompletableFuture.completedFuture(verified(session, bind, found.get(), ipKey, idKey));
        }
        CompletableFuture<Boolean> verified;
        try {
            verified = CompletableFuture.supplyAsync(() -> hasher.verify(bind.password(), hash), verifyPool);
        } catch (RejectedExecutionException e) {
            return done(session, bind, Outcome.BUSY, CommandStatus.ESME_RBINDFAIL);
        }
        return verified.thenApply(ok -> {
            if (!ok || found.isEmpty()) {
                limiter.failed(ipKey);
                limiter.failed(idKey);
                return decide(session, bind, Outcome.BAD_CREDENTIALS, failure);
            }
            verifiedCredentials.remember(bind.systemId(), hash, bind.password());
            return verified(session, bind, found.get(), ipKey, idKey);
        });
    }

    /** The password matched: the account's own conditions decide. */
    private BindDecision verified(SmppSession session, Bind bind, Account account, String ipKey, String idKey) {
        limiter.succeeded(ipKey);
        limiter.succeeded(idKey);
        if (!account.enabled()) {
            return decide(session, bind, Outcome.DISABLED, failure);
        }
        if (!account.allowedBindTypes().contains(bind.bindType())) {
            return decide(session, bind, Outcome.BIND_TYPE, CommandStatus.ESME_RBINDFAIL);
        }
        if (!registry.reserve(account.systemId(), session, account.maxBinds())) {
            return decide(session, bind, Outcome.QUOTA, CommandStatus.ESME_RBINDFAIL);
        }
        session.closeFuture().whenComplete((ignored, error) -> registry.release(account.systemId(), session));
        if (hasher.needsRehash(account.passwordHash())) {
            rehash(account, bind.password());
        }
        outcomes.get(Outcome.OK).increment();
        return BindDecision.accept(handlers.apply(account));
    }

    private void rehash(Account account, String password) {
        try {
            verifyPool.execute(() -> {
                try {
                    accounts.rehash(account.systemId(), account.passwordHash(), hasher.hash(password));
                    log.info("account password rehashed system_id={}", account.systemId());
                } catch (RuntimeException e) {
                    log.warn("account rehash failed system_id={} cause={}", account.systemId(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("account rehash deferred system_id={}", account.systemId());
        }
    }

    private CompletionStage<BindDecision> done(SmppSession session, Bind bind, Outcome outcome,
            CommandStatus status) {
        return CompletableFuture.completedFuture(decide(session, bind, outcome, status));
    }

    private BindDecision decide(SmppSession session, Bind bind, Outcome outcome, CommandStatus status) {
        outcomes.get(outcome).increment();
        log.info("{} bind refused system_id={} bind_type={} outcome={} status={} remote={}", session.tag(),
                bind.systemId(), bind.bindType(), outcome, status, session.remoteAddress());
        return BindDecision.reject(status);
    }

    private static Optional<InetAddress> remoteAddress(SmppSession session) {
        return session.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? Optional.of(inet.getAddress()) : Optional.empty();
    }
}
