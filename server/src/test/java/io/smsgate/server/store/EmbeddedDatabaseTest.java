package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server as the gateway runs it: its own data directory, the server's durable defaults. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataPath;

    @Test
    void serverDefaultsAreDurableAndDataSurvivesARestart() throws SQLException, IOException {
        StoreConfig config = StoreConfig.DEFAULTS.withDataPath(dataPath);
        int port;
        try (Database database = Database.open(config)) {
            assertThat(show(database, "fsync")).isEqualTo("on");
            assertThat(show(database, "synchronous_commit")).isEqualTo("on");
            assertThat(show(database, "full_page_writes")).isEqualTo("on");
            assertThat(show(database, "listen_addresses")).isEqualTo("127.0.0.1");
            execute(database, "INSERT INTO carrier (carrier_id) VALUES ('alpha')");
            port = Integer.parseInt(show(database, "port"));
        }

        // A crashed machine leaves postmaster.pid behind; its pid now names some other process (here: us).
        Files.writeString(dataPath.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n");

        try (Database restarted = Database.open(config)) {
            assertThat(Integer.parseInt(show(restarted, "port"))).isEqualTo(port);
            assertThat(show(restarted, "(SELECT string_agg(carrier_id, ',') FROM carrier)")).isEqualTo("alpha");
        }
    }

    private static String show(Database database, String setting) throws SQLException {
        String sql = setting.startsWith("(") ? "SELECT " + setting : "SHOW " + setting;
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
