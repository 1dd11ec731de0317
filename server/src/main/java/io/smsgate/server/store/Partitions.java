package io.smsgate.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily partitions of {@code message}, {@code message_event} and {@code carrier_ref}: created ahead of
 * time, and dropped whole (never DELETEd) once older than the retention.
 */
public final class Partitions {

    private static final Logger log = LoggerFactory.getLogger(Partitions.class);
    static final List<String> TABLES = List.of("message", "message_event", "carrier_ref");
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    private static final String LIST_PARTITIONS = """
            SELECT child.relname, parent.relname
              FROM pg_inherits i
              JOIN pg_class child ON child.oid = i.inhrelid
              JOIN pg_class parent ON parent.oid = i.inhparent
              JOIN pg_namespace n ON n.oid = parent.relnamespace
             WHERE n.nspname = current_schema() AND parent.relname = ANY (?)""";
    private static final String DELETE_OLD_ORPHANS = "DELETE FROM receipt_orphan WHERE received_at < ?";

    private final DataSource dataSource;
    private final RetentionConfig retention;

    public Partitions(DataSource dataSource, RetentionConfig retention) {
        this.dataSource = dataSource;
        this.retention = retention;
    }

    /** Creates the partitions from yesterday to {@code today + store.retention.partitions-ahead} (UTC days). */
    public void ensure(LocalDate today) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(retention.partitionsAhead()));
                    day = day.plusDays(1)) {
                for (String table : TABLES) {
                    statement.execute(createPartition(table, day));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("create partitions from " + today.minusDays(1), e);
        }
    }

    /**
     * Drops every partition whose day ended more than {@code store.retention.days} before {@code today}, and
     * forgets orphan receipts older than {@code store.retention.orphan-days}; returns the partitions dropped.
     */
    public List<String> dropExpired(LocalDate today) {
        LocalDate oldestKept = today.minusDays(retention.days());
        List<String> dropped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String partition : list(connection)) {
                Optional<LocalDate> day = dayOf(partition);
                if (day.isPresent() && day.get().isBefore(oldestKept)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("DROP TABLE IF EXISTS " + partition);
                    }
                    dropped.add(partition);
                    log.info("partition dropped partition={} oldest_kept={}", partition, oldestKept);
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(DELETE_OLD_ORPHANS)) {
                statement.setObject(1, today.minusDays(retention.orphanDays()).atStartOfDay().atOffset(ZoneOffset.UTC));
                int forgotten = statement.executeUpdate();
                if (forgotten > 0) {
                    log.info("orphan receipts expired count={}", forgotten);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("drop partitions before " + oldestKept, e);
        }
        return List.copyOf(dropped);
    }

    /** The partitions of the partitioned tables, by name (e.g. {@code message_p20261121}). */
    public List<String> list() {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection);
        } catch (SQLException e) {
            throw new StoreException("list partitions", e);
        }
    }

    private static List<String> list(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LIST_PARTITIONS)) {
            statement.setArray(1, connection.createArrayOf("text", TABLES.toArray()));
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            names.sort(null);
            return names;
        }
    }

    static String partitionName(String table, LocalDate day) {
        return table + "_p" + SUFFIX.format(day);
    }

    private static String createPartition(String table, LocalDate day) {
        // Names and bounds come from our own constants and dates, never from input.
        return "CREATE TABLE IF NOT EXISTS " + partitionName(table, day) + " PARTITION OF " + table
                + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')";
    }

    private static Optional<LocalDate> dayOf(String partition) {
        int marker = partition.lastIndexOf("_p");
        if (marker < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(partition.substring(marker + 2), SUFFIX));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
