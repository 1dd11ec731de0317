package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static Database database;

    @BeforeAll
    static void migrateEmptyDatabase() {
        database = Database.open(TestDatabases.fresh("schema_test"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void migrationsCreateEveryTable() throws SQLException {
        assertThat(query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
                .contains("account", "carrier", "carrier_bind", "number", "receipt_orphan", "outbox",
                        "flyway_schema_history");
        assertThat(query("SELECT relname FROM pg_class WHERE relkind = 'p'"))
                .containsExactlyInAnyOrder("message", "message_event", "carrier_ref");
    }

    @Test
    void reopeningAMigratedDatabaseAppliesNothing() throws SQLException {
        StoreConfig config = TestDatabases.fresh("schema_test_twice");
        int applied;
        try (Database first = Database.open(config)) {
            applied = appliedMigrations(first);
        }

        try (Database reopened = Database.open(config)) {
            assertThat(appliedMigrations(reopened)).isEqualTo(applied).isPositive();
        }
    }

    private static int appliedMigrations(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void createsPartitionsFromYesterdayToDaysAhead() {
        Partitions partitions = new Partitions(database.dataSource(), new RetentionConfig(30, 2, 3, 3, 14));
        partitions.ensure(TODAY);

        assertThat(partitions.list()).contains(
                "message_p20261120", "message_p20261121", "message_p20261122", "message_p20261123",
                "message_event_p20261120", "message_event_p20261123",
                "carrier_ref_p20261120", "carrier_ref_p20261123");
    }

    @Test
    void carrierIdsCompareBytewiseInTablesPartitionsAndIndexes() throws SQLException {
        new Partitions(database.dataSource(), new RetentionConfig(30, 1, 1, 3, 14)).ensure(TODAY);

        // V095: the receipt lookup's columns and index entries compare under collation "C", also in partitions
        // created after the migration.
        List<String> columns = query("""
                SELECT c.relname || '.' || a.attname || ' ' || co.collname
                  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                  JOIN pg_collation co ON co.oid = a.attcollation
                 WHERE a.attname IN ('carrier_id', 'carrier_message_id') AND c.relkind IN ('r', 'p', 'i')
                   AND (c.relname LIKE 'carrier_ref%' OR c.relname LIKE 'receipt_orphan%')""");
        assertThat(columns).contains("carrier_ref.carrier_message_id C", "carrier_ref_p20261121.carrier_id C",
                "carrier_ref_p20261122.carrier_message_id C", "receipt_orphan.carrier_message_id C");
        assertThat(columns).allSatisfy(column -> assertThat(column).endsWith(" C"));
        List<String> indexCollations = query("""
                SELECT co.collname
                  FROM pg_index i, unnest(i.indcollation::oid[]) AS k(coll) JOIN pg_collation co ON co.oid = k.coll
                 WHERE i.indrelid = 'carrier_ref_p20261121'::regclass""");
        assertThat(indexCollations).containsExactly("C", "C");
        assertThat(query("SELECT count(*) FROM message_current")).containsExactly("0");
    }

    @Test
    void retentionDropsOldPartitionsAndKeepsTheRest() throws SQLException {
        Database own = Database.open(TestDatabases.fresh("schema_test_retention"));
        try {
            Partitions partitions = new Partitions(own.dataSource(), new RetentionConfig(3, 1, 1, 3, 14));
            partitions.ensure(TODAY.minusDays(5)); // 11-15 .. 11-17
            partitions.ensure(TODAY);              // 11-20 .. 11-22

            List<String> dropped = partitions.dropExpired(TODAY); // keeps 11-18 and later

            assertThat(dropped).containsExactlyInAnyOrder(
                    "message_p20261115", "message_p20261116", "message_p20261117",
                    "message_event_p20261115", "message_event_p20261116", "message_event_p20261117",
                    "carrier_ref_p20261115", "carrier_ref_p20261116", "carrier_ref_p20261117");
            assertThat(partitions.list()).containsExactly(
                    "carrier_ref_p20261120", "carrier_ref_p20261121", "carrier_ref_p20261122",
                    "message_event_p20261120", "message_event_p20261121", "message_event_p20261122",
                    "message_p20261120", "message_p20261121", "message_p20261122");
        } finally {
            own.close();
        }
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
