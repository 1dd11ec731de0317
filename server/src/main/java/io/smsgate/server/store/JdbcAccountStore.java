package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.BindType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Accounts in PostgreSQL. Blocking JDBC: call from a worker pool (the admin API's) or through
 * {@link StoreReader#findAccount}, never from an event loop.
 */
public final class JdbcAccountStore {

    private static final String FIND_ACCOUNT = """
            SELECT system_id, password_hash, allowed_bind_types, max_binds, cidr_allowlist::text[], tps_limit,
                   deliver_window, receipt_format, enabled
              FROM account WHERE system_id = ?""";
    private static final String UPSERT_ACCOUNT = """
            INSERT INTO account (system_id, password_hash, allowed_bind_types, max_binds, cidr_allowlist, tps_limit,
                                 deliver_window, receipt_format, enabled)
            VALUES (?, ?, ?, ?, ?::cidr[], ?, ?, ?, ?)
            ON CONFLICT (system_id) DO UPDATE
               SET password_hash = excluded.password_hash, allowed_bind_types = excluded.allowed_bind_types,
                   max_binds = excluded.max_binds, cidr_allowlist = excluded.cidr_allowlist,
                   tps_limit = excluded.tps_limit, deliver_window = excluded.deliver_window,
                   receipt_format = excluded.receipt_format, enabled = excluded.enabled, updated_at = now()""";
    private static final String DELETE_ACCOUNT = "DELETE FROM account WHERE system_id = ?";

    private final DataSource dataSource;

    public JdbcAccountStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    public Optional<Account> find(String systemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND_ACCOUNT)) {
            statement.setString(1, systemId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find account " + systemId, e);
        }
    }

    /** Creates the account or replaces every field of it. */
    public void upsert(Account account) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(UPSERT_ACCOUNT)) {
            statement.setString(1, account.systemId());
            statement.setString(2, account.passwordHash());
            statement.setArray(3, connection.createArrayOf("text",
                    account.allowedBindTypes().stream().map(Enum::name).sorted().toArray()));
            statement.setInt(4, account.maxBinds());
            statement.setArray(5, connection.createArrayOf("text", account.cidrAllowlist().toArray()));
            statement.setInt(6, account.tpsLimit());
            statement.setInt(7, account.deliverWindow());
            statement.setString(8, account.receiptFormat());
            statement.setBoolean(9, account.enabled());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("upsert account " + account.systemId(), e);
        }
    }

    /** Removes the account (and its inbound numbers); returns whether it existed. */
    public boolean delete(String systemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(DELETE_ACCOUNT)) {
            statement.setString(1, systemId);
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("delete account " + systemId, e);
        }
    }

    private static Account account(ResultSet rows) throws SQLException {
        Set<BindType> bindTypes = Arrays.stream(strings(rows.getArray("allowed_bind_types")))
                .map(BindType::valueOf).collect(Collectors.toUnmodifiableSet());
        List<String> cidrs = List.of(strings(rows.getArray(5)));
        return new Account(rows.getString("system_id"), rows.getString("password_hash"), bindTypes,
                rows.getInt("max_binds"), cidrs, rows.getInt("tps_limit"), rows.getInt("deliver_window"),
                rows.getString("receipt_format"), rows.getBoolean("enabled"));
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }
}
