package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.StoreException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Idempotency-Key records in PostgreSQL (so they survive restarts and are shared by nodes). A send with a key
 * first claims (account, key) with its body's hash and the answer it will give; only then is the message stored.
 * A later request with that key gets the first answer again (same body, message stored), a 422 (other body), or
 * a 409 while the first is still being stored. A claim whose message never came (refused, or the process died
 * before the commit) is released or, after {@link #ABANDONED}, taken over, so a key is never stuck.
 *
 * <p>Blocking (JDBC): called on the API's worker pool.
 */
final class IdempotencyStore {

    /** A claim this old whose message is not stored was abandoned: its store write is long over. */
    static final Duration ABANDONED = Duration.ofSeconds(60);

    private static final String CLAIM = """
            INSERT INTO api_idempotency (system_id, idempotency_key, request_hash, message_id, response, created_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (system_id, idempotency_key) DO NOTHING""";
    private static final String FIND = """
            SELECT request_hash, message_id, response, created_at FROM api_idempotency
             WHERE system_id = ? AND idempotency_key = ?""";
    private static final String MESSAGE_STORED = "SELECT 1 FROM message WHERE message_id = ? AND created_at = ?";
    // Takes over an expired or abandoned claim, only if nobody else did meanwhile (same message id as read).
    private static final String TAKE_OVER = """
            UPDATE api_idempotency SET request_hash = ?, message_id = ?, response = ?, created_at = ?
             WHERE system_id = ? AND idempotency_key = ? AND message_id = ?""";
    private static final String RELEASE = """
            DELETE FROM api_idempotency WHERE system_id = ? AND idempotency_key = ? AND message_id = ?""";
    private static final String PURGE = "DELETE FROM api_idempotency WHERE created_at < ?";

    private final DataSource dataSource;
    private final Duration ttl;

    IdempotencyStore(DataSource dataSource, Duration ttl) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.ttl = requireNonNull(ttl, "ttl");
    }

    /** What a request with an Idempotency-Key does. */
    sealed interface Claim {
        /** The key is this request's now: store the message. */
        record Claimed() implements Claim {
        }

        /** The same request was answered before: give this answer again. */
        record Replay(String response) implements Claim {
            public Replay {
                requireNonNull(response, "response");
            }
        }

        /** The key was used with another body. */
        record Mismatch() implements Claim {
        }

        /** The first request with this key is still being stored. */
        record InProgress() implements Claim {
        }
    }

    /**
     * Claims {@code key} for a request whose body hashes to {@code hash} and whose answer, once {@code messageId}
     * is stored, will be {@code response}.
     */
    Claim claim(String systemId, String key, byte[] hash, MessageId messageId, String response, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            if (insert(connection, systemId, key, hash, messageId, response, now)) {
                return new Claim.Claimed();
            }
            try (PreparedStatement find = connection.prepareStatement(FIND)) {
                find.setString(1, systemId);
                find.setString(2, key);
                try (ResultSet rows = find.executeQuery()) {
                    if (!rows.next()) {
                        // Released between our insert and this read: try once more.
                        return insert(connection, systemId, key, hash, messageId, response, now)
                                ? new Claim.Claimed() : new Claim.InProgress();
                    }
                    byte[] storedHash = rows.getBytes(1);
                    MessageId storedId = new MessageId(rows.getLong(2));
                    String storedResponse = rows.getString(3);
                    Instant claimedAt = rows.getObject(4, OffsetDateTime.class).toInstant();
                    if (claimedAt.isBefore(now.minus(ttl))) {
                        return takeOver(connection, systemId, key, hash, messageId, response, now, storedId);
                    }
                    if (!MessageDigest.isEqual(storedHash, hash)) {
                        return new Claim.Mismatch();
                    }
                    if (stored(connection, storedId)) {
                        return new Claim.Replay(storedResponse);
                    }
                    if (claimedAt.isBefore(now.minus(ABANDONED))) {
                        return takeOver(connection, systemId, key, hash, messageId, response, now, storedId);
                    }
                    return new Claim.InProgress();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("claim idempotency key of " + systemId, e);
        }
    }

    /** Gives up a claim whose message was refused (nothing stored), so a retry can store it. */
    void release(String systemId, String key, MessageId messageId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RELEASE)) {
            statement.setString(1, systemId);
            statement.setString(2, key);
            statement.setLong(3, messageId.value());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("release idempotency key of " + systemId, e);
        }
    }

    /** Deletes the records older than the replay horizon; returns how many. */
    int purge(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PURGE)) {
            statement.setObject(1, utc(now.minus(ttl)));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge idempotency keys", e);
        }
    }

    private static boolean insert(Connection connection, String systemId, String key, byte[] hash,
                                  MessageId messageId, String response, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setString(1, systemId);
            statement.setString(2, key);
            statement.setBytes(3, hash);
            statement.setLong(4, messageId.value());
            statement.setString(5, response);
            statement.setObject(6, utc(now));
            return statement.executeUpdate() == 1;
        }
    }

    private static Claim takeOver(Connection connection, String systemId, String key, byte[] hash,
                                  MessageId messageId, String response, Instant now, MessageId previous)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TAKE_OVER)) {
            statement.setBytes(1, hash);
            statement.setLong(2, messageId.value());
            statement.setString(3, response);
            statement.setObject(4, utc(now));
            statement.setString(5, systemId);
            statement.setString(6, key);
            statement.setLong(7, previous.value());
            return statement.executeUpdate() == 1 ? new Claim.Claimed() : new Claim.InProgress();
        }
    }

    private static boolean stored(Connection connection, MessageId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(MESSAGE_STORED)) {
            statement.setLong(1, id.value());
            statement.setObject(2, utc(id.createdAt()));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
