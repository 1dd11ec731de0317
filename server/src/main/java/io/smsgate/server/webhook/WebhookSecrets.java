package io.smsgate.server.webhook;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.StoreException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Per-account signing secrets (Standard Webhooks {@code whsec_} secrets), sealed at rest by {@link SecretBox}.
 * Rotation makes a new current secret and lets the previous one sign on until the overlap ends. The keys in use are
 * cached per account for a few seconds, so that delivery does not read them per event.
 */
public final class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final Duration CACHE = Duration.ofSeconds(5);

    private static final String RETIRE_CURRENT = """
            UPDATE webhook_secret SET retire_at = ? WHERE system_id = ? AND retire_at IS NULL""";
    private static final String INSERT = """
            INSERT INTO webhook_secret (system_id, secret_id, sealed, created_at, retire_at)
            SELECT ?, COALESCE(max(secret_id), 0) + 1, ?, ?, NULL FROM webhook_secret WHERE system_id = ?""";
    private static final String ACTIVE = """
            SELECT sealed FROM webhook_secret WHERE system_id = ? AND (retire_at IS NULL OR retire_at > ?)
             ORDER BY secret_id DESC""";

    private final DataSource dataSource;
    private final SecretBox box;
    private final Duration overlap;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    WebhookSecrets(DataSource dataSource, SecretBox box, Duration overlap, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.box = requireNonNull(box, "box");
        this.overlap = requireNonNull(overlap, "overlap");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Makes a new current secret for {@code systemId}; the previous one keeps signing for the overlap. Returns the
     * new secret ({@code whsec_} + base64 of 32 random octets), the only time it is shown.
     */
    public String rotate(String systemId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement retire = connection.prepareStatement(RETIRE_CURRENT);
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                retire.setTimestamp(1, Timestamp.from(now.plus(overlap)));
                retire.setString(2, systemId);
                retire.executeUpdate();
                insert.setString(1, systemId);
                insert.setBytes(2, box.seal(secret, systemId));
                insert.setTimestamp(3, Timestamp.from(now));
                insert.setString(4, systemId);
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("rotate webhook secret " + systemId, e);
        }
        cache.remove(systemId);
        return PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    /** The keys that sign {@code systemId}'s events now, newest first; empty when it never had a secret. */
    List<SecretKeySpec> signingKeys(String systemId) {
        Instant now = clock.instant();
        Cached cached = cache.get(systemId);
        if (cached != null && cached.until.isAfter(now)) {
            return cached.keys;
        }
        List<SecretKeySpec> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ACTIVE)) {
            statement.setString(1, systemId);
            statement.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new SecretKeySpec(box.open(rows.getBytes(1), systemId), "HmacSHA256"));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("find webhook secrets " + systemId, e);
        }
        List<SecretKeySpec> found = List.copyOf(keys);
        cache.put(systemId, new Cached(found, now.plus(CACHE)));
        return found;
    }

    private record Cached(List<SecretKeySpec> keys, Instant until) {
    }
}
