package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.server.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys of accounts: create (the token is returned once), list, revoke, and look up a presented token. A token
 * is {@code sk_<key id>.<secret>}: 16 hex digits of public id (the row's primary key) and 256 random bits of
 * secret, base64url. Only {@code HMAC-SHA256(api.key-pepper, secret)} is stored: with a secret this long a keyed
 * SHA-256 is as good as a slow password hash, and it keeps authentication cheap on every request.
 *
 * <p>Blocking (JDBC): the HTTP server calls it from its worker pool; demos, tests and the operator tooling call it
 * directly.
 */
public final class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    static final String TOKEN_PREFIX = "sk_";
    private static final int KEY_ID_HEX = 16;
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_CHARS = 43;
    static final int TOKEN_LENGTH = TOKEN_PREFIX.length() + KEY_ID_HEX + 1 + SECRET_CHARS;
    private static final byte[] DEFAULT_PEPPER = "smsgate-api-key-v1".getBytes(StandardCharsets.UTF_8);

    private static final String INSERT = """
            INSERT INTO api_key (key_id, system_id, name, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)""";
    private static final String LIST = """
            SELECT key_id, system_id, name, created_at, revoked_at FROM api_key WHERE system_id = ?
             ORDER BY created_at, key_id""";
    private static final String REVOKE = """
            UPDATE api_key SET revoked_at = ? WHERE system_id = ? AND key_id = ? AND revoked_at IS NULL""";
    // A key authenticates only while it is live and its account is enabled.
    private static final String FIND_LIVE = """
            SELECT k.system_id, k.secret_hash FROM api_key k JOIN account a ON a.system_id = k.system_id
             WHERE k.key_id = ? AND k.revoked_at IS NULL AND a.enabled""";

    private final DataSource dataSource;
    private final Clock clock;
    private final SecretKeySpec pepper;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::mac);
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(DataSource dataSource, Clock clock, Optional<String> keyPepper) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.clock = requireNonNull(clock, "clock");
        this.pepper = new SecretKeySpec(keyPepper.map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(DEFAULT_PEPPER),
                "HmacSHA256");
    }

    /**
     * Creates a key named {@code name} for the existing account {@code systemId}; the returned token is the only
     * copy. Fails with IllegalArgumentException when the account does not exist or already has a live key of
     * that name.
     */
    public CreatedKey create(String systemId, String name) {
        requireNonNull(systemId, "systemId");
        requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("api key name: '" + name + "' (expected: 1..64 characters)");
        }
        byte[] id = new byte[KEY_ID_HEX / 2];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(id);
        random.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, keyId);
            statement.setString(2, systemId);
            statement.setString(3, name);
            statement.setBytes(4, hash(secretText));
            statement.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            statement.executeUpdate();
        } catch (SQLException e) {
            // 23503: no such account; 23505: a live key with this name.
            if ("23503".equals(e.getSQLState())) {
                throw new IllegalArgumentException("api key account: '" + systemId + "' (expected: an account)", e);
            }
            if ("23505".equals(e.getSQLState())) {
                throw new IllegalArgumentException("api key name: '" + name + "' (expected: unique among the live keys"
                        + " of " + systemId + ")", e);
            }
            throw new StoreException("create api key for " + systemId, e);
        }
        log.info("api key created system_id={} key_id={} name={}", systemId, keyId, name);
        return new CreatedKey(new ApiKey(keyId, systemId, name, now, Optional.empty()),
                TOKEN_PREFIX + keyId + "." + secretText);
    }

    /** The account's keys, live and revoked, oldest first. */
    public List<ApiKey> list(String systemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LIST)) {
            statement.setString(1, systemId);
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new ApiKey(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(rows.getObject(5, OffsetDateTime.class)).map(OffsetDateTime::toInstant)));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreException("list api keys of " + systemId, e);
        }
    }

    /** Revokes a live key of the account; returns whether one was revoked. */
    public boolean revoke(String systemId, String keyId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(REVOKE)) {
            statement.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            statement.setString(2, systemId);
            statement.setString(3, keyId);
            boolean revoked = statement.executeUpdate() == 1;
            if (revoked) {
                log.info("api key revoked system_id={} key_id={}", systemId, keyId);
            }
            return revoked;
        } catch (SQLException e) {
            throw new StoreException("revoke api key " + keyId, e);
        }
    }

    /** The live key with this id, when its account is enabled: its account and stored hash. */
    Optional<StoredKey> findLive(String keyId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND_LIVE)) {
            statement.setString(1, keyId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new StoredKey(keyId, rows.getString(1), OctetString.of(rows.getBytes(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find api key " + keyId, e);
        }
    }

    /** Splits a presented bearer token into key id and secret; empty when it cannot be one of ours. */
    static Optional<Token> parse(String token) {
        if (token.length() != TOKEN_LENGTH || !token.startsWith(TOKEN_PREFIX)
                || token.charAt(TOKEN_PREFIX.length() + KEY_ID_HEX) != '.') {
            return Optional.empty();
        }
        String keyId = token.substring(TOKEN_PREFIX.length(), TOKEN_PREFIX.length() + KEY_ID_HEX);
        for (int i = 0; i < keyId.length(); i++) {
            char c = keyId.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return Optional.empty();
            }
        }
        return Optional.of(new Token(keyId, token.substring(TOKEN_PREFIX.length() + KEY_ID_HEX + 1)));
    }

    /** Whether {@code secret} hashes to {@code stored}, in time independent of where they differ. */
    boolean matches(String secret, OctetString stored) {
        return MessageDigest.isEqual(hash(secret), stored.toByteArray());
    }

    private byte[] hash(String secret) {
        return macs.get().doFinal(secret.getBytes(StandardCharsets.US_ASCII));
    }

    // Mac.getInstance walks the provider list and init expands the key: per request that cost more than the HMAC
    // itself. A Mac is not thread-safe, so each thread (event loops, workers) keeps one; doFinal resets it.
    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A presented token, split. {@link #toString()} masks the secret. */
    record Token(String keyId, String secret) {
        @Override
        public String toString() {
            return "Token[keyId=" + keyId + ", secret=***]";
        }
    }

    /** A live key as stored: its id, account and secret hash. {@link #toString()} masks the hash. */
    record StoredKey(String keyId, String systemId, OctetString secretHash) {
        StoredKey {
            requireNonNull(keyId, "keyId");
            requireNonNull(systemId, "systemId");
            requireNonNull(secretHash, "secretHash");
        }

        @Override
        public String toString() {
            return "StoredKey[keyId=" + keyId + ", systemId=" + systemId + ", secretHash=***]";
        }
    }
}
