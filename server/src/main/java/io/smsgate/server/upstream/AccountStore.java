package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.dlr.ReceiptFormat;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.server.store.StoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code account} table and an in-memory snapshot of it that bind checks read without I/O. {@link #refresh()}
 * reloads the snapshot (after an admin change, and periodically); it blocks, so call it off the event loops.
 */
public final class AccountStore {

    private static final Logger log = LoggerFactory.getLogger(AccountStore.class);

    private static final String LOAD = """
            SELECT system_id, password_hash, allowed_bind_types, max_binds, cidr_allowlist::text[], tps_limit,
                   deliver_window, receipt_format, enabled
              FROM account""";
    private static final String FIND_HASH = "SELECT password_hash FROM account WHERE system_id = ?";
    private static final String UPSERT = """
            INSERT INTO account (system_id, password_hash, allowed_bind_types, max_binds, cidr_allowlist, tps_limit,
                                 deliver_window, receipt_format, enabled, updated_at)
            VALUES (?, ?, ?, ?, ?::cidr[], ?, ?, ?, true, now())
            ON CONFLICT (system_id) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                allowed_bind_types = EXCLUDED.allowed_bind_types, max_binds = EXCLUDED.max_binds,
                cidr_allowlist = EXCLUDED.cidr_allowlist, tps_limit = EXCLUDED.tps_limit,
                deliver_window = EXCLUDED.deliver_window, receipt_format = EXCLUDED.receipt_format,
                enabled = true, updated_at = now()""";
    private static final String UPDATE_HASH = "UPDATE account SET password_hash = ?, updated_at = now() "
            + "WHERE system_id = ? AND password_hash = ?";

    private final DataSource dataSource;
    private volatile Map<String, Account> accounts = Map.of();

    public AccountStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** The account as of the last refresh. */
    public Optional<Account> find(String systemId) {
        return Optional.ofNullable(accounts.get(systemId));
    }

    /** Reloads every account. An account whose allowlist or receipt format cannot be read admits nobody. */
    public void refresh() {
        Map<String, Account> loaded = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LOAD);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Account account = account(rows);
                loaded.put(account.systemId(), account);
            }
        } catch (SQLException e) {
            throw new StoreException("load accounts", e);
        }
        accounts = Map.copyOf(loaded);
        log.debug("accounts loaded count={}", loaded.size());
    }

    /**
     * Creates or updates the configured accounts. A seed whose password still matches the stored hash keeps that
     * hash (no new salt on every start); otherwise the password is hashed now.
     */
    public void seed(List<AccountConfig> seeds, PasswordHasher hasher) {
        try (Connection connection = dataSource.getConnection()) {
            for (AccountConfig seed : seeds) {
                Optional<String> existing = storedHash(connection, seed.systemId());
                String hash = existing.filter(h -> !hasher.needsRehash(h) && hasher.verify(seed.password(), h))
                        .orElseGet(() -> hasher.hash(seed.password()));
                try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                    statement.setString(1, seed.systemId());
                    statement.setString(2, hash);
                    statement.setArray(3, connection.createArrayOf("text", seed.bindTypes().stream()
                            .map(AccountStore::columnName).toArray()));
                    statement.setInt(4, seed.maxBinds());
                    statement.setArray(5, connection.createArrayOf("text", seed.allowlist().toArray()));
                    statement.setInt(6, seed.tpsLimit());
                    statement.setInt(7, seed.deliverWindow());
                    statement.setString(8, seed.receiptFormat());
                    statement.executeUpdate();
                }
                log.info("account seeded system_id={} bind_types={} max_binds={} allowlist={}", seed.systemId(),
                        seed.bindTypes(), seed.maxBinds(), seed.allowlist());
            }
        } catch (SQLException e) {
            throw new StoreException("seed accounts", e);
        }
        refresh();
    }

    /** Replaces a hash made with weaker parameters after a good bind (only if it is still the same hash). */
    void rehash(String systemId, String oldHash, String newHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(UPDATE_HASH)) {
            statement.setString(1, newHash);
            statement.setString(2, systemId);
            statement.setString(3, oldHash);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("rehash account " + systemId, e);
        }
    }

    private static Optional<String> storedHash(Connection connection, String systemId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND_HASH)) {
            statement.setString(1, systemId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Account account(ResultSet rows) throws SQLException {
        String systemId = rows.getString(1);
        Set<BindType> bindTypes = EnumSet.noneOf(BindType.class);
        for (String name : strings(rows.getArray(3))) {
            bindType(name).ifPresent(bindTypes::add);
        }
        CidrAllowlist allowlist;
        try {
            allowlist = CidrAllowlist.parse(strings(rows.getArray(5)));
        } catch (IllegalArgumentException e) {
            log.warn("account allowlist unreadable, admitting nobody system_id={} reason={}", systemId,
                    e.getMessage());
            allowlist = CidrAllowlist.NONE;
        }
        boolean enabled = rows.getBoolean(9);
        ReceiptFormat format;
        try {
            format = Receipts.format(rows.getString(8));
        } catch (IllegalArgumentException e) {
            log.warn("account receipt format unreadable, disabling system_id={} reason={}", systemId,
                    e.getMessage());
            format = ReceiptFormat.DEFAULTS;
            enabled = false;
        }
        return new Account(systemId, rows.getString(2), bindTypes, rows.getInt(4), allowlist, rows.getInt(6),
                rows.getInt(7), format, enabled);
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> values = new ArrayList<>();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                values.add(String.valueOf(value));
            }
        }
        return values;
    }

    static String columnName(BindType type) {
        return switch (type) {
            case TX -> "TRANSMITTER";
            case RX -> "RECEIVER";
            case TRX -> "TRANSCEIVER";
        };
    }

    private static Optional<BindType> bindType(String column) {
        return switch (column) {
            case "TRANSMITTER" -> Optional.of(BindType.TX);
            case "RECEIVER" -> Optional.of(BindType.RX);
            case "TRANSCEIVER" -> Optional.of(BindType.TRX);
            default -> Optional.empty();
        };
    }
}
