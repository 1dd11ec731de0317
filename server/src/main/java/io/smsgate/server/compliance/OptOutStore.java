package io.smsgate.server.compliance;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The {@code opt_out} table (V060): the truth the in-memory list of {@link Compliance} is read from. Blocking. */
final class OptOutStore {

    // One statement over arrays: its update count is exact (a JDBC batch rewritten by the driver reports none).
    private static final String INSERT = """
            INSERT INTO opt_out (system_id, recipient, sender, source, created_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
            ON CONFLICT (system_id, recipient, sender) DO NOTHING""";
    private static final String DELETE_PAIR_AND_ACCOUNT =
            "DELETE FROM opt_out WHERE system_id = ? AND recipient = ? AND sender IN (?, '')";
    private static final String DELETE_RECIPIENT = "DELETE FROM opt_out WHERE system_id = ? AND recipient = ?";
    private static final String ALL = "SELECT system_id, recipient, sender, source, created_at FROM opt_out";
    private static final String PAGE = """
            SELECT system_id, recipient, sender, source, created_at FROM opt_out
            WHERE system_id = ? AND (recipient, sender) > (?, ?)
            ORDER BY recipient, sender LIMIT ?""";

    private final DataSource dataSource;

    OptOutStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** Records every opt-out in one statement; returns how many were new. */
    int insert(List<OptOut> optOuts) {
        int size = optOuts.size();
        String[] systemIds = new String[size];
        String[] recipients = new String[size];
        String[] senders = new String[size];
        String[] sources = new String[size];
        Timestamp[] createdAt = new Timestamp[size];
        for (int i = 0; i < size; i++) {
            OptOut optOut = optOuts.get(i);
            systemIds[i] = optOut.systemId();
            recipients[i] = optOut.recipient();
            senders[i] = optOut.sender().orElse("");
            sources[i] = optOut.source();
            createdAt[i] = Timestamp.from(optOut.createdAt());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setArray(1, connection.createArrayOf("text", systemIds));
            statement.setArray(2, connection.createArrayOf("text", recipients));
            statement.setArray(3, connection.createArrayOf("text", senders));
            statement.setArray(4, connection.createArrayOf("text", sources));
            statement.setArray(5, connection.createArrayOf("timestamptz", createdAt));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("insert opt_out rows=" + size, e);
        }
    }

    /** START: removes the recipient's opt-out from {@code sender} and its account-wide one; returns how many. */
    int optIn(String systemId, String recipient, String sender) {
        return update(DELETE_PAIR_AND_ACCOUNT, "opt in", systemId, recipient, sender);
    }

    /** Removes every opt-out of {@code recipient} in the account; returns how many. */
    int remove(String systemId, String recipient) {
        return update(DELETE_RECIPIENT, "remove opt_out", systemId, recipient);
    }

    private int update(String sql, String what, String... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** Streams every opt-out (the in-memory list's load). */
    void forEach(Consumer<OptOut> sink) {
        try (Connection connection = dataSource.getConnection()) {
            // A cursor, not the whole table in one result: the PostgreSQL driver fetches in chunks only outside
            // auto-commit.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(ALL)) {
                statement.setFetchSize(10_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(optOut(rows));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("read opt_out", e);
        }
    }

    /** The account's opt-outs after {@code after} (recipient, sender) in that order, at most {@code limit}. */
    List<OptOut> page(String systemId, String afterRecipient, String afterSender, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PAGE)) {
            statement.setString(1, systemId);
            statement.setString(2, afterRecipient);
            statement.setString(3, afterSender);
            statement.setInt(4, limit);
            List<OptOut> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(optOut(rows));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new StoreException("page opt_out system_id=" + systemId, e);
        }
    }

    private static OptOut optOut(ResultSet rows) throws SQLException {
        String sender = rows.getString(3);
        Instant createdAt = rows.getTimestamp(5).toInstant();
        return new OptOut(rows.getString(1), rows.getString(2),
                sender.isEmpty() ? Optional.empty() : Optional.of(sender), rows.getString(4), createdAt);
    }
}
