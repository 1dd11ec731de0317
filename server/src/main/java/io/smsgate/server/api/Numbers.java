package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An account's inbound numbers and their MO callback URLs (provisioning numbers to accounts is the operator's).
 * Blocking (JDBC): called on the API's worker pool.
 */
final class Numbers {

    private static final String LIST = "SELECT number, mo_callback_url FROM number WHERE system_id = ? ORDER BY number";
    private static final String UPDATE = """
            UPDATE number SET mo_callback_url = ? WHERE number = ? AND system_id = ?
            RETURNING number, mo_callback_url""";

    private final DataSource dataSource;

    Numbers(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** A number of the account and where its MOs go over HTTP, when set. */
    record InboundNumber(String number, Optional<String> moCallbackUrl) {
        InboundNumber {
            requireNonNull(number, "number");
            requireNonNull(moCallbackUrl, "moCallbackUrl");
        }
    }

    List<InboundNumber> list(String systemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LIST)) {
            statement.setString(1, systemId);
            List<InboundNumber> numbers = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    numbers.add(new InboundNumber(rows.getString(1), Optional.ofNullable(rows.getString(2))));
                }
            }
            return numbers;
        } catch (SQLException e) {
            throw new StoreException("numbers of " + systemId, e);
        }
    }

    /** Sets or clears the callback of a number the account owns; empty when it owns no such number. */
    Optional<InboundNumber> setCallback(String systemId, String number, Optional<String> url) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(UPDATE)) {
            statement.setObject(1, url.orElse(null), Types.VARCHAR);
            statement.setString(2, number);
            statement.setString(3, systemId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new InboundNumber(rows.getString(1),
                        Optional.ofNullable(rows.getString(2)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("set callback of a number of " + systemId, e);
        }
    }
}
